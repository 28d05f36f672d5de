// A settlement with its lines, as the bank and the merchant read it: the lines are those the close
// wrote and add up to the settlement's figures; a merchant reads only its own, the bank only its
// programme's; the bank records a payout once.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Actor } from '../../lib/db/actor.ts';
import { createDb, type Db } from '../../lib/db/client.ts';
import { settlementDetail } from '../../lib/db/queries/settlement-lines.ts';
import { PayoutForbiddenError, PayoutNotFoundError, PayoutRefusedError, recordPayout } from '../../lib/db/settlement-payout.ts';
import { caught, demoActor } from '../support/actors.ts';

let db: Db;
let bank: Actor;
let merchant: Actor;
let other: Actor;

beforeAll(async () => {
  db = createDb(inject('databaseUrl'));
  [bank, merchant, other] = await Promise.all([demoActor(db, 'bank'), demoActor(db, 'merchant'), demoActor(db, 'merchant2')]);
});

afterAll(async () => {
  await db?.$disconnect();
});

describe('a settlement with its lines', () => {
  it('shows the lines the close wrote, adding up to the figures', async () => {
    if (merchant.scope.kind !== 'merchant') throw new Error('the demo merchant has a merchant scope');
    const own = await db.settlement.findFirstOrThrow({ where: { merchantId: merchant.scope.merchantId }, orderBy: { businessDay: 'desc' } });
    const detail = await settlementDetail(db, merchant.scope, own.id);
    expect(detail).not.toBeNull();
    const lines = detail!.lines;
    expect(lines.length).toBe(await db.settlementLine.count({ where: { settlementId: own.id } }));
    const dayLines = lines.filter((line) => line.kind !== 'adjustment');
    expect(dayLines.reduce((sum, line) => sum + line.amountFen, 0)).toBe(detail!.grossFen);
    const adjustments = lines.filter((line) => line.kind === 'adjustment');
    expect(adjustments.reduce((sum, line) => sum + line.amountFen - line.feeFen, 0)).toBe(detail!.adjustmentFen);
    expect(detail!.netFen).toBe(detail!.grossFen - detail!.feeFen + detail!.adjustmentFen);
    for (const line of lines.filter((l) => l.kind === 'sale')) expect(line.bankRef).toMatch(/\S/);
    // the bank reads it too (the demo merchant is in the programme)
    expect((await settlementDetail(db, bank.scope, own.id))?.id).toBe(own.id);
  });

  it('is not found for another merchant, nor when there is no such settlement', async () => {
    if (merchant.scope.kind !== 'merchant') throw new Error('the demo merchant has a merchant scope');
    const own = await db.settlement.findFirstOrThrow({ where: { merchantId: merchant.scope.merchantId } });
    expect(await settlementDetail(db, other.scope, own.id)).toBeNull();
    // the bank's programme-only scope itself: tests/integration/bank-scope.test.ts
    expect(await settlementDetail(db, bank.scope, 2_000_000_000)).toBeNull();
  });
});

describe('recording a payout', () => {
  it('pays a closed day once, audited, and never changes its figures', async () => {
    const pending = await db.settlement.findFirstOrThrow({ where: { status: 'pending', merchant: { programme: { cityId: bank.scope.cityId } } }, orderBy: { businessDay: 'asc' } });
    const day = pending.businessDay.toISOString().slice(0, 10);
    const ref = `PAYTEST${pending.id}`;
    await caught(recordPayout(db, merchant, { settlementId: pending.id, bankRef: ref, paidOn: day }), PayoutForbiddenError);
    expect((await caught(recordPayout(db, bank, { settlementId: pending.id, bankRef: ref, paidOn: '2000-01-01' }), PayoutRefusedError)).reason).toBe('before_day');
    await recordPayout(db, bank, { settlementId: pending.id, bankRef: ref, paidOn: day });
    const paid = await db.settlement.findUniqueOrThrow({ where: { id: pending.id } });
    expect(paid).toMatchObject({ status: 'paid', bankRef: ref, grossFen: pending.grossFen, netFen: pending.netFen });
    expect(await db.auditEvent.count({ where: { action: 'bank.payout_record', entityId: String(pending.id) } })).toBe(1);
    expect((await caught(recordPayout(db, bank, { settlementId: pending.id, bankRef: `${ref}B`, paidOn: day }), PayoutRefusedError)).reason).toBe('not_closed');
    await caught(recordPayout(db, bank, { settlementId: 2_000_000_000, bankRef: ref, paidOn: day }), PayoutNotFoundError);
    // the figures are frozen in the database itself
    await expect(db.settlement.update({ where: { id: pending.id }, data: { netFen: pending.netFen + 1 } })).rejects.toThrow();
  });
});
