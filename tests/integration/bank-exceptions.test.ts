// The bank's exception queue on the seeded city: payments that matched nothing, a conflicting
// notification and a day that does not balance are listed for the bank officer of the programme,
// resolved once each with a note (audited, then listed as resolved with it), never twice; nobody
// else may resolve them, and a merchant outside the programme never shows.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Actor } from '../../lib/db/actor.ts';
import {
  ExceptionAlreadyResolvedError, ExceptionForbiddenError, ExceptionNotFoundError, listBankExceptions, resolveBankException,
} from '../../lib/db/bank-exceptions.ts';
import { createDb, type Db } from '../../lib/db/client.ts';
import { resolveExceptionSchema } from '../../lib/domain/bank-exception.ts';
import { caught, demoActor } from '../support/actors.ts';

let db: Db;
let bank: Actor;
let city: Actor;
const tag = randomBytes(3).toString('hex').toUpperCase();
let programmeId: number;
const ids: { payment: bigint; outsiderPayment: bigint; conflict: bigint } = { payment: 0n, outsiderPayment: 0n, conflict: 0n };

beforeAll(async () => {
  db = createDb(inject('databaseUrl'));
  bank = await demoActor(db, 'bank');
  city = await demoActor(db, 'city');
  programmeId = (await db.programme.findFirstOrThrow({ where: { cityId: bank.scope.cityId } })).id;
  const outsider = await db.merchant.findFirstOrThrow({ where: { programmeId: null } });
  const at = new Date();
  const day = new Date(`${at.toISOString().slice(0, 10)}T00:00:00Z`);
  const payment = await db.payment.create({
    data: { bankRef: `EXC${tag}1`, amountFen: 1234, paidAt: at, businessDay: day, status: 'captured', match: 'unmatched', programmeId, receiptToken: 'AAAAAAAAAAAAAAAAAAAAAA' },
  });
  // a row that names a merchant outside the programme (the intake never writes one): still hidden
  const outsiderPayment = await db.payment.create({
    data: { bankRef: `EXC${tag}2`, amountFen: 99, paidAt: at, businessDay: day, status: 'captured', match: 'unmatched', programmeId, merchantId: outsider.id },
  });
  const conflict = await db.paymentConflict.create({
    data: { programmeId, bankRef: `EXC${tag}1`, contentHash: `h${tag}`, notification: { ref: `EXC${tag}1`, amountFen: 4321 } },
  });
  Object.assign(ids, { payment: payment.id, outsiderPayment: outsiderPayment.id, conflict: conflict.id });
});

afterAll(async () => {
  await db?.$disconnect();
});

describe('the bank exception queue', () => {
  it('lists the programme’s open exceptions with their figures, never an outsider’s', async () => {
    const open = await listBankExceptions(db, bank, 'open', 100_000);
    const payment = open.payments.find((p) => p.id === String(ids.payment));
    expect(payment).toMatchObject({ bankRef: `EXC${tag}1`, amountFen: 1234, match: 'unmatched', shopName: null, resolution: null });
    expect(open.payments.some((p) => p.id === String(ids.outsiderPayment))).toBe(false);
    const conflict = open.conflicts.find((c) => c.id === String(ids.conflict));
    expect(conflict).toMatchObject({ bankRef: `EXC${tag}1`, recordedFen: 1234 });
    // the seeded days that do not balance are there, each with both totals
    for (const day of open.settlements) expect(day.capturedFen).not.toBe(day.weighedFen);
  });

  it('resolves each once with a note, audited; then lists it as resolved with the note', async () => {
    const input = resolveExceptionSchema.parse({ kind: 'payment', id: String(ids.payment), note: '  已联系商户：重复扫码，\n银行已退款 ' });
    expect(input.note).toBe('已联系商户：重复扫码， 银行已退款');
    await resolveBankException(db, bank, input);
    const audit = await db.auditEvent.findFirst({ where: { action: 'bank.exception_resolve', entityId: String(ids.payment) } });
    expect(audit).toMatchObject({ userId: bank.id, entity: 'payment', detail: { note: input.note } });

    const open = await listBankExceptions(db, bank, 'open', 100_000);
    expect(open.payments.some((p) => p.id === String(ids.payment))).toBe(false);
    const resolved = await listBankExceptions(db, bank, 'resolved', 100_000);
    expect(resolved.payments.find((p) => p.id === String(ids.payment))?.resolution).toMatchObject({ note: input.note });

    await caught(resolveBankException(db, bank, input), ExceptionAlreadyResolvedError);
    expect(await db.bankExceptionResolution.count({ where: { kind: 'payment', entityId: String(ids.payment) } })).toBe(1);
  });

  it('resolves a day that does not balance, and refuses what is not an exception', async () => {
    const open = await listBankExceptions(db, bank, 'open', 100_000);
    const day = open.settlements[0];
    if (day) {
      await resolveBankException(db, bank, { kind: 'settlement', id: day.id, note: 'bank statement checked: one late capture' });
      expect((await listBankExceptions(db, bank, 'resolved', 100_000)).settlements.some((s) => s.id === day.id)).toBe(true);
    }
    const balanced = await db.settlement.findFirstOrThrow({ where: { merchant: { programmeId }, grossFen: { equals: db.settlement.fields.weighedFen } } });
    await caught(resolveBankException(db, bank, { kind: 'settlement', id: String(balanced.id), note: 'nothing to see' }), ExceptionNotFoundError);
    await caught(resolveBankException(db, bank, { kind: 'payment', id: String(ids.outsiderPayment), note: 'not ours' }), ExceptionNotFoundError);
    await caught(resolveBankException(db, bank, { kind: 'conflict', id: '999999999999', note: 'no such row' }), ExceptionNotFoundError);
  });

  it('lets nobody but the bank officer list or resolve', async () => {
    await caught(listBankExceptions(db, city, 'open'), ExceptionForbiddenError);
    await caught(resolveBankException(db, city, { kind: 'conflict', id: String(ids.conflict), note: 'regulator tries' }), ExceptionForbiddenError);
    expect(await db.bankExceptionResolution.count({ where: { kind: 'conflict', entityId: String(ids.conflict) } })).toBe(0);
  });

  it('refuses a note too short or too long, field by field', () => {
    const short = resolveExceptionSchema.safeParse({ kind: 'payment', id: '1', note: '  ok ' });
    expect(short.success ? null : short.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['note', 'too_short']]);
    const long = resolveExceptionSchema.safeParse({ kind: 'payment', id: '1', note: 'x'.repeat(501) });
    expect(long.success ? null : long.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['note', 'too_long']]);
    expect(resolveExceptionSchema.safeParse({ kind: 'payment', id: '01', note: 'fine note' }).success).toBe(false);
  });
});
