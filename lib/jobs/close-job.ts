// The business-day close as a job on pg-boss 10, in its own schema of the platform's PostgreSQL.
// Why pg-boss rather than a timer: its cron survives restarts and runs once across processes (the
// schedule lives in the database), a failed run is retried with back-off, the queue's `singleton`
// policy keeps two closes from running at once, and every run is a row one can inspect. Version 10
// is the last whose engines fit Node 20 (11 wants 22). graphile-worker 0.16 would do as well; pg-boss
// needs no extra process type and its cron takes a time zone, which the day boundary needs.
//
// The job closes every day not closed yet up to yesterday (lib/db/settlement-close.ts): the nightly
// run closes the day just ended, and a run at start-up closes whatever was missed while the platform
// was down. Closing is idempotent, so a retry or a second trigger changes nothing.
import PgBoss from 'pg-boss';
import type pg from 'pg';
import { closeDueDays, type DayCloseResult } from '../db/settlement-close.ts';
import { log as defaultLog } from '../log.ts';

export const CLOSE_QUEUE = 'close-business-days';
/** Five minutes after local midnight, China time: the day has ended, late scale clocks have caught up. */
export const CLOSE_CRON = '5 0 * * *';
export const CLOSE_TZ = 'Asia/Shanghai';
export const JOBS_SCHEMA = 'pgboss';

export interface JobRunner {
  /** queue a close now (the start-up run uses it too); null when pg-boss refused a duplicate */
  trigger(): Promise<string | null>;
  stop(): Promise<void>;
}

export interface JobRunnerOptions {
  databaseUrl: string;
  /** the pool the close writes with */
  pool: pg.Pool;
  /** one event per closed day (settlement.day_closed) and the runner's errors; default: a JSON line on stdout */
  log?: (event: string, fields: Record<string, unknown>) => void;
  /** how often idle workers look for a job; pg-boss also wakes them at once on send() */
  pollingIntervalSeconds?: number;
  /** for tests: what "now" is when a run decides which days are due */
  now?: () => Date;
}

export async function startJobRunner(options: JobRunnerOptions): Promise<JobRunner> {
  const log = options.log ?? defaultLog.info;
  const boss = new PgBoss({ connectionString: options.databaseUrl, schema: JOBS_SCHEMA, max: 3, application_name: 'sunshine-jobs' });
  boss.on('error', (error: Error) => log('jobs.error', { message: error.message }));
  await boss.start();
  await boss.createQueue(CLOSE_QUEUE, { name: CLOSE_QUEUE, policy: 'singleton', retryLimit: 5, retryDelay: 60, retryBackoff: true, expireInSeconds: 30 * 60 });
  await boss.schedule(CLOSE_QUEUE, CLOSE_CRON, {}, { tz: CLOSE_TZ });
  const workerId = await boss.work(CLOSE_QUEUE, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 10 }, async () => {
    const onDay = (result: DayCloseResult) => log('settlement.day_closed', { ...result });
    const results = await closeDueDays(options.pool, { now: options.now?.(), onDay });
    return { closed: results.map((result) => result.businessDay) };
  });
  const trigger = async () => {
    const id = await boss.send(CLOSE_QUEUE, {}, { retryLimit: 5, retryDelay: 60, retryBackoff: true });
    boss.notifyWorker(workerId); // run it now rather than at the next poll
    return id;
  };
  return {
    trigger,
    stop: () => boss.stop({ graceful: true, wait: true, timeout: 4_000 }),
  };
}
