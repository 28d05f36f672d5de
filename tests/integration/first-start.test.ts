// A newcomer's first `npm start` on a fresh machine, as root (CI is root): a fresh clone in a 0700
// folder (root's home, `mktemp -d`), which the account PostgreSQL switches to cannot enter. It must
// reach the sign-in page with the embedded services, stop cleanly on Ctrl-C and leave the tree
// clean. The clone is of HEAD: commit what this should test. Slow by nature (npm ci, the demo
// seed, next build): every wait is on a condition, under a ceiling meant for a slow machine.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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

describe('first npm start as root, from a fresh clone in a private (0700) folder', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'ss-first-start-'));
  const clone = path.join(realpathSync(folder), 'sunshine-scale');
  let start: ChildProcess | undefined;

  afterAll(() => {
    // Ctrl-C did not end it: end the whole group (npm, the services, the server) before removing
    if (start?.pid && !hasExited(start)) process.kill(-start.pid, 'SIGKILL');
    rmSync(folder, { recursive: true, force: true });
    // the data folder root's start made outside the clone; the binary cache is shared and stays
    rmSync(path.join(DATA_ROOT, projectKey(clone)), { recursive: true, force: true });
  });

  it('reaches the sign-in page with the embedded services, stops cleanly on Ctrl-C and leaves the tree clean', { timeout: 20 * MINUTE }, async () => {
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    // the embedded services, as for a newcomer: CI's own PostgreSQL and broker are not theirs
    const { DATABASE_URL: _database, MQTT_URL: _broker, ...env } = process.env;
    const cloned = await run('git', ['clone', '--quiet', repository, clone], { cwd: folder, env, ceilingMs: 2 * MINUTE });
    expect(cloned.code, cloned.output).toBe(0);
    const installed = await run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: clone, env, ceilingMs: 8 * MINUTE });
    expect(installed.code, installed.output).toBe(0);

    const [pgPort, mqttPort, webPort, metricsPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
    let output = '';
    const finished = new Promise<Finished>((resolve) => {
      // its own process group, so that a SIGINT to the group is what a terminal's Ctrl-C does
      start = spawn('npm', ['start'], {
        cwd: clone,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...env,
          EMBEDDED_PG_PORT: String(pgPort),
          EMBEDDED_MQTT_PORT: String(mqttPort),
          PORT: String(webPort),
          INGEST_METRICS_PORT: String(metricsPort),
          SIMULATED_SCALES: '3',
          NEXT_TELEMETRY_DISABLED: '1',
        },
      });
      start.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      start.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      start.once('exit', (code, signal) => resolve({ code, signal }));
    });

    const deadline = Date.now() + 8 * MINUTE;
    let page: string | undefined;
    while (!page && !hasExited(start!) && Date.now() < deadline) {
      page = await signInPage(`http://127.0.0.1:${webPort}/login`);
      if (!page) await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    expect(page, `no sign-in page; npm start said:\n${output}`).toBeDefined();
    expect(page).toMatch(/<form[\s>]/);
    expect(page).toMatch(/name="username"/);
    expect(page).toMatch(/name="password"/);
    expect(output).not.toMatch(/EACCES|Unhandled|\n\s+at .*:\d+:\d+/);

    process.kill(-start!.pid!, 'SIGINT');
    const stopped = await Promise.race([finished, new Promise<undefined>((resolve) => setTimeout(resolve, 2 * MINUTE))]);
    expect(stopped, `npm start did not stop; it said:\n${output}`).toEqual({ code: 0, signal: null });
    expect(output).toMatch(/\[start\] stopped/);
    // as root the data lives outside the clone, which the server's account cannot enter
    const dataDir = process.getuid?.() === 0 ? path.join(DATA_ROOT, projectKey(clone), 'postgres') : path.join(clone, '.data', 'postgres');
    expect(existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true);
    expect(existsSync(path.join(dataDir, 'postmaster.pid')), 'PostgreSQL was not shut down').toBe(false);

    const status = await run('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: clone, env, ceilingMs: MINUTE });
    expect(status.output).toBe('');
  });
});
