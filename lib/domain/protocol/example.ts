// The worked example of protocol v1, shown on /protocol and in the AsyncAPI document, and checked
// against the real openssl binary by a unit test. Everything here is an EXAMPLE: the secret is
// public, and no scale with the serial DEMO-0001 is registered (the ingest answers unknown_scale).
import { canonicalForm } from './canonical.ts';
import type { CheckMessage, EventMessage, MessageByKind, StatusMessage, Unsigned, WeighingMessage } from './messages.ts';
import { signMessage, withSignature } from './signature.ts';
import { storedAckOf, storedAckTopic, type StoredAck } from './stored-ack.ts';
import { topicOf, type MessageKind } from './topics.ts';

/** A demo secret, public on purpose: never provision a scale with it. */
export const EXAMPLE_SECRET = '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f';
export const EXAMPLE_SERIAL = 'DEMO-0001';
/** The demo scale: class III, Max 15 kg, e = d = 5 g, Min 20 e = 100 g. */
export const EXAMPLE_SCALE = { maxMg: 15_000_000, minMg: 100_000, eMg: 5_000, dMg: 5_000, priceIntervalFen: 1 } as const;

const common = { v: 1, serial: EXAMPLE_SERIAL } as const;

/** Unsigned examples, in the order the scale made them: its latest message before connecting at
 * 07:58:02 was seq 1041, so its will and online status carry 1041; then it weighed (1042), was
 * calibrated (1043) and checked itself (1044). */
export const EXAMPLE_UNSIGNED: { [K in MessageKind]: Unsigned<MessageByKind[K]> } & { will: Unsigned<StatusMessage> } = {
  will: { ...common, seq: 1041, at: '2026-03-14T07:58:02+08:00', state: 'offline' },
  status: { ...common, seq: 1041, at: '2026-03-14T07:58:02+08:00', state: 'online' },
  weighing: {
    ...common,
    seq: 1042,
    at: '2026-03-14T09:26:53+08:00',
    plu: '1006',
    unitPriceFenPerKg: 700,
    grossMg: 1_240_000,
    tareMg: 5_000,
    netMg: 1_235_000,
    priceFen: 865, // 7.00 元/kg × 1.235 kg = 8.645 元 → 8.65 元, rounded half up to 1 fen
    stable: true,
    payment: 'bank_qr',
    receipt: 'g6R9dhYKzRFxCHY1D-uq7w',
  } satisfies Unsigned<WeighingMessage>,
  event: {
    ...common,
    seq: 1043,
    at: '2026-03-14T10:02:11+08:00',
    kind: 'calibration',
    counters: { calibration: 4, configuration: 2 },
    change: { param: 'span', old: '1.000213', new: '1.000187' },
  } satisfies Unsigned<EventMessage>,
  check: { ...common, seq: 1044, at: '2026-03-14T10:05:40+08:00', referenceMg: 5_000_000, indicationMg: 5_005_000 } satisfies Unsigned<CheckMessage>,
};

/** The examples signed with EXAMPLE_SECRET. */
export function exampleMessages(): { [K in MessageKind]: MessageByKind[K] } & { will: StatusMessage } {
  return {
    will: withSignature(EXAMPLE_SECRET, EXAMPLE_UNSIGNED.will),
    status: withSignature(EXAMPLE_SECRET, EXAMPLE_UNSIGNED.status),
    weighing: withSignature(EXAMPLE_SECRET, EXAMPLE_UNSIGNED.weighing),
    event: withSignature(EXAMPLE_SECRET, EXAMPLE_UNSIGNED.event),
    check: withSignature(EXAMPLE_SECRET, EXAMPLE_UNSIGNED.check),
  };
}

/** A word quoted for a POSIX shell. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export interface WorkedExample {
  secret: string;
  topic: string;
  unsigned: Unsigned<WeighingMessage>;
  canonical: string;
  signature: string;
  /** reproduces the signature with OpenSSL */
  opensslCommand: string;
  /** what OpenSSL 3.0 prints for it; the label before "=" differs between OpenSSL versions */
  opensslOutput: string;
  signedJson: string;
  /** publishes the signed weighing; `host` is a placeholder to replace */
  mosquittoCommand: string;
}

export function workedExample(host = '<host>'): WorkedExample {
  const unsigned = EXAMPLE_UNSIGNED.weighing;
  const canonical = canonicalForm(unsigned);
  const signature = signMessage(EXAMPLE_SECRET, unsigned);
  const topic = topicOf('weighing', EXAMPLE_SERIAL);
  const signedJson = JSON.stringify({ ...unsigned, sig: signature });
  return {
    secret: EXAMPLE_SECRET,
    topic,
    unsigned,
    canonical,
    signature,
    opensslCommand: `printf '%s' ${shellQuote(canonical)} | openssl dgst -sha256 -hmac ${shellQuote(EXAMPLE_SECRET)}`,
    opensslOutput: `SHA2-256(stdin)= ${signature}`,
    signedJson,
    mosquittoCommand: `mosquitto_pub -h ${host} -p 1883 -q 1 -t ${shellQuote(topic)} -m ${shellQuote(signedJson)}`,
  };
}

export interface StoredAckExample {
  topic: string;
  unsigned: Omit<StoredAck, 'sig'>;
  canonical: string;
  signature: string;
  opensslCommand: string;
}

/** The demo scale's StoredAck a second after its check: 1042 and 1044 are stored, 1043 (the
 *  calibration event) has not arrived yet, so the scale keeps it and sends it again. */
export function storedAckExample(): StoredAckExample {
  const unsigned = storedAckOf({ serial: EXAMPLE_SERIAL, lastSeq: 1044n, gaps: [{ fromSeq: 1043n, toSeq: 1043n }] }, new Date('2026-03-14T02:05:41Z'));
  const canonical = canonicalForm(unsigned);
  return {
    topic: storedAckTopic(EXAMPLE_SERIAL),
    unsigned,
    canonical,
    signature: signMessage(EXAMPLE_SECRET, unsigned),
    opensslCommand: `printf '%s' ${shellQuote(canonical)} | openssl dgst -sha256 -hmac ${shellQuote(EXAMPLE_SECRET)}`,
  };
}
