// `npm run seed`: migrates DATABASE_URL and fills it with the demo city (Hengyang) when it is empty.
// Options: --days N (history, default 30), --today YYYY-MM-DD (default today in China), --seed N.
import { parseArgs } from 'node:util';
import { migrate } from '../lib/db/migrate.ts';
import { DEMO_PASSWORD, DEMO_USERS, isSeeded, seedDemoCity } from '../lib/db/seed/index.ts';
import { loadPlatformKey } from '../lib/crypto/secret-box.ts';

const { values } = parseArgs({
  options: { days: { type: 'string' }, today: { type: 'string' }, seed: { type: 'string' } },
});
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is not set');
  process.exit(1);
}
const number = (value: string | undefined, name: string): number | undefined => {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed)) throw new Error(`--${name} must be an integer, got ${value}`);
  return parsed;
};

const applied = await migrate(url);
if (applied.length) console.log(`migrations applied: ${applied.join(', ')}`);
if (await isSeeded(url)) {
  console.log('The database already holds a city: not seeding. Seed into an empty database instead.');
  process.exit(0);
}

const started = performance.now();
const summary = await seedDemoCity(url, {
  historyDays: number(values.days, 'days'),
  today: values.today,
  seed: number(values.seed, 'seed'),
  // with the platform key, every scale is provisioned (its secret sealed with the key)
  platformKey: process.env.SCALE_SECRET_KEY ? loadPlatformKey() : undefined,
  log: (message) => console.log(`  ${message}`),
});
console.log(`\nSeeded the demo city in ${((performance.now() - started) / 1000).toFixed(1)} s `
  + `(seed ${summary.seed}, ${summary.historyDays} days up to ${summary.today}):`);
for (const [table, count] of Object.entries(summary.counts)) console.log(`  ${table.padEnd(16)} ${count.toLocaleString('en-US').padStart(9)}`);
console.log(`\nDemo accounts (password for all: ${DEMO_PASSWORD}):`);
for (const user of DEMO_USERS) console.log(`  ${user.username.padEnd(10)} ${user.role.padEnd(19)} ${user.description.en}`);
