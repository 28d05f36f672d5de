// A Mosquitto of a test's or benchmark's own, on a loopback port, with limits chosen for the job:
// stock Mosquitto queues at most 1 000 messages per client and drops the rest, which would turn a
// fast publisher into silent loss. Needs the `mosquitto` binary (Debian package mosquitto).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface OwnBroker {
  url: string;
  stop(): Promise<void>;
}

export function mosquittoAvailable(): boolean {
  return spawnSync('mosquitto', ['-h'], { stdio: 'ignore' }).error === undefined;
}

export async function startMosquitto(options: { port: number; persistence?: boolean }): Promise<OwnBroker> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ss-mosquitto-'));
  const config = [
    `listener ${options.port} 127.0.0.1`,
    'allow_anonymous true',
    'max_queued_messages 0', // no count limit: nothing is dropped while a consumer catches up
    'max_queued_bytes 0',
    'max_inflight_messages 1000',
    `persistence ${options.persistence ? 'true' : 'false'}`,
    `persistence_location ${dir}/`,
    'log_type error',
  ].join('\n');
  writeFileSync(path.join(dir, 'mosquitto.conf'), `${config}\n`);
  const child = spawn('mosquitto', ['-c', path.join(dir, 'mosquitto.conf')], { stdio: ['ignore', 'ignore', 'inherit'] });
  const deadline = Date.now() + 5000;
  for (;;) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = net.connect(options.port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (up) break;
    if (Date.now() > deadline || child.exitCode !== null) throw new Error('mosquitto did not start');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `mqtt://127.0.0.1:${options.port}`,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
