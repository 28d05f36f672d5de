import { afterEach, describe, expect, it, vi } from 'vitest';
import { EXAMPLE_SECRET } from '../../lib/domain/protocol/example.ts';
import { readStoredAck } from '../../lib/domain/protocol/stored-ack.ts';
import { StoredAcks } from '../../lib/ingest/stored-acks.ts';

const state = (serial: string, last: number) => ({ serial, secret: EXAMPLE_SECRET, lastSeq: BigInt(last), gaps: [] });

afterEach(() => {
  vi.useRealTimers();
});

describe('StoredAcks (the ingest side)', () => {
  it('sends one signed StoredAck per scale per interval, with the newest state', () => {
    vi.useFakeTimers();
    const sent: [string, string][] = [];
    const acks = new StoredAcks((topic, payload) => (sent.push([topic, payload]), true), 500);
    acks.note([state('S-0001', 3), state('S-0002', 9)]);
    acks.note([state('S-0001', 5)]);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(500);
    expect(sent.map(([topic]) => topic)).toEqual(['sunshine/v1/scales/S-0001/down/stored-ack', 'sunshine/v1/scales/S-0002/down/stored-ack']);
    const first = readStoredAck(sent[0]![1], 'S-0001', EXAMPLE_SECRET);
    expect(first.ok && first.ack.last).toBe(5);
    expect(acks.sent).toBe(2);
  });

  it('keeps what no connection could take and sends it later', () => {
    vi.useFakeTimers();
    let up = false;
    const sent: string[] = [];
    const acks = new StoredAcks((topic) => (up ? (sent.push(topic), true) : false), 500);
    acks.note([state('S-0001', 3)]);
    vi.advanceTimersByTime(1500);
    expect(sent).toEqual([]);
    expect(acks.pending).toBe(1);
    up = true;
    vi.advanceTimersByTime(500);
    expect(sent).toHaveLength(1);
    expect(acks.pending).toBe(0);
  });
});
