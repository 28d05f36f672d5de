// Does the broker speak MQTT 5 (and so offer shared subscriptions)? Asked once at start on a
// connection of its own (clean, no session), until the broker gives an answer: only a CONNACK that
// refuses the protocol version means no (connect-failure.ts); an unreachable broker, a reset or a
// timeout is no answer, and the probe tries again after a backoff.
import mqtt from 'mqtt';
import { log } from '../log.ts';
import { backoffDelay, BROKER_BACKOFF } from './backoff.ts';
import { classifyConnectFailure } from './connect-failure.ts';

export type BrokerProtocol = 'mqtt5-shared' | 'mqtt311';

export interface ProbeProgress {
  failures: number;
  lastError: string | null;
}

function attempt(url: string, clientId: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const client = mqtt.connect(url, { clientId, protocolVersion: 5, clean: true, reconnectPeriod: 0, connectTimeout: 10_000, properties: { sessionExpiryInterval: 0 } });
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      client.end(true);
      if (error) reject(error);
      else resolve();
    };
    client.once('connect', () => finish());
    client.once('error', (error) => finish(error));
    // closed without a CONNACK and without an error: a transport failure too
    client.once('close', () => finish(new Error('connection closed before CONNACK')));
  });
}

/** Resolves with the broker's protocol once it has answered; `progress` is updated while it has not. */
export async function probeBrokerProtocol(url: string, clientId: string, progress: ProbeProgress, stopped: () => boolean): Promise<BrokerProtocol> {
  for (;;) {
    try {
      await attempt(url, clientId);
      return 'mqtt5-shared';
    } catch (error) {
      const failure = classifyConnectFailure(error);
      if (failure === 'protocol_refused') {
        log.warn('ingest.no_mqtt5', { reason: (error as Error).message, fallback: 'one MQTT 3.1.1 connection, no shared subscription' });
        return 'mqtt311';
      }
      progress.failures++;
      progress.lastError = (error as Error).message;
      const retryInMs = backoffDelay(progress.failures, BROKER_BACKOFF);
      if (progress.failures < 3 || progress.failures % 10 === 0) {
        log.warn('ingest.broker_unreachable', { clientId, failure, error: progress.lastError, failures: progress.failures, retryInMs });
      }
      if (stopped()) throw new Error('stopped before the broker answered');
      await new Promise((resolve) => setTimeout(resolve, retryInMs));
      if (stopped()) throw new Error('stopped before the broker answered');
    }
  }
}
