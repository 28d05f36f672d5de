// One batch of raw MQTT messages → one transaction. Each message ends as exactly one of:
//   accepted  — genuine (signed by a registered scale), stored once, with any metrology findings;
//   duplicate — a redelivery of what is already stored (QoS 1 resends after a lost ack);
//   rejected  — cannot be trusted: stored in the dead letter with its raw bytes and a reason.
// The caller acknowledges the messages only after this function's COMMIT.
import type pg from 'pg';
import { open } from '../crypto/secret-box.ts';
import { alertSeverity } from '../domain/alert-rules.ts';
import { businessDay } from '../domain/business-day.ts';
import { decodeMessage, type RejectReason } from '../domain/protocol/decode.ts';
import { clockSkewMs, isClockSkewed, judgeEvent, judgeWeighing } from '../domain/protocol/judge.ts';
import { judgeCheck, type CheckVerdict } from '../domain/protocol/check.ts';
import { MetrologyError, wholeMgMpe } from '../domain/metrology/index.ts';
import type { CheckMessage, EventMessage, StatusMessage, WeighingMessage } from '../domain/protocol/messages.ts';
import { verifySignature } from '../domain/protocol/signature.ts';
import { advanceSequence, type Gap } from '../domain/sequence.ts';
import { verificationStatus } from '../domain/verification-status.ts';
import { hasPriceFinding } from '../domain/price-findings.ts';
import { MAX_ACK_GAPS, type StoredState } from '../domain/protocol/stored-ack.ts';
import { planReceipts, RECEIPT_REUSED, type ReceiptPlan } from '../domain/receipt-reuse.ts';
import * as store from '../db/ingest-store.ts';

export interface Inbound {
  topic: string;
  payload: Buffer;
  receivedAt: Date;
}

export type Outcome = { kind: 'accepted'; findings: string[] } | { kind: 'duplicate' } | { kind: 'rejected'; reason: RejectReason };

export interface IngestContext {
  platformKey: Buffer;
  /** unsealed secrets by sealed bytes (base64): a rotation changes the key and so misses the cache */
  secrets?: Map<string, string>;
  /** commodity ids by PLU: they never change once created, so each PLU costs one query per worker */
  commodities?: Map<string, number>;
  /** called with each step's duration, for profiling (INGEST_TRACE=1) */
  trace?: (step: string, ms: number) => void;
  /** called after each COMMIT with the sequence state of every scale that sent a record in the
   *  batch (new or seen before): what its StoredAck confirms (lib/ingest/stored-acks.ts) */
  onStored?: (states: StoredScale[]) => void;
}

/** A scale's durable sequence after a COMMIT, with the secret its StoredAck is signed with. */
export interface StoredScale extends StoredState {
  secret: string;
}

type Genuine =
  | { kind: 'weighing'; message: WeighingMessage }
  | { kind: 'status'; message: StatusMessage }
  | { kind: 'event'; message: EventMessage }
  | { kind: 'check'; message: CheckMessage };

interface Candidate {
  index: number;
  scale: store.ScaleRow;
  secret: string;
  seq: bigint;
  genuine: Genuine;
  sig: Buffer;
}

async function timed<T>(ctx: IngestContext, step: string, run: () => Promise<T>): Promise<T> {
  if (!ctx.trace) return run();
  const started = performance.now();
  const result = await run();
  ctx.trace(step, performance.now() - started);
  return result;
}

function unseal(ctx: IngestContext, sealed: Buffer): string {
  const cacheKey = sealed.toString('base64');
  ctx.secrets ??= new Map();
  let secret = ctx.secrets.get(cacheKey);
  if (secret === undefined) {
    secret = open(ctx.platformKey, sealed);
    ctx.secrets.set(cacheKey, secret);
  }
  return secret;
}

const RETRYABLE = new Set(['40P01', '40001']); // deadlock detected, serialization failure

/** Writes one batch; a deadlock with another lane or worker is retried, not redelivered. */
export async function processBatch(pool: pg.Pool, ctx: IngestContext, items: Inbound[]): Promise<Outcome[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await writeBatch(pool, ctx, items);
    } catch (error) {
      if (attempt >= 3 || !RETRYABLE.has((error as { code?: string }).code ?? '')) throw error;
    }
  }
}

async function writeBatch(pool: pg.Pool, ctx: IngestContext, items: Inbound[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array(items.length);
  const rejected: store.RejectedRow[] = [];
  const reject = (index: number, reason: RejectReason, serial: string | null, detail?: string) => {
    const item = items[index]!;
    outcomes[index] = { kind: 'rejected', reason };
    rejected.push({ topic: item.topic, payload: item.payload, reason, detail: detail ?? null, scaleSerial: serial, receivedAt: item.receivedAt });
  };

  const decoded = items.map((item) => decodeMessage(item.topic, item.payload));
  const serials = new Set<string>();
  decoded.forEach((d, index) => {
    if (d.ok) serials.add(d.serial);
    else reject(index, d.reason, d.serial, d.detail);
  });

  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const locked = await timed(ctx, 'lockScales', () => store.lockScales(client, [...serials]));
    const scales = new Map(locked.map((s) => [s.serial, s]));
    const candidates: Candidate[] = [];
    decoded.forEach((d, index) => {
      if (!d.ok) return;
      const scale = scales.get(d.serial);
      if (!scale || !scale.secretSealed) return reject(index, 'unknown_scale', d.serial, scale ? 'no secret issued' : undefined);
      if (scale.revokedAt) return reject(index, 'revoked_scale', d.serial);
      let secret: string;
      try {
        secret = unseal(ctx, scale.secretSealed);
      } catch {
        return reject(index, 'unknown_scale', d.serial, 'secret cannot be opened with this platform key');
      }
      if (!verifySignature(secret, d.message)) return reject(index, 'bad_signature', d.serial);
      // ahead of the platform's clock, or older than store-and-forward can explain (a last will is exempt)
      if (isClockSkewed(d.message, items[index]!.receivedAt)) {
        return reject(index, 'clock_skew', d.serial, `scale clock ${Math.round(clockSkewMs(d.message.at, items[index]!.receivedAt) / 1000)} s off`);
      }
      candidates.push({ index, scale, secret, seq: BigInt(d.message.seq), genuine: { kind: d.kind, message: d.message } as Genuine, sig: Buffer.from(d.message.sig, 'hex') });
    });

    // sequence bookkeeping per scale
    const byScale = new Map<number, Candidate[]>();
    for (const c of candidates) {
      const list = byScale.get(c.scale.id);
      if (list) list.push(c);
      else byScale.set(c.scale.id, [c]);
    }
    const needGaps = [...byScale.entries()].filter(([, list]) => {
      const last = list[0]!.scale.lastSeq;
      return last !== null && list.some((c) => c.genuine.kind !== 'status' && c.seq <= BigInt(last));
    }).map(([id]) => id);
    const gapRows = await timed(ctx, 'openGaps', () => store.openGaps(client, needGaps));
    const fresh: Candidate[] = [];
    const seen: Candidate[] = [];
    const gapsToWrite: store.GapRow[] = [];
    const gapScales: number[] = [];
    const scaleUpdates: store.ScaleUpdate[] = [];
    const now = new Date();
    const alerts = new Map<string, store.AlertRow>();
    const alert = (scale: store.ScaleRow, rule: string, seq: bigint) => {
      const severity = alertSeverity(rule);
      if (!severity) return;
      const key = `${scale.id}:${rule}`;
      const existing = alerts.get(key);
      if (existing) existing.count++;
      else alerts.set(key, { rule, severity, marketId: scale.marketId, scaleId: scale.id, merchantId: scale.merchantId, count: 1, firstSeq: seq });
    };

    for (const [scaleId, list] of byScale) {
      const scale = list[0]!.scale;
      const known = needGaps.includes(scaleId);
      const gaps: Gap[] = known ? gapRows.filter((g) => g.scaleId === scaleId) : [];
      // Status reports are idempotent state, not records: they carry the scale's current seq but
      // do not consume one (a last will is composed at connect time and fires much later).
      const sequenced = list.filter((c) => c.genuine.kind !== 'status');
      fresh.push(...list.filter((c) => c.genuine.kind === 'status'));
      const result = advanceSequence({ lastSeq: scale.lastSeq === null ? null : BigInt(scale.lastSeq), gaps }, sequenced.map((c) => c.seq));
      const freshSeqs = new Set(result.fresh);
      const freshHere: Candidate[] = [];
      for (const c of sequenced) {
        if (freshSeqs.has(c.seq)) {
          freshHere.push(c);
          freshSeqs.delete(c.seq); // a repeat of the same seq in this batch counts once
        } else seen.push(c);
      }
      fresh.push(...freshHere);
      if (known) {
        gapScales.push(scaleId);
        gapsToWrite.push(...result.state.gaps.map((g) => ({ scaleId, ...g })));
      } else {
        gapsToWrite.push(...result.opened.map((g) => ({ scaleId, ...g })));
      }
      const latestStatus = list
        .filter((c) => c.genuine.kind === 'status')
        .sort((a, b) => Date.parse(a.genuine.message.at) - Date.parse(b.genuine.message.at))
        .at(-1);
      // the counters come from the newest new event; a redelivered or late one must not turn them back
      const previousLast = scale.lastSeq === null ? null : BigInt(scale.lastSeq);
      const lastEvent = freshHere
        .filter((c) => c.genuine.kind === 'event' && (previousLast === null || c.seq > previousLast))
        .sort((a, b) => (a.seq < b.seq ? -1 : 1))
        .at(-1)?.genuine.message as EventMessage | undefined;
      scaleUpdates.push({
        scaleId,
        lastSeq: result.state.lastSeq,
        lastSeenAt: list.reduce((latest, c) => (items[c.index]!.receivedAt > latest ? items[c.index]!.receivedAt : latest), new Date(0)),
        online: latestStatus ? (latestStatus.genuine.message as StatusMessage).state === 'online' : true,
        calibrationCounter: lastEvent ? lastEvent.counters.calibration : scale.calibrationCounter,
        configurationCounter: lastEvent ? lastEvent.counters.configuration : scale.configurationCounter,
      });
    }

    // redelivery or replay? a weighing seen before with the same signature is a redelivery
    const seenWeighings = seen.filter((c) => c.genuine.kind === 'weighing');
    const freshWeighingSigs = new Map(fresh.filter((c) => c.genuine.kind === 'weighing').map((c) => [`${c.scale.id}:${c.seq}`, c.sig]));
    const signatures = await timed(ctx, 'storedSignatures', () => store.storedSignatures(client, seenWeighings.map((c) => ({ scaleId: c.scale.id, seq: c.seq }))));
    for (const c of seen) {
      if (c.genuine.kind !== 'weighing') {
        outcomes[c.index] = { kind: 'duplicate' };
        continue;
      }
      const key = `${c.scale.id}:${c.seq}`;
      // the first copy may be in this very batch, not yet in the table
      const stored = freshWeighingSigs.get(key) ?? signatures.get(key);
      if (stored && stored.equals(c.sig)) outcomes[c.index] = { kind: 'duplicate' };
      // no weighing under this seq: the seq went to an event or check (or, as seq 0, to no record
      // at all); never a silent duplicate
      else if (stored === undefined) reject(c.index, 'replayed_seq', c.scale.serial, `seq ${c.seq} was used by another message, not a weighing`);
      else reject(c.index, 'replayed_seq', c.scale.serial, `seq ${c.seq} already stored with another signature`);
    }

    const today = businessDay(now);
    const weighings: store.WeighingRow[] = [];
    const events: store.EventRow[] = [];
    const checks: store.CheckRow[] = [];
    const plus = [...new Set(fresh.filter((c) => c.genuine.kind === 'weighing').map((c) => (c.genuine.message as WeighingMessage).plu))];
    // ids looked up in this transaction join the cache only after COMMIT: a commodity created here
    // and rolled back must not be remembered
    const cached = (ctx.commodities ??= new Map());
    const unknownPlus = plus.filter((plu) => !cached.has(plu));
    const looked = unknownPlus.length ? await timed(ctx, 'commodityIds', () => store.commodityIds(client, unknownPlus)) : new Map<string, number>();
    const commodities = { get: (plu: string) => cached.get(plu) ?? looked.get(plu) };
    const receipts = batchReceipts(fresh);
    for (const c of fresh) {
      const { scale } = c;
      const receivedAt = items[c.index]!.receivedAt;
      if (c.genuine.kind === 'weighing') {
        const m = c.genuine.message;
        const verification = verificationStatus(
          { scaleStatus: scale.status, latest: scale.verificationResult && scale.verificationExpiresOn ? { result: scale.verificationResult, expiresOn: scale.verificationExpiresOn } : null },
          today,
        );
        const findings: string[] = judgeWeighing(m, { maxMg: scale.maxMg, minMg: scale.minMg, dMg: scale.dMg, priceIntervalFen: scale.priceIntervalFen, status: scale.status, verification });
        const receipt = receipts.get(c.index);
        const reused = receipt?.kind === 'reused' ? receipt : null;
        if (reused) findings.push(RECEIPT_REUSED);
        const commodityId = commodities.get(m.plu);
        if (commodityId === undefined) throw new Error(`commodity ${m.plu} missing after upsert`);
        weighings.push({
          scaleId: scale.id, seq: c.seq, scaleTime: new Date(m.at), receivedAt, merchantId: scale.merchantId, marketId: scale.marketId,
          stallId: scale.stallId, commodityId, unitPriceFenPerKg: m.unitPriceFenPerKg, grossMg: m.grossMg, tareMg: m.tareMg,
          netMg: m.netMg, priceFen: m.priceFen, stable: m.stable, paymentMethod: m.payment, findings, signature: c.sig,
          receiptToken: reused?.token ?? m.receipt, printedToken: reused?.printedToken ?? null,
        });
        outcomes[c.index] = { kind: 'accepted', findings };
        for (const finding of findings) alert(scale, finding, c.seq);
      } else if (c.genuine.kind === 'event') {
        const m = c.genuine.message;
        const findings = judgeEvent(m, { calibrationCounter: scale.calibrationCounter, configurationCounter: scale.configurationCounter });
        events.push({ scaleId: scale.id, seq: c.seq, kind: m.kind, scaleTime: new Date(m.at), receivedAt, detail: { counters: m.counters, change: m.change ?? null, grossMg: m.grossMg ?? null, findings } });
        outcomes[c.index] = { kind: 'accepted', findings };
        for (const finding of findings) alert(scale, finding, c.seq);
      } else if (c.genuine.kind === 'check') {
        const m = c.genuine.message;
        let verdict: CheckVerdict;
        try {
          verdict = judgeCheck(m, { eMg: scale.eMg, accuracyClass: scale.accuracyClass });
        } catch (error) {
          if (!(error instanceof MetrologyError)) throw error;
          // The MPE cannot judge it: a reference above the class's last band, or an e on record that
          // is not valid. The message is genuine, so it is no dead letter; a CheckWeighing row needs
          // an MPE. It is kept as an event with the reason, and raises a check_unjudged alert.
          events.push({
            scaleId: scale.id, seq: c.seq, kind: 'check', scaleTime: new Date(m.at), receivedAt,
            detail: { referenceMg: m.referenceMg, indicationMg: m.indicationMg, unjudged: true, reason: error.code, details: error.details },
          });
          outcomes[c.index] = { kind: 'accepted', findings: ['check_unjudged'] };
          alert(scale, 'check_unjudged', c.seq);
          continue;
        }
        // the column holds whole mg; wholeMgMpe keeps the verdict (an odd e can give an MPE of x.5 mg)
        checks.push({ scaleId: scale.id, at: new Date(m.at), referenceMg: m.referenceMg, indicationMg: m.indicationMg, mpeMg: wholeMgMpe(verdict.mpeMg), passed: verdict.passed });
        const findings = verdict.passed ? [] : ['check_failed'];
        outcomes[c.index] = { kind: 'accepted', findings };
        for (const finding of findings) alert(scale, finding, c.seq);
      } else {
        outcomes[c.index] = { kind: 'accepted', findings: [] };
      }
    }

    const { inserted, tokenTaken } = await timed(ctx, 'insertWeighings', () => store.insertWeighings(client, weighings));
    const stored = weighings.filter((w) => inserted.has(`${w.scaleId}:${w.seq}`));
    // printed tokens a receipt committed before this batch owns (another batch, lane or worker)
    const taken = reissueTaken(stored.filter((w) => tokenTaken.has(`${w.scaleId}:${w.seq}`)));
    if (taken.length) {
      await timed(ctx, 'reissueReceipts', () => store.reissueReceipts(client, taken, RECEIPT_REUSED));
      const byId = new Map(locked.map((scale) => [scale.id, scale]));
      for (const row of taken) alert(byId.get(row.scaleId)!, RECEIPT_REUSED, row.seq);
    }
    await timed(ctx, 'insertEvents', () => store.insertEvents(client, events));
    await timed(ctx, 'insertChecks', () => store.insertChecks(client, checks));
    // scales with late seqs get their whole gap set rewritten; the others only add what opened
    await timed(ctx, 'replaceGaps', () => store.replaceGaps(client, gapScales, gapsToWrite, now));
    // after the gaps: it returns each scale's sequence as this transaction leaves it
    const after = await timed(ctx, 'updateScales', () => store.updateScales(client, scaleUpdates, MAX_ACK_GAPS + 1));
    await timed(ctx, 'raiseAlerts', () => store.raiseAlerts(client, [...alerts.values()], now));
    await timed(ctx, 'insertRejected', () => store.insertRejected(client, rejected));
    // Last before COMMIT: every lane adds to the same few market and commodity rows, and holds
    // their locks from here to the end of its transaction.
    await timed(ctx, 'rollups', () => store.addToRollups(client, rollupDeltas(stored)));
    await timed(ctx, 'commit', () => client.query('COMMIT'));
    for (const [plu, id] of looked) cached.set(plu, id);
    if (ctx.onStored) ctx.onStored(storedScales(candidates, after));
    return outcomes;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** The receipt of each new weighing of the batch, by its index: planned in arrival order, so the
 * first to carry a token owns it and a later one with the same token is reused. */
function batchReceipts(fresh: Candidate[]): Map<number, ReceiptPlan> {
  const weighings = fresh.filter((c) => c.genuine.kind === 'weighing').sort((a, b) => a.index - b.index);
  const plans = planReceipts(weighings.map((c) => ({ weighing: `${c.scale.id}:${c.seq}`, printed: (c.genuine.message as WeighingMessage).receipt, signature: c.sig })));
  return new Map(weighings.map((c, i) => [c.index, plans[i]!]));
}

/**
 * Gives the stored weighings whose printed token was taken their derived token and the finding,
 * in place: a row's findings are the very array its outcome reports, and the rollups after this
 * count them. Returns the rows changed.
 */
function reissueTaken(rows: store.WeighingRow[]): store.WeighingRow[] {
  // a row that already has a derived token cannot lose it to another weighing (only to a collision)
  const printed = rows.filter((row) => row.printedToken === null);
  const plans = planReceipts(
    printed.map((row) => ({ weighing: `${row.scaleId}:${row.seq}`, printed: row.receiptToken, signature: row.signature })),
    new Set(printed.map((row) => row.receiptToken)),
  );
  return printed.filter((row, i) => {
    const plan = plans[i]!;
    if (plan.kind !== 'reused') return false;
    row.receiptToken = plan.token;
    row.printedToken = plan.printedToken;
    row.findings.push(RECEIPT_REUSED);
    return true;
  });
}

/** The scales that sent a record (not only a status) in the batch, with their state after COMMIT. */
function storedScales(candidates: Candidate[], after: store.SequenceAfter[]): StoredScale[] {
  const recorded = new Map<number, Candidate>();
  for (const c of candidates) if (c.genuine.kind !== 'status') recorded.set(c.scale.id, c);
  const out: StoredScale[] = [];
  for (const state of after) {
    const c = recorded.get(state.scaleId);
    if (c) out.push({ serial: c.scale.serial, secret: c.secret, lastSeq: state.lastSeq, gaps: state.gaps });
  }
  return out;
}

function compareKeys(a: (number | string)[], b: (number | string)[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i]! < b[i]!) return -1;
    if (a[i]! > b[i]!) return 1;
  }
  return 0;
}

function rollupDeltas(rows: store.WeighingRow[]): store.RollupDeltas {
  const sum = (map: Map<string, store.RollupDelta>, key: (number | string)[], row: store.WeighingRow) => {
    const id = key.join('|');
    const delta = map.get(id) ?? { key, count: 0, netMg: 0n, priceFen: 0n, findings: 0, priceFindings: 0, minPrice: row.unitPriceFenPerKg, maxPrice: row.unitPriceFenPerKg };
    delta.count++;
    delta.netMg += BigInt(row.netMg);
    delta.priceFen += BigInt(row.priceFen);
    delta.findings += row.findings.length ? 1 : 0;
    delta.priceFindings += hasPriceFinding(row.findings) ? 1 : 0;
    delta.minPrice = Math.min(delta.minPrice!, row.unitPriceFenPerKg);
    delta.maxPrice = Math.max(delta.maxPrice!, row.unitPriceFenPerKg);
    map.set(id, delta);
  };
  const scale = new Map<string, store.RollupDelta>();
  const merchant = new Map<string, store.RollupDelta>();
  const market = new Map<string, store.RollupDelta>();
  const commodity = new Map<string, store.RollupDelta>();
  for (const row of rows) {
    const day = businessDay(row.scaleTime);
    sum(scale, [row.scaleId, day], row);
    if (row.merchantId !== null) sum(merchant, [row.merchantId, day], row);
    sum(market, [row.marketId, day], row);
    sum(commodity, [row.commodityId, row.marketId, day], row);
  }
  // every writer touches rollup rows in the same (key) order, so concurrent lanes cannot deadlock
  const sorted = (map: Map<string, store.RollupDelta>) => [...map.values()].sort((a, b) => compareKeys(a.key, b.key));
  return { scale: sorted(scale), merchant: sorted(merchant), market: sorted(market), commodity: sorted(commodity) };
}
