// A Mosquitto of a test's or benchmark's own, on a loopback port, with limits chosen for the job:
// stock Mosquitto queues at most 1 000 messages per client and drops the rest, which would turn a
// fast publisher into silent loss. Needs the `mosquitto` binary (Debian package mosquitto).
// A fault test can stop it (cleanly or with SIGKILL) and start it again on the same port with the
// same persistence directory, as an operator's restart or a crash would.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface OwnBroker {
  url: string;
  port: number;
  /** SIGTERM (Mosquitto saves its persistence file on the way out) or SIGKILL (it saves nothing);
   *  resolves when the process has exited. The port and the persistence directory stay. */
  halt(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /** Starts it again on the same port with the same persistence directory. */
  resume(): Promise<void>;
  /** Stops it for good and removes its directory. */
  stop(): Promise<void>;
}

export interface MosquittoOptions {
  port: number;
  /** keep sessions and queued messages on disk (default false) */
  persistence?: boolean;
  /** seconds between saves of the persistence file (Mosquitto's default: 1800; deploy/mosquitto.conf: 30) */
  autosaveInterval?: number;
}

export function mosquittoAvailable(): boolean {
  return spawnSync('mosquitto', ['-h'], { stdio: 'ignore' }).error === undefined;
}

async function listening(port: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

export async function startMosquitto(options: MosquittoOptions): Promise<OwnBroker> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ss-mosquitto-'));
  const config = [
    `listener ${options.port} 127.0.0.1`,
    'allow_anonymous true',
    'max_queued_messages 0', // no count limit: nothing is dropped while a consumer catches up
    'max_queued_bytes 0',
    'max_inflight_messages 1000',
    `persistence ${options.persistence ? 'true' : 'false'}`,
    `persistence_location ${dir}/`,
    ...(options.autosaveInterval !== undefined ? [`autosave_interval ${options.autosaveInterval}`] : []),
    // run as root (CI), Mosquitto would drop to the `mosquitto` user, which cannot write this directory
    ...(process.getuid?.() === 0 ? ['user root'] : []),
    'log_type error',
  ].join('\n');
  writeFileSync(path.join(dir, 'mosquitto.conf'), `${config}\n`);
  let child: ChildProcess | null = null;

  const launch = async () => {
    const started = spawn('mosquitto', ['-c', path.join(dir, 'mosquitto.conf')], { stdio: ['ignore', 'ignore', 'inherit'] });
    child = started;
    const deadline = Date.now() + 5000;
    for (;;) {
      if (await listening(options.port)) return;
      if (Date.now() > deadline || started.exitCode !== null) {
        started.kill('SIGKILL');
        throw new Error(`mosquitto did not start on port ${options.port}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const halt = async (signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM') => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill(signal);
    await exited;
  };

  await launch();
  return {
    url: `mqtt://127.0.0.1:${options.port}`,
    port: options.port,
    halt,
    resume: async () => {
      // the port was just released: a restart may race the kernel for it for a moment
      for (let attempt = 0; ; attempt++) {
        try {
          return await launch();
        } catch (error) {
          if (attempt >= 20) throw error;
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      }
    },
    stop: async () => {
      await halt('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
