// The ingest worker as a child process (`node --import tsx scripts/ingest.ts`), as production runs
// it, so a test can SIGKILL it mid-batch and start it again. Each worker leads a process group of
// its own (detached), and is killed by group; every worker still alive is killed when the test
// process exits, whatever happened (a backstop for afterAll).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export interface WorkerEnv {
  DATABASE_URL: string;
  MQTT_URL: string;
  SCALE_SECRET_KEY: string;
  INGEST_GROUP: string;
  INGEST_CONNECTIONS: string;
  INGEST_MAX_BATCH: string;
  INGEST_SESSION_EXPIRY_S: string;
  INGEST_WORKER_ID?: string;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface WorkerProcess {
  readonly pid: number;
  /** resolves on the worker's `ingest.started` log line, rejects if it exits first */
  readonly started: Promise<void>;
  readonly exited: Promise<Exit>;
  /** whether the process has exited */
  readonly done: boolean;
  /** the last lines of its stdout and stderr, for failure messages */
  tail(lines?: number): string;
  /** how many batches it logged as failed (rolled back, redelivered), over its whole life */
  readonly failedBatches: number;
  /** the fields of its `ingest.stopped` line (after a graceful stop): received, accepted, duplicates … */
  readonly summary: Record<string, unknown> | null;
  /** its /health and /metrics port, once it has logged it */
  readonly metricsPort: number | null;
  /** GET /health: the HTTP status and the body */
  health(): Promise<{ status: number; body: Record<string, unknown> }>;
  /** one value of /metrics (a gauge or counter without labels) */
  metric(name: string): Promise<number>;
  /** SIGKILL to its whole process group; resolves when it has exited */
  kill(): Promise<Exit>;
  /** SIGTERM (drains and acknowledges what it holds), SIGKILL after `graceMs` */
  stop(graceMs?: number): Promise<Exit>;
  /** SIGUSR2: leaves the shared subscription for good (empties and ends its sessions), SIGKILL after `graceMs` */
  leave(graceMs?: number): Promise<Exit>;
}

const alive = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

process.once('exit', () => {
  for (const child of alive) killGroup(child, 'SIGKILL');
});

export function spawnWorker(env: WorkerEnv, label = 'worker'): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/ingest.ts'], {
    cwd: root,
    env: { ...process.env, ...env, INGEST_METRICS_PORT: '0', INGEST_TRACE: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  if (child.pid === undefined) throw new Error(`${label}: could not spawn the ingest worker`);
  alive.add(child);
  const lines: string[] = [];
  let failedBatches = 0;
  let summary: Record<string, unknown> | null = null;
  let metricsPort: number | null = null;
  let resolveStarted!: () => void;
  let rejectStarted!: (error: Error) => void;
  const started = new Promise<void>((resolve, reject) => {
    resolveStarted = resolve;
    rejectStarted = reject;
  });
  started.catch(() => {}); // observed through `exited` when nobody waits for the start
  const take = (stream: NodeJS.ReadableStream, name: string) => {
    let rest = '';
    // always read: a worker writing to a full pipe would block (pipes are synchronous on Linux)
    stream.on('data', (chunk: Buffer) => {
      const text = rest + chunk.toString();
      const parts = text.split('\n');
      rest = parts.pop() ?? '';
      for (const line of parts) {
        if (line.includes('"ingest.started"')) resolveStarted();
        if (line.includes('"ingest.metrics_listening"')) metricsPort = Number(/"port":(\d+)/.exec(line)?.[1] ?? NaN);
        if (line.includes('"ingest.batch_failed"')) failedBatches++;
        if (line.includes('"ingest.stopped"')) {
          try {
            summary = JSON.parse(line) as Record<string, unknown>;
          } catch {
            /* not ours */
          }
        }
        lines.push(`${label} ${name}: ${line.slice(0, 500)}`);
        if (lines.length > 200) lines.shift();
      }
    });
  };
  take(child.stdout!, 'out');
  take(child.stderr!, 'err');
  let done = false;
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => {
      done = true;
      alive.delete(child);
      rejectStarted(new Error(`${label} exited (code ${code}, signal ${signal}) before ingest.started:\n${lines.slice(-20).join('\n')}`));
      resolve({ code, signal });
    });
  });
  const worker: WorkerProcess = {
    pid: child.pid,
    started,
    exited,
    get done() {
      return done;
    },
    get failedBatches() {
      return failedBatches;
    },
    get summary() {
      return summary;
    },
    get metricsPort() {
      return metricsPort;
    },
    health: async () => {
      if (!metricsPort) throw new Error(`${label}: no metrics port logged yet`);
      const response = await fetch(`http://127.0.0.1:${metricsPort}/health`);
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    metric: async (name) => {
      if (!metricsPort) throw new Error(`${label}: no metrics port logged yet`);
      const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      const line = text.split('\n').find((l) => l.startsWith(`${name} `));
      if (!line) throw new Error(`${label}: no metric ${name}`);
      return Number(line.slice(name.length + 1));
    },
    tail: (n = 20) => lines.slice(-n).join('\n'),
    kill: async () => {
      killGroup(child, 'SIGKILL');
      return exited;
    },
    stop: (graceMs = 10_000) => signalAndWait('SIGTERM', graceMs),
    leave: (graceMs = 20_000) => signalAndWait('SIGUSR2', graceMs),
  };
  async function signalAndWait(signal: NodeJS.Signals, graceMs: number): Promise<Exit> {
    killGroup(child, signal);
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
    const exit = await exited;
    clearTimeout(timer);
    // the worker's group may hold nothing else, but make sure
    killGroup(child, 'SIGKILL');
    return exit;
  }
  return worker;
}

/** Kills every worker still running (afterAll, even after a failure). */
export async function killAllWorkers(): Promise<void> {
  const waits = [...alive].map((child) => new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    killGroup(child, 'SIGKILL');
  }));
  await Promise.all(waits);
}

/**
 * Keeps one worker running like a process supervisor (systemd Restart=always, a Kubernetes pod):
 * restarts it when it exits on its own (a crash), and lets the test SIGKILL and restart it.
 */
export class Supervisor {
  current: WorkerProcess | null = null;
  /** every worker it started, in order */
  readonly workers: WorkerProcess[] = [];
  readonly crashes: { exit: Exit; tail: string }[] = [];
  starts = 0;
  private supervising = true;
  private restarting: Promise<void> | null = null;

  constructor(
    private readonly env: WorkerEnv,
    private readonly label: string,
    private readonly restartDelayMs = 200,
  ) {}

  /** Starts the worker (does not wait for it to be ready: see `ready`). */
  start(): WorkerProcess {
    const worker = spawnWorker(this.env, `${this.label}#${++this.starts}`);
    this.current = worker;
    this.workers.push(worker);
    void worker.exited.then((exit) => {
      if (this.current !== worker || !this.supervising) return;
      // not killed by the test: a crash; a supervisor restarts it
      this.crashes.push({ exit, tail: worker.tail(120) });
      this.restarting = new Promise<void>((resolve) => setTimeout(resolve, this.restartDelayMs)).then(() => {
        this.restarting = null;
        if (this.supervising && this.current === worker) this.start();
      });
    });
    return worker;
  }

  /** the `ingest.stopped` summary of the last worker that logged one (after a graceful stop) */
  get lastSummary(): Record<string, unknown> | null {
    return this.workers.findLast((w) => w.summary)?.summary ?? null;
  }

  /** batches logged as failed by all its workers */
  get failedBatches(): number {
    return this.workers.reduce((sum, w) => sum + w.failedBatches, 0);
  }

  /** Waits until the current worker logged ingest.started (following restarts after crashes). */
  async ready(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const worker = this.current;
      if (!worker) throw new Error(`${this.label}: not started`);
      const result = await Promise.race([
        worker.started.then(() => 'started' as const, () => 'exited' as const),
        new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), Math.max(0, deadline - Date.now()))),
      ]);
      if (result === 'started') return;
      if (result === 'timeout') throw new Error(`${this.label}: no ingest.started within ${timeoutMs} ms:\n${worker.tail()}`);
      await this.restarting;
      if (Date.now() > deadline) throw new Error(`${this.label}: kept crashing at start:\n${worker.tail()}`);
    }
  }

  /** SIGKILL now; with `restart`, start it again at once (same group and worker id: its sessions resume). */
  async kill(restart: boolean): Promise<WorkerProcess | null> {
    const worker = this.current;
    this.current = null;
    await worker?.kill();
    return restart ? this.start() : null;
  }

  /** Stops supervising; the worker leaves its group for good (SIGUSR2). */
  async leave(): Promise<Exit | null> {
    this.supervising = false;
    await this.restarting;
    const worker = this.current;
    this.current = null;
    return worker ? worker.leave() : null;
  }

  /** Stops supervising and stops the worker gracefully (SIGTERM). */
  async stop(): Promise<void> {
    this.supervising = false;
    await this.restarting;
    const worker = this.current;
    this.current = null;
    await worker?.stop();
  }
}
