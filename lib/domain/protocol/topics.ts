// MQTT topics of the device protocol, version 1. One tree per scale:
//   sunshine/v1/scales/{serial}/status   online/offline (also the scale's last will)
// Weighing, event and check-weighing topics arrive with the ingest service (protocol v1 document).
export const TOPIC_ROOT = 'sunshine/v1/scales';

export const SERIAL_PATTERN = /^[A-Za-z0-9-]{4,40}$/;

export function statusTopic(serial: string): string {
  return `${TOPIC_ROOT}/${serial}/status`;
}

/** The serial in a scale topic, or null when the topic is not one of ours. */
export function serialOfTopic(topic: string): string | null {
  const parts = topic.split('/');
  if (parts.length !== 5 || `${parts[0]}/${parts[1]}/${parts[2]}` !== TOPIC_ROOT) return null;
  const serial = parts[3] ?? '';
  return SERIAL_PATTERN.test(serial) ? serial : null;
}
