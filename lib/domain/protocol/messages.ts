// Device protocol v1: every message a scale publishes, defined once. The ingest decodes with these
// schemas, the simulator builds its messages from their types, the AsyncAPI document and the
// /protocol page are generated from them.
//
// Common to every message: `v` (protocol version 1), `serial` (equal to the topic's), `seq`, `at`
// (the scale's clock, ISO 8601 with offset) and `sig` (HMAC-SHA256 of the canonical form, see
// signature.ts). `seq` is one counter per scale across its weighings, events and checks: +1 per
// message, never reused. A status does not use one up: it carries the counter's current value (the
// seq of the scale's latest message, 0 before the first), so a last will composed at connect time
// and fired hours later cannot open or close a gap.
// Units: mass in integer milligrams (…Mg), money in integer fen (…Fen), unit price in fen per kg.
import { z } from 'zod';
import { SIGNATURE_PATTERN } from './signature.ts';
import { SERIAL_PATTERN, type MessageKind } from './topics.ts';

export const MAX_MESSAGE_BYTES = 4096;

/** Largest mass magnitude a message may carry: 100 kg, far above any market scale's Max. */
export const MASS_LIMIT_MG = 100_000_000;
export const MAX_UNIT_PRICE_FEN_PER_KG = 9_999_999;
export const MAX_PRICE_FEN = 100_000_000;
/** Calibration and configuration counters run 000–999 (NIST HB44 category 3 event counters). */
export const MAX_COUNTER = 999;

/** Strings without lone surrogates (I-JSON, RFC 7493), so every string has one UTF-8 form. */
const WELL_FORMED = /^(?:[^\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff])*$/;
const wellFormed = (text: string) => WELL_FORMED.test(text);

const mass = (description: string) => z.int().min(-MASS_LIMIT_MG).max(MASS_LIMIT_MG).meta({ description });

const envelope = {
  v: z.literal(1).meta({ description: 'Protocol version: 1.' }),
  serial: z.string().regex(SERIAL_PATTERN).meta({ description: "The scale's serial number; must equal the {serial} level of the topic." }),
  seq: z
    .int()
    .min(0)
    .meta({
      description:
        "Sequence number: one counter per scale across its weighings, events and checks, 1 for the first message and +1 for each after it, never reused (also not after a restart); (serial, seq) identifies the message, and a gap is reported as messages that never arrived. A status does not use a seq up: it carries the seq of the scale's latest message (0 before the first).",
    }),
  at: z.iso.datetime({ offset: true }).meta({ description: "When the message was made, on the scale's clock: ISO 8601 with Z or ±hh:mm." }),
  sig: z
    .string()
    .regex(SIGNATURE_PATTERN)
    .meta({ description: "HMAC-SHA256 of the message's canonical form (without sig) keyed with the scale secret's UTF-8 bytes, lowercase hex." }),
};

export const PAYMENT_METHODS = ['bank_qr', 'cash', 'card'] as const;

export const weighingMessage = z
  .strictObject({
    ...envelope,
    plu: z.string().regex(/^\d{4,6}$/).meta({ description: 'Commodity code (PLU) as registered with the market, 4–6 digits.' }),
    unitPriceFenPerKg: z.int().min(0).max(MAX_UNIT_PRICE_FEN_PER_KG).meta({ description: 'Unit price as displayed, in fen per kg.' }),
    grossMg: mass('Gross mass on the load receptor, in mg. May be negative (pan lifted).'),
    tareMg: z.int().min(0).max(MASS_LIMIT_MG).meta({ description: 'Tare in effect, in mg.' }),
    netMg: mass('Net mass as displayed (gross − tare), in mg. A negative net is reported, not hidden: the platform flags it.'),
    priceFen: z.int().min(0).max(MAX_PRICE_FEN).meta({ description: 'Price to pay as displayed and printed, in fen.' }),
    stable: z.boolean().meta({ description: 'Whether the scale was at rest (stable indication) when the price was taken.' }),
    payment: z.enum(PAYMENT_METHODS).meta({ description: "How the shopper paid: bank_qr (the programme bank's aggregated QR code), cash, card." }),
    receipt: z
      .string()
      .regex(/^[A-Za-z0-9_-]{21}[AQgw]$/)
      .meta({
        description:
          "The receipt token printed as the receipt's QR code: 16 random bytes (128 bits) from a CSPRNG, base64url without padding (22 characters). A new one for every weighing: a token another weighing already has gets the finding receipt_reused.",
      }),
  })
  .meta({ title: 'Weighing', description: 'One trade transaction, published once the price is taken (printed or paid).' });

export const STATUS_STATES = ['online', 'offline'] as const;

export const statusMessage = z
  .strictObject({
    ...envelope,
    state: z.enum(STATUS_STATES).meta({ description: 'online: on connect and as a heartbeat; offline: the last will, or a clean stop.' }),
  })
  .meta({
    title: 'Status',
    description:
      "online on connect and then as a heartbeat; offline as the last will, or published by the scale on a clean stop. A status carries the seq of the scale's latest message and does not use one up. The will is composed and signed at connect time (its seq and `at` are those of the moment of connecting); the platform takes the time of receipt as the moment the scale went offline.",
  });

export const EVENT_KINDS = ['power_on', 'zero', 'tare', 'calibration', 'configuration', 'seal_open', 'self_lock', 'unlock'] as const;
export const CHANGE_PARAMS = ['span', 'e', 'max', 'unit_factor', 'decimal_point', 'software', 'other'] as const;

const counter = (description: string) => z.int().min(0).max(MAX_COUNTER).meta({ description });
// A parameter value is shown text: no control characters (PostgreSQL refuses U+0000 in text and jsonb).
const NO_CONTROLS = /^[^\u0000-\u001f\u007f]*$/;
const paramValue = (description: string) =>
  z.string().max(64).regex(NO_CONTROLS, 'control characters are not allowed').refine(wellFormed, 'not well-formed Unicode (a lone surrogate)').meta({ description });

export const eventMessage = z
  .strictObject({
    ...envelope,
    kind: z.enum(EVENT_KINDS).meta({ description: 'What happened.' }),
    counters: z
      .strictObject({
        calibration: counter('Calibration event counter after the event, 0–999.'),
        configuration: counter('Configuration event counter after the event, 0–999.'),
      })
      .meta({ description: "The scale's event counters after the event (WELMEC 7.2 P7 event logger)." }),
    change: z
      .strictObject({
        param: z.enum(CHANGE_PARAMS).meta({ description: 'Which legally relevant parameter changed.' }),
        old: paramValue('Value before, as the scale shows it (at most 64 UTF-16 code units, well-formed Unicode, no control characters).'),
        new: paramValue('Value after, as the scale shows it (at most 64 UTF-16 code units, well-formed Unicode, no control characters).'),
      })
      .optional()
      .meta({ description: 'For calibration and configuration events: the parameter, old and new value.' }),
    grossMg: mass('For zero and tare events: the gross mass when the key was pressed, in mg.').optional(),
  })
  .meta({ title: 'Event', description: 'A metrologically relevant event from the scale’s event logger.' });

export const checkMessage = z
  .strictObject({
    ...envelope,
    referenceMg: z.int().min(1).max(MASS_LIMIT_MG).meta({ description: 'The conventional true mass of the reference weight, in mg.' }),
    indicationMg: mass('What the scale indicated for it, in mg.'),
  })
  .meta({ title: 'Check weighing', description: 'A self-check: the scale weighed a known reference mass. Error = indication − reference.' });

export type WeighingMessage = z.infer<typeof weighingMessage>;
export type StatusMessage = z.infer<typeof statusMessage>;
export type EventMessage = z.infer<typeof eventMessage>;
export type CheckMessage = z.infer<typeof checkMessage>;
export type ProtocolMessage = WeighingMessage | StatusMessage | EventMessage | CheckMessage;

export interface MessageByKind {
  weighing: WeighingMessage;
  status: StatusMessage;
  event: EventMessage;
  check: CheckMessage;
}
export type MessageOf<K extends MessageKind> = MessageByKind[K];
/** A message before signing: what a scale builds, then passes to withSignature(). */
export type Unsigned<M extends ProtocolMessage> = Omit<M, 'sig'>;

export const MESSAGE_SCHEMAS = {
  weighing: weighingMessage,
  status: statusMessage,
  event: eventMessage,
  check: checkMessage,
} as const satisfies Record<MessageKind, z.ZodType>;
