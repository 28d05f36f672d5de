// Importing the bank's statement against the seeded payments and settlements: the counts come out
// right, a second import of the same file changes nothing, a bad file imports nothing, and the bank
// never sees a payment of a merchant outside its programme, nor another programme's imports.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Actor } from '../../lib/db/actor.ts';
import { createDb, type Db } from '../../lib/db/client.ts';
import { scopeOf } from '../../lib/db/scope.ts';
import {
  getStatement, importStatement, listStatements, ReconciliationForbiddenError, statementLines, statementMerchantDays, type ImportOutcome,
} from '../../lib/db/bank-statements.ts';
import { dateAsDay, dayAsDate } from '../../lib/domain/business-day.ts';
import { fenAsYuan } from '../../lib/domain/csv.ts';
import { caught, demoActor } from '../support/actors.ts';

let db: Db;
let bank: Actor;
const tag = randomBytes(3).toString('hex').toUpperCase();
const HEADER = 'bank_ref,merchant_license_no,business_day,kind,amount_yuan';

interface SeededPayment {
  bankRef: string;
  merchantId: number;
  amountFen: number;
  status: string;
  licenseNo: string;
}

let day: string;
let payments: SeededPayment[];
/** a merchant outside the programme, and a payment of it made for this test */
let outsider: { id: number; licenseNo: string; bankRef: string };
let statement: string;
let expected: { matched: number; mismatched: number; unmatched: number; missing: number; mismatchedRef: string; droppedRef: string };
const created: number[] = [];

const file = (text: string, name = 'statement.csv') => ({ name, bytes: new TextEncoder().encode(text) });
const csvLine = (p: { bankRef: string; licenseNo: string; status: string; amountFen: number }) => `${p.bankRef},${p.licenseNo},${day},${p.status},${fenAsYuan(p.amountFen)}`;

function imported(outcome: ImportOutcome) {
  if (outcome.status !== 'imported') throw new Error(`expected an import, got ${outcome.status}`);
  created.push(outcome.statementId);
  return outcome;
}

async function tableCounts() {
  const [statements, lines, merchantDays, audits] = await Promise.all([
    db.bankStatement.count(), db.bankStatementLine.count(), db.bankStatementMerchantDay.count(), db.auditEvent.count({ where: { action: 'bank_statement.import' } }),
  ]);
  return { statements, lines, merchantDays, audits };
}

beforeAll(async () => {
  db = createDb(inject('databaseUrl'));
  bank = await demoActor(db, 'bank');
  const programme = await db.programme.findFirstOrThrow({ where: { cityId: bank.scope.cityId } });
  const latest = await db.settlement.findFirstOrThrow({ where: { merchant: { programmeId: programme.id } }, orderBy: { businessDay: 'desc' } });
  day = dateAsDay(latest.businessDay);
  const rows = await db.payment.findMany({
    where: { businessDay: dayAsDate(day), merchant: { programmeId: programme.id } },
    orderBy: { bankRef: 'asc' },
    select: { bankRef: true, merchantId: true, amountFen: true, status: true, merchant: { select: { licenseNo: true } } },
  });
  // the filter on the merchant's programme leaves no payment without a merchant
  payments = rows.flatMap((row) => (row.merchantId !== null && row.merchant
    ? [{ bankRef: row.bankRef, merchantId: row.merchantId, amountFen: row.amountFen, status: row.status, licenseNo: row.merchant.licenseNo }]
    : []));
  expect(payments.length).toBeGreaterThan(100);

  const other = await db.merchant.findFirstOrThrow({ where: { programmeId: null, market: { district: { cityId: bank.scope.cityId } } }, select: { id: true, licenseNo: true } });
  outsider = { id: other.id, licenseNo: other.licenseNo, bankRef: `IT${tag}OUTSIDER` };
  await db.payment.create({
    data: { merchantId: other.id, amountFen: 4321, paidAt: new Date(`${day}T03:00:00Z`), businessDay: dayAsDate(day), bankRef: outsider.bankRef, status: 'captured' },
  });

  // The bank's file: every payment of the day but one dropped, one with another amount, one the
  // platform has never seen, and the outsider's payment (which the bank must not match).
  const mismatched = payments[10] as SeededPayment;
  const dropped = payments.find((p) => p.merchantId !== mismatched.merchantId) as SeededPayment;
  const lines = payments
    .filter((p) => p !== dropped)
    .map((p) => csvLine(p === mismatched ? { ...p, amountFen: p.amountFen + 100 } : p));
  lines.push(csvLine({ bankRef: `IT${tag}UNKNOWN`, licenseNo: mismatched.licenseNo, status: 'captured', amountFen: 1234 }));
  lines.push(csvLine({ bankRef: outsider.bankRef, licenseNo: outsider.licenseNo, status: 'captured', amountFen: 4321 }));
  statement = `\uFEFF${[HEADER, ...lines].join('\r\n')}\r\n`;
  expected = { matched: payments.length - 2, mismatched: 1, unmatched: 2, missing: 1, mismatchedRef: mismatched.bankRef, droppedRef: dropped.bankRef };
});

afterAll(async () => {
  await db.bankStatement.deleteMany({ where: { id: { in: created } } });
  await db.auditEvent.deleteMany({ where: { action: 'bank_statement.import', entityId: { in: created.map(String) } } });
  await db.payment.deleteMany({ where: { bankRef: outsider.bankRef } });
  await db.user.deleteMany({ where: { username: { startsWith: `it-${tag.toLowerCase()}` } } });
  await db.programme.deleteMany({ where: { name: { startsWith: `IT ${tag}` } } });
  await db.city.deleteMany({ where: { code: { startsWith: `IT${tag}` } } });
  await db.$disconnect();
});

describe('importing a statement', () => {
  let statementId: number;

  it('matches every line, names the mismatch with both figures, and lists what the statement lacks', async () => {
    const before = await tableCounts();
    const outcome = imported(await importStatement(db, bank, file(statement, '建行对账单.csv')));
    statementId = outcome.statementId;
    expect(outcome.businessDay).toBe(day);
    expect(outcome.counts).toEqual({ matched: expected.matched, mismatched: 1, unmatched: 2, missing_from_statement: 1 });

    const summary = await getStatement(db, bank, statementId);
    expect(summary).toMatchObject({ businessDay: day, fileName: '建行对账单.csv', lineCount: payments.length + 1 });
    expect((await listStatements(db, bank))[0]?.id).toBe(statementId);

    const exceptions = await statementLines(db, bank, statementId, 'exceptions', null);
    expect(exceptions?.total).toBe(4);
    const byRef = new Map(exceptions?.rows.map((row) => [row.bankRef, row]));
    const mismatch = byRef.get(expected.mismatchedRef);
    expect(mismatch?.result).toBe('mismatched');
    expect(mismatch?.differences).toEqual(['amount']);
    expect((mismatch?.statement?.amountFen ?? 0) - (mismatch?.payment?.amountFen ?? 0)).toBe(100);
    expect(byRef.get(expected.droppedRef)).toMatchObject({ result: 'missing_from_statement', lineNo: null, statement: null });
    expect(byRef.get(`IT${tag}UNKNOWN`)).toMatchObject({ result: 'unmatched', payment: null });

    const all = await statementLines(db, bank, statementId, 'all', { page: 1, pageSize: 50 });
    expect(all?.total).toBe(payments.length + 2);
    expect(all?.rows).toHaveLength(50);
    expect(all?.rows[0]?.lineNo).toBe(2);
    const beyond = await statementLines(db, bank, statementId, 'exceptions', { page: 9, pageSize: 3 });
    expect(beyond).toMatchObject({ total: 4, page: 2, pages: 2 });
    expect(beyond?.rows.map((row) => row.result)).toEqual(['missing_from_statement']);

    const after = await tableCounts();
    expect(after.statements - before.statements).toBe(1);
    expect(after.lines - before.lines).toBe(payments.length + 2);
    expect(after.audits - before.audits).toBe(1);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'bank_statement.import', entityId: String(statementId) } });
    expect(audit.userId).toBe(bank.id);
  });

  it('compares merchant-days with the settlements: the two merchants touched differ, the rest agree', async () => {
    const days = await statementMerchantDays(db, bank, statementId, false);
    const differing = days?.filter((d) => d.result === 'differs').map((d) => d.merchantId).sort((a, b) => a - b);
    const touched = [payments.find((p) => p.bankRef === expected.mismatchedRef)?.merchantId, payments.find((p) => p.bankRef === expected.droppedRef)?.merchantId];
    expect(differing).toEqual(touched.sort((a, b) => (a ?? 0) - (b ?? 0)));
    for (const d of days ?? []) {
      if (d.result !== 'agrees') continue;
      const sum = payments.filter((p) => p.merchantId === d.merchantId && p.status === 'captured').reduce((total, p) => total + p.amountFen, 0);
      expect(d.statementFen).toBe(sum);
      expect(d.settlementGrossFen).toBe(sum);
    }
    expect((await statementMerchantDays(db, bank, statementId, true))?.every((d) => d.result !== 'agrees')).toBe(true);
  });

  it('never matches nor shows a payment of a merchant outside the programme', async () => {
    const rows = (await statementLines(db, bank, statementId, 'all', null))?.rows ?? [];
    const line = rows.find((row) => row.bankRef === outsider.bankRef);
    expect(line).toMatchObject({ result: 'unmatched', payment: null });
    expect(line?.statement?.merchant).toBeNull();
    expect(rows.some((row) => row.payment?.merchant?.id === outsider.id)).toBe(false);
    expect((await statementMerchantDays(db, bank, statementId, false))?.some((d) => d.merchantId === outsider.id)).toBe(false);
  });

  it('changes nothing when the same file comes again, and says which import it was', async () => {
    const before = await tableCounts();
    const again = await importStatement(db, bank, file(statement, 'renamed.csv'));
    expect(again).toMatchObject({ status: 'duplicate', statementId, businessDay: day });
    expect(await tableCounts()).toEqual(before);
  });

  it('imports nothing from a file with a bad line, and says where it is', async () => {
    const before = await tableCounts();
    const bad = statement.replace(/\r\n$/, `\r\n${expected.mismatchedRef}X,${outsider.licenseNo},${day},captured,1.005\r\n`);
    const outcome = await importStatement(db, bank, file(bad));
    expect(outcome.status).toBe('invalid');
    if (outcome.status !== 'invalid') return;
    expect(outcome.errors).toEqual([{ line: payments.length + 3, column: 'amount_yuan', code: 'amount_decimals', params: { value: '1.005' } }]);
    expect(await tableCounts()).toEqual(before);
  });

  it('is for bank officers only', async () => {
    const city = await demoActor(db, 'city');
    await caught(importStatement(db, city, file(statement)), ReconciliationForbiddenError);
    await caught(listStatements(db, await demoActor(db, 'merchant')), ReconciliationForbiddenError);
  });

  it('keeps each programme to its own imports and merchants', async () => {
    const city = await db.city.create({ data: { code: `IT${tag}`, name: `测试市${tag}`, nameEn: `Test City ${tag}` } });
    await db.programme.create({
      data: { cityId: city.id, name: `IT ${tag} 项目`, nameEn: `IT ${tag} programme`, bankName: '测试银行', bankNameEn: 'Test Bank', startedOn: dayAsDate(day) },
    });
    const user = await db.user.create({
      data: { username: `it-${tag.toLowerCase()}-bank`, passwordHash: 'x', displayName: 'Other bank', role: 'bank_officer', cityId: city.id },
    });
    const otherBank: Actor = { id: user.id, role: user.role, scope: scopeOf(user) };

    expect(await getStatement(db, otherBank, statementId)).toBeNull();
    expect(await statementLines(db, otherBank, statementId, 'all', null)).toBeNull();
    expect(await listStatements(db, otherBank)).toEqual([]);

    // the same file is new to the other programme, and none of its lines are its merchants' payments
    const outcome = imported(await importStatement(db, otherBank, file(statement)));
    expect(outcome.counts).toEqual({ matched: 0, mismatched: 0, unmatched: payments.length + 1, missing_from_statement: 0 });
    expect(await statementMerchantDays(db, otherBank, outcome.statementId, false)).toEqual([]);
  });
});
