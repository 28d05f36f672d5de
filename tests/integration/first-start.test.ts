// A newcomer's first `npm start` on a fresh machine, as root (CI is root): a fresh clone in a 0700
// folder (root's home, `mktemp -d`), which the account PostgreSQL switches to cannot enter. It must
// reach the sign-in page with the embedded services, stop cleanly on Ctrl-C and leave the tree
// clean; a taken port must end it with one line; the next start reuses it all and stops on a
// SIGTERM to npm alone (as a supervisor sends it). The steps run in order on one clone of HEAD:
// commit what this should test. Slow by nature (npm ci, the demo seed, next build): every wait is
// on a condition, under a ceiling meant for a slow machine.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATA_ROOT, projectKey } from '../../lib/platform/embedded-postgres-plan.ts';
import { freePort } from '../support/services.ts';

const repository = path.resolve(import.meta.dirname, '../..');
const MINUTE = 60_000;

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Runs to the end (or the ceiling) and keeps the output, for the assertion's message. */
function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; ceilingMs: number }): Promise<Finished & { output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.ceilingMs);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output });
    });
  });
}

/** The sign-in page as a newcomer's browser first gets it, or undefined while it is not up. */
async function signInPage(url: string): Promise<string | undefined> {
  try {
    const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(10_000) });
    return response.status === 200 ? await response.text() : undefined;
  } catch {
    return undefined;
  }
}

const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

interface Started {
  child: ChildProcess;
  output: () => string;
  finished: Promise<Finished>;
}

/** `npm start` in its own process group, so that a signal to the group is what a terminal's Ctrl-C does. */
function npmStart(cwd: string, env: NodeJS.ProcessEnv): Started {
  let output = '';
  const child = spawn('npm', ['start'], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const finished = new Promise<Finished>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, output: () => output, finished };
}

/** The sign-in page once it answers, or undefined if npm start ended or the ceiling passed first. */
async function waitForSignIn(started: Started, url: string, ceilingMs: number): Promise<string | undefined> {
  const deadline = Date.now() + ceilingMs;
  let page: string | undefined;
  while (!page && !hasExited(started.child) && Date.now() < deadline) {
    page = await signInPage(url);
    if (!page) await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return page;
}

const within = <T,>(promise: Promise<T>, ms: number) => Promise.race([promise, new Promise<undefined>((resolve) => setTimeout(resolve, ms))]);
const STACK_OR_CRASH = /EACCES|Unhandled|\n\s+at .*:\d+:\d+/;

describe('first npm start as root, from a fresh clone in a private (0700) folder', { timeout: 12 * MINUTE }, () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'ss-first-start-'));
  const clone = path.join(realpathSync(folder), 'sunshine-scale');
  // as root the data lives outside the clone, which the server's account cannot enter
  const dataDir = process.getuid?.() === 0 ? path.join(DATA_ROOT, projectKey(clone), 'postgres') : path.join(clone, '.data', 'postgres');
  // the embedded services, as for a newcomer: CI's own PostgreSQL and broker are not theirs
  const { DATABASE_URL: _database, MQTT_URL: _broker, ...inherited } = process.env;
  const env: NodeJS.ProcessEnv = { ...inherited, SIMULATED_SCALES: '3', NEXT_TELEMETRY_DISABLED: '1' };
  const started: Started[] = [];

  beforeAll(async () => {
    const [pgPort, mqttPort, webPort, metricsPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
    Object.assign(env, { EMBEDDED_PG_PORT: String(pgPort), EMBEDDED_MQTT_PORT: String(mqttPort), PORT: String(webPort), INGEST_METRICS_PORT: String(metricsPort) });
  });

  afterAll(() => {
    // a step failed before its stop: end each whole group (npm, the services, the server) first
    for (const { child } of started) if (child.pid && !hasExited(child)) process.kill(-child.pid, 'SIGKILL');
    rmSync(folder, { recursive: true, force: true });
    // the data folder root's start made outside the clone; the binary cache is shared and stays
    rmSync(path.join(DATA_ROOT, projectKey(clone)), { recursive: true, force: true });
  });

  it('clones and installs', async () => {
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    const cloned = await run('git', ['clone', '--quiet', repository, clone], { cwd: folder, env, ceilingMs: 2 * MINUTE });
    expect(cloned.code, cloned.output).toBe(0);
    const installed = await run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: clone, env, ceilingMs: 8 * MINUTE });
    expect(installed.code, installed.output).toBe(0);
  });

  it('ends with one line naming the setting when the database port is taken', async () => {
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(Number(env.EMBEDDED_PG_PORT), '127.0.0.1', () => resolve()));
    try {
      const failed = await run('npm', ['start'], { cwd: clone, env, ceilingMs: 2 * MINUTE });
      expect(failed.code, failed.output).toBe(1);
      expect(failed.output).toContain(`[start] port ${env.EMBEDDED_PG_PORT} is in use: set EMBEDDED_PG_PORT to a free port`);
      expect(failed.output).not.toMatch(STACK_OR_CRASH);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });

  it('reaches the sign-in page with the embedded services, and stops cleanly on Ctrl-C', async () => {
    const start = npmStart(clone, env);
    started.push(start);
    const page = await waitForSignIn(start, `http://127.0.0.1:${env.PORT}/login`, 8 * MINUTE);
    expect(page, `no sign-in page; npm start said:\n${start.output()}`).toBeDefined();
    expect(page).toMatch(/<form[\s>]/);
    expect(page).toMatch(/name="username"/);
    expect(page).toMatch(/name="password"/);
    expect(start.output()).not.toMatch(STACK_OR_CRASH);

    process.kill(-start.child.pid!, 'SIGINT');
    expect(await within(start.finished, 2 * MINUTE), `npm start did not stop; it said:\n${start.output()}`).toEqual({ code: 0, signal: null });
    expect(start.output()).toMatch(/\[start\] stopped/);
    expect(existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true);
    expect(existsSync(path.join(dataDir, 'postmaster.pid')), 'PostgreSQL was not shut down').toBe(false);
  });

  it('starts again on the same data and build, and stops on a SIGTERM to npm alone', async () => {
    const start = npmStart(clone, env);
    started.push(start);
    const page = await waitForSignIn(start, `http://127.0.0.1:${env.PORT}/login`, 8 * MINUTE);
    expect(page, `no sign-in page; npm start said:\n${start.output()}`).toBeDefined();
    expect(start.output()).not.toMatch(/seeding|building the web app/);

    start.child.kill('SIGTERM');
    expect(await within(start.finished, 2 * MINUTE), `npm start did not stop; it said:\n${start.output()}`).toEqual({ code: 0, signal: null });
    expect(existsSync(path.join(dataDir, 'postmaster.pid')), 'PostgreSQL was left running').toBe(false);
  });

  it('leaves the tree clean', async () => {
    const status = await run('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: clone, env, ceilingMs: MINUTE });
    expect(status.code).toBe(0);
    expect(status.output).toBe('');
  });
});
