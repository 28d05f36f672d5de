// Why an MQTT connect failed, and what the worker does about it. Only a broker that answers the
// MQTT 5 CONNECT with "unsupported protocol version" lacks MQTT 5: that is the one failure that
// makes the worker fall back to MQTT 3.1.1. Everything else — the port closed, a connection reset
// by a proxy, a timeout, a refused login — says nothing about the protocol: the worker retries.
//
// An MQTT 3.1.1 broker answers an MQTT 5 CONNECT with its own CONNACK, return code 1 ("unacceptable
// protocol version", MQTT 3.1.1 §3.2.2.3; aedes does so); an MQTT 5 broker that has the version
// switched off answers reason code 0x84 ("unsupported protocol version", MQTT 5 §3.2.2.2).

export type ConnectFailure =
  /** the broker does not speak MQTT 5: use MQTT 3.1.1 */
  | 'protocol_refused'
  /** the broker answered and refused (credentials, authorisation, server busy…): retry, and say so */
  | 'refused'
  /** no answer at all (closed port, reset, timeout, DNS): retry */
  | 'transport';

const UNSUPPORTED_PROTOCOL = new Set([1, 0x84]);

export function classifyConnectFailure(error: unknown): ConnectFailure {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'number') return UNSUPPORTED_PROTOCOL.has(code) ? 'protocol_refused' : 'refused';
  return 'transport';
}
