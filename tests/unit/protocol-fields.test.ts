import { describe, expect, it } from 'vitest';
import { REJECT_REASONS } from '../../lib/domain/protocol/decode.ts';
import { envelopeRows, fieldRows, groupDigits } from '../../lib/domain/protocol/fields.ts';
import { FINDINGS } from '../../lib/domain/protocol/judge.ts';
import { MESSAGE_SCHEMAS } from '../../lib/domain/protocol/messages.ts';
import { MESSAGE_KINDS } from '../../lib/domain/protocol/topics.ts';
import { messagesFor } from '../../lib/i18n/index.ts';

describe('field tables of /protocol', () => {
  it('list the envelope once and every other field of every message', () => {
    expect(envelopeRows().map((row) => row.path)).toEqual(['v', 'serial', 'seq', 'at', 'sig']);
    for (const kind of MESSAGE_KINDS) {
      const top = fieldRows(kind).filter((row) => row.depth === 0).map((row) => row.path);
      expect([...top, 'v', 'serial', 'seq', 'at', 'sig'].sort(), kind).toEqual(Object.keys(MESSAGE_SCHEMAS[kind].shape).sort());
    }
    expect(fieldRows('event').map((row) => `${row.path}${row.required ? '' : '?'}`)).toEqual([
      'kind', 'counters', 'counters.calibration', 'counters.configuration', 'change?', 'change.param', 'change.old', 'change.new', 'grossMg?',
    ]);
  });

  it('state types, ranges and units from the schemas', () => {
    const weighing = Object.fromEntries(fieldRows('weighing').map((row) => [row.path, row]));
    expect(weighing.netMg).toMatchObject({ type: 'integer -100_000_000 … 100_000_000', unit: 'mg', required: true });
    expect(weighing.unitPriceFenPerKg).toMatchObject({ type: 'integer 0 … 9_999_999', unit: 'fen/kg' });
    expect(weighing.priceFen).toMatchObject({ unit: 'fen' });
    expect(weighing.payment?.type).toBe('"bank_qr" | "cash" | "card"');
    expect(weighing.stable?.type).toBe('boolean');
    const envelope = Object.fromEntries(envelopeRows().map((row) => [row.path, row]));
    expect(envelope.v?.type).toBe('1');
    expect(envelope.seq?.type).toBe('integer ≥ 0');
    expect(envelope.at?.type).toBe('string, ISO 8601 date-time with offset');
    expect(groupDigits(-1234567)).toBe('-1_234_567');
  });

  it('have a meaning in both languages for every field, reason and finding', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const catalogue = messagesFor(locale) as Record<string, string>;
      const keys = [
        ...envelopeRows().map((row) => `protocol.field.common.${row.path}`),
        ...MESSAGE_KINDS.flatMap((kind) => fieldRows(kind).map((row) => `protocol.field.${kind}.${row.path}`)),
        ...REJECT_REASONS.map((reason) => `protocol.reason.${reason}`),
        ...FINDINGS.map((finding) => `protocol.finding.${finding}`),
      ];
      for (const key of keys) expect(catalogue[key], `${locale} ${key}`).toBeTruthy();
      // no stale field meanings either
      const fieldKeys = Object.keys(catalogue).filter((key) => key.startsWith('protocol.field.'));
      expect(fieldKeys.sort()).toEqual(keys.filter((key) => key.startsWith('protocol.field.')).sort());
    }
  });
});
