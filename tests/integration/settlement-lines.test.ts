// A settlement with its lines, as the bank and the merchant read it: the lines are those the close
// wrote and add up to the settlement's figures; a merchant reads only its own, the bank only its
// programme's.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Actor } from '../../lib/db/actor.ts';
import { createDb, type Db } from '../../lib/db/client.ts';
import { settlementDetail } from '../../lib/db/queries/settlement-lines.ts';
import { demoActor } from '../support/actors.ts';

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
