// The simulated scale fleet: `npm run simulate -- --scales 40 --rate 4 --misbehave 0.05 [--steady]`
// (DATABASE_URL, MQTT_URL and SCALE_SECRET_KEY required: it plays the platform's own scales).
import { parseArgs } from 'node:util';
import pg from 'pg';
import { z } from 'zod';
import { loadPlatformKey } from '../lib/crypto/secret-box.ts';
import { loadFleet } from '../lib/db/fleet.ts';
import { marketActivity } from '../lib/domain/market-hours.ts';
import { startFleet } from '../lib/simulator/fleet.ts';
import { log } from '../lib/log.ts';

const { values } = parseArgs({
  options: {
    scales: { type: 'string', default: '40' },
    rate: { type: 'string' },
    heartbeat: { type: 'string', default: '30' },
    misbehave: { type: 'string', default: '0.05' },
    // trade in market hours (busy mornings and evenings, quiet nights); --steady for a flat rate
    steady: { type: 'boolean', default: false },
  },
});
const args = z
  .object({
    scales: z.coerce.number().int().min(1).max(20_000),
    rate: z.coerce.number().min(0).max(100_000).optional(),
    heartbeat: z.coerce.number().int().min(1).max(3600),
    misbehave: z.coerce.number().min(0).max(1),
    steady: z.boolean(),
  })
  .safeParse(values);
if (!args.success) {
  console.error(`simulate: ${args.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}`);
  process.exit(2);
}
const { DATABASE_URL, MQTT_URL } = process.env;
if (!DATABASE_URL || !MQTT_URL) {
  console.error('simulate: DATABASE_URL and MQTT_URL must be set (npm start sets them)');
  process.exit(2);
}
const client = new pg.Client({ connectionString: DATABASE_URL });
await client.connect();
const scales = await loadFleet(client, loadPlatformKey(), args.data.scales);
await client.end();
// by default each scale weighs about every ten seconds at the peak of a busy morning, fast enough to watch
const rate = args.data.rate ?? scales.length / 10;
const activity = args.data.steady ? undefined : marketActivity;
const fleet = await startFleet({ mqttUrl: MQTT_URL, scales, rate, activity, heartbeatMs: args.data.heartbeat * 1000, misbehaving: args.data.misbehave });
log.info('simulate.started', { scales: scales.length, peakRatePerS: rate, marketHours: !args.data.steady, activityNow: activity?.(new Date()) ?? 1, misbehave: args.data.misbehave });

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await fleet.stop();
  log.info('simulate.stopped', { published: fleet.published() });
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
