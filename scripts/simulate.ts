// The simulated scale fleet: `npm run simulate -- --scales 40 --heartbeat 30`
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createDb } from '../lib/db/client.ts';
import { fleetSerials } from '../lib/db/fleet-serials.ts';
import { startFleet } from '../lib/simulator/fleet.ts';
import { log } from '../lib/log.ts';

const { values } = parseArgs({ options: { scales: { type: 'string', default: '40' }, heartbeat: { type: 'string', default: '30' } } });
const args = z
  .object({ scales: z.coerce.number().int().min(1).max(20_000), heartbeat: z.coerce.number().int().min(1).max(3600) })
  .safeParse(values);
if (!args.success) {
  console.error(`simulate: ${args.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}`);
  process.exit(2);
}
const mqttUrl = process.env.MQTT_URL;
if (!mqttUrl) {
  console.error('MQTT_URL is not set (npm start sets it for the embedded broker)');
  process.exit(2);
}
const db = createDb();
const serials = await fleetSerials(db, args.data.scales);
await db.$disconnect();
const fleet = await startFleet({ mqttUrl, serials, heartbeatMs: args.data.heartbeat * 1000 });
log.info('simulate.started', { scales: serials.length, heartbeatS: args.data.heartbeat });

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await fleet.stop();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
