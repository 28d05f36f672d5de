// MQTT topics of the device protocol, version 1. One tree per scale, one topic per message kind:
//   sunshine/v1/scales/{serial}/weighings   each trade weighing
//   sunshine/v1/scales/{serial}/status      online on connect, heartbeat; offline (also the last will)
//   sunshine/v1/scales/{serial}/events      tamper-evident events: power on, zero, tare, calibration …
//   sunshine/v1/scales/{serial}/checks      self-check weighings of a known reference mass
// The topic names the kind; the payloads carry no kind of their own (their schemas are disjoint).
export const TOPIC_ROOT = 'sunshine/v1/scales';

export const SERIAL_PATTERN = /^[A-Za-z0-9-]{4,40}$/;

export const MESSAGE_KINDS = ['weighing', 'status', 'event', 'check'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** The last topic level of each kind. */
export const TOPIC_LEAF: Readonly<Record<MessageKind, string>> = {
  weighing: 'weighings',
  status: 'status',
  event: 'events',
  check: 'checks',
};

/** What the ingest subscribes to (as `$share/<group>/…` when several workers split the load). */
export const SUBSCRIPTION = `${TOPIC_ROOT}/+/+`;

/** An MQTT v5 shared subscription of SUBSCRIPTION for a group of ingest workers. */
export function sharedSubscription(group: string): string {
  return `$share/${group}/${SUBSCRIPTION}`;
}

export function topicOf(kind: MessageKind, serial: string): string {
  return `${TOPIC_ROOT}/${serial}/${TOPIC_LEAF[kind]}`;
}

export function weighingTopic(serial: string): string {
  return topicOf('weighing', serial);
}

export function statusTopic(serial: string): string {
  return topicOf('status', serial);
}

export function eventTopic(serial: string): string {
  return topicOf('event', serial);
}

export function checkTopic(serial: string): string {
  return topicOf('check', serial);
}

const KIND_OF_LEAF: ReadonlyMap<string, MessageKind> = new Map(MESSAGE_KINDS.map((kind) => [TOPIC_LEAF[kind], kind]));

/** The serial and kind of a scale topic, or null when the topic is not one of ours. Never throws. */
export function parseTopic(topic: string): { serial: string; kind: MessageKind } | null {
  if (typeof topic !== 'string' || topic.length > 200) return null;
  const parts = topic.split('/');
  if (parts.length !== 5 || `${parts[0]}/${parts[1]}/${parts[2]}` !== TOPIC_ROOT) return null;
  const serial = parts[3] ?? '';
  const kind = KIND_OF_LEAF.get(parts[4] ?? '');
  if (!kind || !SERIAL_PATTERN.test(serial)) return null;
  return { serial, kind };
}

/** The serial in a scale topic of any leaf, or null when the topic is not one of ours. */
export function serialOfTopic(topic: string): string | null {
  if (typeof topic !== 'string' || topic.length > 200) return null;
  const parts = topic.split('/');
  if (parts.length !== 5 || `${parts[0]}/${parts[1]}/${parts[2]}` !== TOPIC_ROOT) return null;
  const serial = parts[3] ?? '';
  return SERIAL_PATTERN.test(serial) ? serial : null;
}
