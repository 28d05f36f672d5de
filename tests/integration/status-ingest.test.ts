// The first ingest capability over a real broker and a real database: status messages.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import mqtt from 'mqtt';
import { createDb, type Db } from '../../lib/db/client.ts';
import { startStatusWorker, type StatusWorker } from '../../lib/ingest/status-worker.ts';
import { statusTopic } from '../../lib/domain/protocol/topics.ts';
import { startFleet } from '../../lib/simulator/fleet.ts';

let db: Db;
let worker: StatusWorker;
const clientId = `it-ingest-${process.pid}-${Date.now()}`;

async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  db = createDb(inject('databaseUrl'));
  worker = await startStatusWorker(db, { mqttUrl: inject('mqttUrl'), clientId });
});
afterAll(async () => {
  await worker.stop();
  await db.$disconnect();
  // End the worker's persistent session so a shared broker keeps nothing queued for it.
  const cleaner = await mqtt.connectAsync(inject('mqttUrl'), { clientId, clean: true, protocolVersion: 4 });
  await cleaner.endAsync();
});

describe('scale status through the broker', () => {
  it('marks a simulated scale online, and offline when it stops', async () => {
    const scale = await db.scale.findFirstOrThrow({ where: { purpose: 'trade', status: 'in_service' }, orderBy: { id: 'asc' } });
    await db.scale.update({ where: { id: scale.id }, data: { online: false, lastSeenAt: null } });
    const fleet = await startFleet({ mqttUrl: inject('mqttUrl'), serials: [scale.serial], heartbeatMs: 60_000 });
    const online = await eventually(() => db.scale.findUniqueOrThrow({ where: { id: scale.id } }), (s) => s.online);
    expect(online.online).toBe(true);
    expect(online.lastSeenAt).not.toBeNull();
    await fleet.stop();
    const offline = await eventually(() => db.scale.findUniqueOrThrow({ where: { id: scale.id } }), (s) => !s.online);
    expect(offline.online).toBe(false);
  });

  it('puts untrustworthy status messages in the dead letter with their reason and bytes', async () => {
    const publisher = await mqtt.connectAsync(inject('mqttUrl'), { clientId: `it-pub-${process.pid}`, protocolVersion: 4 });
    const marker = `NOPE${Date.now().toString(36).toUpperCase()}`;
    const unknown = { v: 1, serial: marker, state: 'online', at: new Date().toISOString() };
    await publisher.publishAsync(statusTopic(marker), JSON.stringify(unknown), { qos: 1 });
    await publisher.publishAsync(statusTopic(`${marker}-J`), '{"v":1,', { qos: 1 });
    await publisher.publishAsync(statusTopic(`${marker}-S`), JSON.stringify({ ...unknown, serial: `${marker}-S`, state: 'asleep' }), { qos: 1 });
    await publisher.endAsync();
    const rows = await eventually(
      () => db.rejectedMessage.findMany({ where: { scaleSerial: { startsWith: marker } }, orderBy: { id: 'asc' } }),
      (r) => r.length >= 3,
    );
    expect(rows.map((row) => [row.scaleSerial, row.reason])).toEqual([
      [marker, 'unknown_scale'],
      [`${marker}-J`, 'not_json'],
      [`${marker}-S`, 'schema'],
    ]);
    expect(Buffer.from(rows[1]!.payload).toString()).toBe('{"v":1,');
  });
});
