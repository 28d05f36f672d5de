// The simulated bank: `npm run bank` (DATABASE_URL and SCALE_SECRET_KEY required; BANK_WEBHOOK_URL,
// default http://127.0.0.1:$PORT/api/bank/payments). It plays the first programme's bank for the
// fleet's bank-QR sales; `npm start` runs it beside the scale fleet.
import pg from 'pg';
import { loadPlatformKey } from '../lib/crypto/secret-box.ts';
import { simulatedProgramme } from '../lib/db/bank-sales.ts';
import { log } from '../lib/log.ts';
import { startBankSimulator } from '../lib/simulator/bank.ts';

const { DATABASE_URL } = process.env;
if (!DATABASE_URL) {
  console.error('bank: DATABASE_URL must be set (npm start sets it)');
  process.exit(2);
}
const webhookUrl = process.env.BANK_WEBHOOK_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}/api/bank/payments`;
const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 2 });
const programme = await simulatedProgramme(pool, loadPlatformKey());
if (!programme) {
  console.error('bank: the database has no programme (seed it first)');
  process.exit(2);
}
const bank = await startBankSimulator({ pool, webhookUrl, programmeId: programme.id, secret: programme.secret });
log.info('bank.simulator_started', { programme: programme.id, webhookUrl, secretIssued: programme.issued });
const report = setInterval(() => log.info('bank.simulator', { ...bank.stats() }), 60_000);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  clearInterval(report);
  await bank.stop();
  log.info('bank.simulator_stopped', { ...bank.stats() });
  await pool.end();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
