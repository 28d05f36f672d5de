// A receipt token printed on two genuine weighings (issue: the second was stored without a receipt
// of its own and its QR code opened the first purchase). Signed weighings through a real broker and
// worker, and batches written side by side as two lanes would: both weighings stored, the later one
// with the finding receipt_reused, a critical alert, and a receipt under its derived token; the
// printed token shows neither purchase (the page's lookup and the API's 409); a redelivery stays a
// duplicate.
import { randomBytes } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '../../lib/db/client.ts';
import { lookUpReceipt } from '../../lib/db/queries/receipts.ts';
import { findReweighCandidates } from '../../lib/db/reweighs.ts';
import { withSignature } from '../../lib/domain/protocol/signature.ts';
import { weighingTopic } from '../../lib/domain/protocol/topics.ts';
import { derivedReceiptToken } from '../../lib/domain/receipt-reuse.ts';
import { startIngest, type Ingest } from '../../lib/ingest/consumer.ts';
import { processBatch, type Inbound } from '../../lib/ingest/pipeline.ts';
import { demoActor } from '../support/actors.ts';
import { eventually } from '../support/eventually.ts';
import { endWorkerSessions } from '../support/worker-sessions.ts';
import { provisionFleet, registeredPlu, weighingFields, type FleetScale, type SignedWeighing } from '../support/fleet-messages.ts';

const key = randomBytes(32);
const group = `reuse${process.pid}${randomBytes(2).toString('hex')}`;
let pool: pg.Pool;
let db: Db;
let ingest: Ingest;
let publisher: MqttClient;
let scales: FleetScale[];
let plu: string;
let GET: (request: Request, ctx: { params: Promise<{ token: string }> }) => Promise<Response>;

const newToken = () => randomBytes(16).toString('base64url');

/** The next signed weighing of `scale`, carrying the receipt token given. */
function weighingWith(scale: FleetScale, receipt: string): SignedWeighing {
  const seq = scale.nextSeq++;
  const message = withSignature(scale.secret, { ...weighingFields(scale, seq, seq * 7 + scale.id, plu), receipt });
  return { topic: weighingTopic(scale.serial), payload: JSON.stringify(message), scale, seq, sig: message.sig };
}

const inbound = (w: SignedWeighing): Inbound => ({ topic: w.topic, payload: Buffer.from(w.payload), receivedAt: new Date() });
const priceOf = (w: SignedWeighing) => (JSON.parse(String(w.payload)) as { priceFen: number }).priceFen;

interface Stored {
  seq: string;
  priceFen: number;
  findings: string[];
  token: string | null;
  printedToken: string | null;
}

async function stored(w: SignedWeighing): Promise<Stored[]> {
  const { rows } = await pool.query<Stored>(
    `SELECT w.seq::text AS seq, w."priceFen", w.findings, r.token, r."printedToken"
       FROM "Weighing" w LEFT JOIN "Receipt" r ON r."weighingId" = w.id
      WHERE w."scaleId" = $1 AND w.seq = $2`,
    [w.scale.id, w.seq],
  );
  return rows;
}

async function api(token: string) {
  const response = await GET(new Request(`http://localhost/api/receipts/${token}`), { params: Promise.resolve({ token }) });
  return { status: response.status, body: (await response.json()) as { error?: string; receipt?: { priceFen: number; reissued: boolean } } };
}

beforeAll(async () => {
  // the route handler reads its database from the environment, as the app does
  process.env.DATABASE_URL = inject('databaseUrl');
  ({ GET } = await import('../../app/api/receipts/[token]/route.ts'));
  pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 6 });
  db = createDb(inject('databaseUrl'));
  scales = await provisionFleet(pool, key, { count: 4, skip: 160 });
  plu = await registeredPlu(pool);
  ingest = await startIngest({ mqttUrl: inject('mqttUrl'), pool, platformKey: key, group, connections: 4, maxBatch: 4, maxWaitMs: 5 });
  publisher = await mqtt.connectAsync(inject('mqttUrl'), { clientId: `${group}-pub`, protocolVersion: 4 });
});

afterAll(async () => {
  await publisher?.endAsync();
  await ingest?.stop();
  await db?.$disconnect();
  await pool?.end();
  await endWorkerSessions(inject('mqttUrl'), group, ingest);
});

describe('a receipt token printed on two weighings', () => {
  it('stores both through the broker; the later one gets the finding, an alert and a receipt of its own', async () => {
    const token = newToken();
    const first = weighingWith(scales[0]!, token);
    const later = weighingWith(scales[1]!, token);
    await publisher.publishAsync(first.topic, first.payload, { qos: 1 });
    await eventually(() => stored(first), (rows) => rows.length > 0);
    await publisher.publishAsync(later.topic, later.payload, { qos: 1 });
    const laterRows = await eventually(() => stored(later), (rows) => rows.length > 0 && rows[0]!.token !== null);

    expect(await stored(first)).toEqual([{ seq: String(first.seq), priceFen: priceOf(first), findings: [], token, printedToken: null }]);
    const derived = derivedReceiptToken(Buffer.from(later.sig, 'hex'));
    expect(laterRows).toEqual([{ seq: String(later.seq), priceFen: priceOf(later), findings: ['receipt_reused'], token: derived, printedToken: token }]);
    const alerts = await pool.query(`SELECT severity, status FROM "Alert" WHERE "scaleId" = $1 AND rule = 'receipt_reused'`, [later.scale.id]);
    expect(alerts.rows).toEqual([{ severity: 'critical', status: 'open' }]);

    // the printed token shows neither purchase; the derived one shows the later purchase only
    expect(await lookUpReceipt(db, token)).toEqual({ kind: 'reused' });
    const own = await lookUpReceipt(db, derived);
    expect(own.kind === 'receipt' && own.receipt.priceFen).toBe(priceOf(later));
    expect(own.kind === 'receipt' && own.receipt.reissued).toBe(true);
    expect(await api(token)).toEqual({ status: 409, body: { error: 'receipt_reused' } });
    const answer = await api(derived);
    expect(answer.status).toBe(200);
    expect(answer.body.receipt).toMatchObject({ priceFen: priceOf(later), reissued: true });
    // the fair-scale clerk who scans the printed code is shown both purchases, to tell apart by the paper
    const candidates = await findReweighCandidates(db, (await demoActor(db, 'city')).scope, { kind: 'receipt', token });
    expect(candidates.map((c) => c.priceFen)).toEqual([priceOf(first), priceOf(later)]);

    // a redelivery of the later weighing is a duplicate: no second weighing, receipt or finding
    const duplicatesBefore = ingest.metrics.duplicates;
    await publisher.publishAsync(later.topic, later.payload, { qos: 1 });
    await eventually(async () => ingest.metrics.duplicates, (n) => n > duplicatesBefore);
    expect(await stored(later)).toEqual(laterRows);
    const receipts = await pool.query(`SELECT count(*)::int AS n FROM "Receipt" WHERE token = $1 OR "printedToken" = $1`, [token]);
    expect(receipts.rows[0].n).toBe(2);
  });

  it('in one batch: the first to arrive keeps the token, the next derives its own; a retry of the batch changes nothing', async () => {
    const token = newToken();
    const first = weighingWith(scales[2]!, token);
    const later = weighingWith(scales[2]!, token);
    const other = weighingWith(scales[3]!, token);
    const batch = [first, later, other].map(inbound);
    const outcomes = await processBatch(pool, { platformKey: key }, batch);
    expect(outcomes).toEqual([
      { kind: 'accepted', findings: [] },
      { kind: 'accepted', findings: ['receipt_reused'] },
      { kind: 'accepted', findings: ['receipt_reused'] },
    ]);
    expect((await stored(first))[0]).toMatchObject({ token, printedToken: null });
    for (const w of [later, other]) {
      expect(await stored(w)).toEqual([
        { seq: String(w.seq), priceFen: priceOf(w), findings: ['receipt_reused'], token: derivedReceiptToken(Buffer.from(w.sig, 'hex')), printedToken: token },
      ]);
    }
    expect(await processBatch(pool, { platformKey: key }, batch)).toEqual([{ kind: 'duplicate' }, { kind: 'duplicate' }, { kind: 'duplicate' }]);
    const receipts = await pool.query(`SELECT count(*)::int AS n FROM "Receipt" WHERE token = $1 OR "printedToken" = $1`, [token]);
    expect(receipts.rows[0].n).toBe(3);
  });

  it('two lanes writing the same token at once: both weighings stored, exactly one owns the token', async () => {
    for (let round = 0; round < 5; round++) {
      const token = newToken();
      const a = weighingWith(scales[0]!, token);
      const b = weighingWith(scales[1]!, token);
      const outcomes = await Promise.all([processBatch(pool, { platformKey: key }, [inbound(a)]), processBatch(pool, { platformKey: key }, [inbound(b)])]);
      const rows = [...(await stored(a)), ...(await stored(b))];
      expect(rows).toHaveLength(2);
      expect(rows.filter((row) => row.token === token && row.printedToken === null)).toHaveLength(1);
      const reissued = rows.filter((row) => row.printedToken === token);
      expect(reissued).toHaveLength(1);
      expect(reissued[0]!.findings).toEqual(['receipt_reused']);
      expect(outcomes.flat().filter((o) => o.kind === 'accepted' && o.findings.includes('receipt_reused'))).toHaveLength(1);
    }
  });
});
