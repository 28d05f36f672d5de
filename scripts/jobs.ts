// The job runner: `npm run jobs` (DATABASE_URL required); `npm start` runs it as a child. Today it
// runs one job, the business-day close (lib/jobs/close-job.ts): on cron just after local midnight,
// and once at start so days missed while the platform was down are closed now. One JSON line per
// closed day (event settlement.day_closed).
import pg from 'pg';
import { startJobRunner } from '../lib/jobs/close-job.ts';
import { log } from '../lib/log.ts';

const { DATABASE_URL } = process.env;
if (!DATABASE_URL) {
  console.error('jobs: DATABASE_URL must be set (npm start sets it)');
  process.exit(2);
}
const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 2 });
const runner = await startJobRunner({ databaseUrl: DATABASE_URL, pool });
const startUp = await runner.trigger();
log.info('jobs.started', { startUpClose: startUp });

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  // bounded: on Ctrl-C PostgreSQL stops at the same moment, and npm start allows 20 s for everything
  await Promise.race([runner.stop(), new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
  await Promise.race([pool.end(), new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
  log.info('jobs.stopped');
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
