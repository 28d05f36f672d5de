// The AsyncAPI 3.0 document of device protocol v1, generated from the zod schemas so it cannot
// drift from what the ingest accepts. scripts/asyncapi.ts writes it to public/asyncapi.json (served
// as /asyncapi.json); a unit test holds the committed file equal to a fresh build.
import { z } from 'zod';
import { REJECT_REASONS, type RejectReason } from './decode.ts';
import { EXAMPLE_SECRET, EXAMPLE_SERIAL, exampleMessages, storedAckExample, workedExample } from './example.ts';
import { EVENT_FINDINGS, MAX_CLOCK_SKEW_MS, MAX_MESSAGE_AGE_MS, WEIGHING_FINDINGS, type Finding } from './judge.ts';
import { MAX_MESSAGE_BYTES, MESSAGE_SCHEMAS } from './messages.ts';
import { storedAckMessage, storedAckTopic, MAX_ACK_GAPS } from './stored-ack.ts';
import { MESSAGE_KINDS, TOPIC_LEAF, TOPIC_ROOT, type MessageKind } from './topics.ts';

const MQTT_BINDING_VERSION = '0.2.0';

/** What each refusal means (English; the /protocol page has zh-CN and en in the catalogue). */
export const REJECT_REASON_MEANINGS: Record<RejectReason, string> = {
  bad_topic: `The topic is not ${TOPIC_ROOT}/{serial}/{weighings|status|events|checks}, or the serial is malformed.`,
  too_large: `The payload is larger than ${MAX_MESSAGE_BYTES} bytes.`,
  not_json: 'The payload is not UTF-8 text holding one JSON value (a byte-order mark is refused too).',
  schema: 'Valid JSON, but not a valid message for the topic: a field missing, unknown, out of range or of the wrong type; nesting deeper than 8 levels; a duplicate key.',
  topic_serial_mismatch: 'The serial in the payload differs from the serial in the topic.',
  unknown_scale: 'No scale with this serial is registered on the platform.',
  revoked_scale: "The scale's secret was revoked: its messages are refused until it is provisioned again.",
  bad_signature: "sig is not the HMAC-SHA256 of the canonical form under the scale's secret.",
  replayed_seq: 'The seq was already used by a different message of this scale (an exact repeat of an accepted message is acknowledged and ignored).',
  clock_skew: `The scale's clock is wrong: at is more than ${MAX_CLOCK_SKEW_MS / 60_000} minutes ahead of the platform's clock, or more than ${MAX_MESSAGE_AGE_MS / 86_400_000} days old (an offline status is exempt).`,
};

/** What each finding on an accepted message means. */
export const FINDING_MEANINGS: Record<Finding, string> = {
  below_min: 'Net mass above zero but below the scale’s Min: not a legal trade weighing.',
  above_max: 'Net mass above the scale’s Max.',
  negative_net: 'Net mass below zero.',
  not_multiple_of_d: 'Gross, tare or net is not a multiple of the scale interval d.',
  mass_arithmetic: 'gross − tare ≠ net.',
  price_mismatch: 'priceFen ≠ round_half_up(unitPriceFenPerKg × netMg / 1 000 000) to the price interval (checked when net ≥ 0).',
  price_on_invalid_mass: 'A price above zero for a negative or over-capacity mass.',
  unstable: 'The price was taken while the scale was not at rest.',
  scale_suspended: 'The scale is suspended or retired by the regulator.',
  verification_invalid: 'The scale has no valid verification: expired, failed or never verified.',
  receipt_reused:
    'The receipt token was already printed for another weighing. The weighing is stored with a receipt of its own under a derived token; the printed token no longer verifies either purchase.',
  counter_moved: 'A calibration or configuration counter differs from the one on record.',
  seal_open: 'The scale reports its case or seal opened.',
  self_lock: 'The scale locked itself.',
  zero_while_negative: 'Zero or tare was taken while the gross mass was negative (a stored offset).',
};

const CHANNEL_OF: Record<MessageKind, string> = { weighing: 'weighings', status: 'status', event: 'events', check: 'checks' };
const OPERATION_OF: Record<MessageKind, string> = { weighing: 'sendWeighing', status: 'sendStatus', event: 'sendEvent', check: 'sendCheck' };

const SUMMARY: Record<MessageKind, string> = {
  weighing: 'One trade weighing, published when the price is taken.',
  status: 'online on connect and as a heartbeat (every 60 s is plenty); offline as the last will.',
  event: 'A metrologically relevant event: power on, zero, tare, calibration, configuration, seal open, self-lock, unlock.',
  check: 'A self-check weighing of a known reference mass.',
};

function payloadSchema(kind: MessageKind): Record<string, unknown> {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(MESSAGE_SCHEMAS[kind], { target: 'draft-07' }) as Record<string, unknown>;
  return schema;
}

function table(header: [string, string], rows: [string, string][]): string {
  return [`| ${header[0]} | ${header[1]} |`, '|---|---|', ...rows.map(([a, b]) => `| \`${a}\` | ${b} |`)].join('\n');
}

function description(): string {
  const example = workedExample();
  return [
    'Device protocol v1 of Sunshine Scale (阳光秤): how a connected price-computing scale reports its weighings, status, events and self-checks over MQTT. The document describes the **scale**: every operation is one it sends, but receiveStoredAck, the platform’s confirmation it receives. A human version with a worked example is served at `/protocol`.',
    '',
    '## Connection',
    '- MQTT 3.1.1 or 5.0 over TCP port 1883 (TLS on 8883 where the deployment offers it). Client id `scale-{serial}`.',
    '- **Persistent session** (cleanSession / cleanStart = false) and **QoS 1** for every message, retain = false.',
    '- **Store and forward to the StoredAck**: the scale keeps every weighing, event and check until the platform\'s StoredAck (below) covers its seq, not merely until the broker\'s PUBACK: a broker that crashes loses what it acknowledged but had not saved. After a reconnect the MQTT client sends again what has no PUBACK; a record that stays uncovered is sent again 30 s after it was sent, then at doubling intervals up to 10 minutes. A repeat is recognised as a duplicate and never stored twice.',
    `- A payload is at most ${MAX_MESSAGE_BYTES} bytes of UTF-8 JSON, one object, no byte-order mark.`,
    '',
    '## Common fields',
    '`v` = 1; `serial` = the topic\'s {serial}; `seq` = one counter per scale across its weighings, events and checks, +1 per message, never reused (not after a restart either): (serial, seq) identifies a message, and a skipped seq is reported as a message that never arrived. A status does not use a seq up: it carries the seq of the scale\'s latest message (0 before the first). `at` = the scale\'s clock, ISO 8601 with Z or ±hh:mm; `sig` = the signature. Mass is in integer **mg**, money in integer **fen**, unit price in **fen per kg**. Unknown fields are refused.',
    '',
    '## Canonical form and signature',
    '1. Take the message without `sig`.',
    '2. Write it as JSON with no whitespace, object keys sorted by UTF-16 code unit order at every level; strings, integers, booleans and null as JSON.stringify writes them. Every number is an integer, so this is also RFC 8785 (JCS).',
    '3. `sig` = lowercase hex HMAC-SHA256 of the UTF-8 bytes of that string, keyed with the UTF-8 bytes of the scale secret (the 64 hex characters themselves, as issued at provisioning, not the 32 bytes they spell).',
    '',
    'Reproduce it with OpenSSL: `printf \'%s\' "$CANONICAL" | openssl dgst -sha256 -hmac "$SECRET"`.',
    '',
    `Worked example (demo secret \`${EXAMPLE_SECRET}\`, serial \`${EXAMPLE_SERIAL}\`, registered nowhere):`,
    '',
    '```',
    example.canonical,
    '```',
    '',
    `signs to \`${example.signature}\`.`,
    '',
    '## StoredAck (platform → scale)',
    `After its database COMMIT the platform publishes, per scale, a retained QoS 1 message on \`${storedAckTopic('{serial}')}\` with the newest state: every seq from 1 to \`last\` is durably stored, except the ranges in \`missing\` (at most ${MAX_ACK_GAPS}; with more gaps \`last\` is lowered so the rule holds). Being stored is permanent, so every StoredAck stays true and may be applied in any order. The scale subscribes to it after every connect, whatever the broker says of its session, checks the signature (the same HMAC-SHA256 rule as its own messages, keyed with its own secret) and the serial, and deletes the records it covers. A refused message (e.g. clock_skew) is never covered; a record older than ${MAX_MESSAGE_AGE_MS / 86_400_000} days may be deleted, since the platform can never accept it. When its memory is full the scale stops trading rather than drop a record.`,
    '',
    `Example: \`${storedAckExample().canonical}\` signs to \`${storedAckExample().signature}\` under the demo secret (1043 is not stored yet: the scale keeps it and sends it again).`,
    '',
    '## Last will',
    'On connect the scale composes and signs an `offline` status (its current seq, `at` = the connect time) and sets it as the MQTT will: topic `…/{serial}/status`, QoS 1, retain false. It then publishes its `online` status. On a clean stop it publishes an `offline` status itself before DISCONNECT (the broker then discards the will). A status does not use a seq up, so a will that fires hours later is still valid. The platform takes the time of receipt as the moment an `offline` scale went away.',
    '',
    '## Clock',
    `A message whose \`at\` is more than ${MAX_CLOCK_SKEW_MS / 60_000} minutes ahead of the platform's clock, or older than ${MAX_MESSAGE_AGE_MS / 86_400_000} days, is refused as \`clock_skew\` (an \`offline\` status is exempt). Keep the clock on NTP.`,
    '',
    '## Refusals',
    'A refused message is acknowledged (so it is not re-sent forever) and kept in the platform\'s dead letter with its bytes and reason. Checked in this order:',
    '',
    table(['reason', 'meaning'], REJECT_REASONS.map((reason) => [reason, REJECT_REASON_MEANINGS[reason]])),
    '',
    '## Findings',
    'An accepted, signed message may carry findings: the message is stored, and the findings are shown to the regulator and on the receipt.',
    '',
    table(['finding', 'meaning'], [...WEIGHING_FINDINGS, ...EVENT_FINDINGS].map((finding) => [finding, FINDING_MEANINGS[finding]])),
  ].join('\n');
}

/** The AsyncAPI 3.0 document, as a plain JSON value. Pure and deterministic. */
export function buildAsyncApi(): Record<string, unknown> {
  const examples = exampleMessages();
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const kind of MESSAGE_KINDS) {
    const channel = CHANNEL_OF[kind];
    channels[channel] = {
      address: `${TOPIC_ROOT}/{serial}/${TOPIC_LEAF[kind]}`,
      title: `${kind} messages of one scale`,
      parameters: { serial: { description: "The scale's serial number, [A-Za-z0-9-]{4,40}.", examples: [EXAMPLE_SERIAL] } },
      messages: { [kind]: { $ref: `#/components/messages/${kind}` } },
    };
    operations[OPERATION_OF[kind]] = {
      action: 'send',
      channel: { $ref: `#/channels/${channel}` },
      summary: SUMMARY[kind],
      messages: [{ $ref: `#/channels/${channel}/messages/${kind}` }],
      bindings: { mqtt: { qos: 1, retain: false, bindingVersion: MQTT_BINDING_VERSION } },
    };
    const kindExamples =
      kind === 'status'
        ? [
            { name: 'online', summary: 'Published right after connecting, and as a heartbeat.', payload: examples.status },
            { name: 'lastWill', summary: 'The offline will, composed and signed at connect time.', payload: examples.will },
          ]
        : [{ name: kind, summary: `A signed ${kind} of the demo scale (demo secret).`, payload: examples[kind] }];
    messages[kind] = {
      name: kind,
      title: String((MESSAGE_SCHEMAS[kind].meta() as { title?: string } | undefined)?.title ?? kind),
      summary: SUMMARY[kind],
      contentType: 'application/json',
      payload: payloadSchema(kind),
      examples: kindExamples,
    };
  }
  const ack = storedAckExample();
  const { $schema: _ignored, ...storedAckSchema } = z.toJSONSchema(storedAckMessage, { target: 'draft-07' }) as Record<string, unknown>;
  channels.storedAck = {
    address: storedAckTopic('{serial}'),
    title: 'StoredAck of one scale (platform → scale)',
    parameters: { serial: { description: "The scale's serial number, [A-Za-z0-9-]{4,40}.", examples: [EXAMPLE_SERIAL] } },
    messages: { storedAck: { $ref: '#/components/messages/storedAck' } },
  };
  operations.receiveStoredAck = {
    action: 'receive',
    channel: { $ref: '#/channels/storedAck' },
    summary: 'What the platform has durably stored of this scale: delete the records it covers, send again what stays uncovered.',
    messages: [{ $ref: '#/channels/storedAck/messages/storedAck' }],
    bindings: { mqtt: { qos: 1, retain: true, bindingVersion: MQTT_BINDING_VERSION } },
  };
  messages.storedAck = {
    name: 'storedAck',
    title: 'StoredAck',
    summary: 'The platform’s signed confirmation of what it has durably stored, retained, newest state only.',
    contentType: 'application/json',
    payload: storedAckSchema,
    examples: [{ name: 'storedAck', summary: '1042 and 1044 stored, 1043 not yet (demo secret).', payload: { ...ack.unsigned, sig: ack.signature } }],
  };
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Sunshine Scale device protocol',
      version: '1.0.0',
      description: description(),
    },
    defaultContentType: 'application/json',
    servers: {
      broker: {
        host: '{host}:{port}',
        protocol: 'mqtt',
        protocolVersion: '3.1.1',
        description: 'The market programme’s MQTT broker. MQTT 5.0 is accepted as well.',
        variables: {
          host: { description: 'Broker host name, given with the scale secret at provisioning.', default: 'localhost' },
          port: { description: '1883 (TCP) or 8883 (TLS).', enum: ['1883', '8883'], default: '1883' },
        },
        bindings: {
          mqtt: {
            cleanSession: false,
            keepAlive: 60,
            lastWill: { topic: `${TOPIC_ROOT}/{serial}/status`, qos: 1, retain: false, message: 'The offline status signed at connect time (see the status example lastWill).' },
            bindingVersion: MQTT_BINDING_VERSION,
          },
        },
      },
    },
    channels,
    operations,
    components: { messages },
  };
}

/** The file as committed: two-space JSON and a final newline. */
export function asyncApiJson(): string {
  return `${JSON.stringify(buildAsyncApi(), null, 2)}\n`;
}
