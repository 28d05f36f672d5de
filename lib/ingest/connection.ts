// One MQTT connection of the ingest worker, kept alive for the worker's whole life.
//
// - It subscribes on EVERY connect, whatever the broker says about the session: Mosquitto does not
//   keep `$share` subscriptions across its own restart although it finds the session again, and
//   mqtt.js subscribes again only when no session is found. Subscribing again to what a session
//   already has is harmless; not subscribing loses every message published afterwards.
// - It reconnects for ever, waiting longer after each failure in a row (backoff.ts), including when
//   the broker is unreachable at start or refuses the login: the worker never exits over the broker.
// - It holds at most `receiveMaximum` messages that are not yet written: past that, it stops reading
//   the connection (mqtt.js reads the next packet only once the previous one is answered) until a
//   batch commits. The worker asks an MQTT 5 broker for that limit (receive maximum), and Mosquitto 2
//   honours it; but MQTT 3.1.1 has no such limit (the embedded aedes sends all it has at once), a
//   broker may ignore it, and a database that stalls must not make the worker's memory grow with
//   the broker's queue.
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { log } from '../log.ts';
import { ACK_LATER, AckQueue, type AckHandle } from './acks.ts';
import { backoffDelay, BROKER_BACKOFF } from './backoff.ts';

export interface ConnectionState {
  clientId: string;
  up: boolean;
  /** subscribed on the current connection */
  subscribed: boolean;
  /** whether the broker had this client's session at the last connect */
  sessionPresent: boolean | null;
  /** successful connects so far (1 = never reconnected) */
  connects: number;
  /** failed attempts since the connection was last up */
  failures: number;
  /** the last error, while the connection is down */
  lastError: string | null;
  /** when the connection went down (ISO), while it is down */
  downSince: string | null;
  /** messages received and not yet written */
  held: number;
}

export type MessageHandler = (packet: { topic: string; payload: Buffer | string }, ack: AckHandle | null, connection: BrokerConnection) => void;

export interface ConnectionOptions {
  url: string;
  /** mqtt.js options: clientId, protocolVersion, clean, properties */
  client: IClientOptions & { clientId: string };
  topic: string;
  receiveMaximum: number;
  onMessage: MessageHandler;
}

export class BrokerConnection {
  readonly client: MqttClient;
  /** resolves once the first subscription is in place */
  readonly subscribed: Promise<void>;
  private readonly acks: AckQueue;
  private state: ConnectionState;
  /** mqtt.js's callback for the message that found the connection full, answered once there is room */
  private blocked: (() => void) | null = null;
  private closing = false;

  constructor(private readonly options: ConnectionOptions) {
    const clientId = options.client.clientId;
    this.state = { clientId, up: false, subscribed: false, sessionPresent: null, connects: 0, failures: 0, lastError: null, downSince: new Date().toISOString(), held: 0 };
    this.client = mqtt.connect(options.url, {
      ...options.client,
      // ours is the only re-subscription, on every connect (see above)
      resubscribe: false,
      reconnectPeriod: BROKER_BACKOFF.baseMs,
      // a refused login is retried too: the broker's password file may be fixed while we wait
      reconnectOnConnackError: true,
      connectTimeout: 10_000,
    });
    this.acks = new AckQueue(this.client);
    // Installed before CONNACK: queued session messages are not auto-acknowledged on arrival.
    // Answered with ACK_LATER for QoS 1: mqtt.js reads on and leaves the PUBACK to the worker.
    this.client.handleMessage = (packet, done) => {
      const qos1 = packet.qos === 1 && packet.messageId !== undefined;
      const handle = qos1 ? this.track(this.acks.arrived(packet.messageId!)) : null;
      options.onMessage(packet, handle, this);
      const answer = () => done(qos1 ? ACK_LATER : undefined);
      if (this.acks.held < options.receiveMaximum) answer();
      else this.blocked = answer;
    };
    let markSubscribed!: () => void;
    this.subscribed = new Promise((resolve) => (markSubscribed = resolve));
    this.client.on('connect', (connack) => {
      const outage = this.state.downSince;
      this.state = { ...this.state, up: true, subscribed: false, sessionPresent: connack.sessionPresent, connects: this.state.connects + 1, failures: 0, lastError: null, downSince: null };
      if (this.state.connects > 1) log.info('ingest.broker_reconnected', { clientId, sessionPresent: connack.sessionPresent, downSince: outage });
      void this.subscribe().then((ok) => ok && markSubscribed());
    });
    // before mqtt.js's own 'close' listener, which schedules the next attempt with this period
    this.client.prependListener('close', () => {
      // a stalled message of the closed connection is never answered: mqtt.js drops that
      // connection's unread packets, and the broker sends them again on the next one
      this.blocked = null;
      if (this.state.up && !this.closing) log.warn('ingest.broker_disconnected', { clientId });
      const failures = this.state.up ? 0 : this.state.failures + 1;
      this.state = { ...this.state, up: false, subscribed: false, failures, downSince: this.state.downSince ?? new Date().toISOString() };
      if (!this.closing) this.client.options.reconnectPeriod = failures === 0 ? BROKER_BACKOFF.baseMs : backoffDelay(failures, BROKER_BACKOFF);
    });
    this.client.on('error', (error) => {
      this.state = { ...this.state, lastError: error.message };
      // every failure in a row is logged at first, then every tenth: the broker may be away for hours
      if (this.state.failures < 3 || this.state.failures % 10 === 0) {
        log.warn('ingest.broker_unreachable', { clientId, error: error.message, failures: this.state.failures, retryInMs: this.client.options.reconnectPeriod });
      }
    });
  }

  get health(): ConnectionState {
    return { ...this.state, held: this.acks.held };
  }

  get up(): boolean {
    return this.client.connected;
  }

  /** Drops the network connection so that the broker sends again what it has not acknowledged. */
  drop(): void {
    this.client.stream.destroy();
  }

  /** Leaves the subscription (the first step of leaving for good). */
  async unsubscribe(): Promise<void> {
    await this.client.unsubscribeAsync(this.options.topic);
  }

  async end(disconnect?: { reasonCode: number; properties: { sessionExpiryInterval: number } }): Promise<void> {
    this.closing = true;
    // a connection that is down has nothing to say goodbye on
    await this.client.endAsync(!this.client.connected, disconnect);
  }

  private async subscribe(): Promise<boolean> {
    const stream = this.client.stream;
    try {
      const granted = await this.client.subscribeAsync(this.options.topic, { qos: 1 });
      const refused = granted.find((g) => g.qos > 2); // 0x80 and above: the broker said no
      if (refused) throw new Error(`subscription refused (reason ${refused.qos})`);
      if (this.client.stream === stream) this.state = { ...this.state, subscribed: true };
      log.info('ingest.subscribed', { clientId: this.options.client.clientId, topic: this.options.topic, sessionPresent: this.state.sessionPresent });
      return true;
    } catch (error) {
      // the connection went while subscribing (the next connect subscribes again), or the broker
      // refused: drop the connection, so the next connect tries again after a backoff
      log.warn('ingest.subscribe_failed', { clientId: this.options.client.clientId, error: (error as Error).message });
      if (this.client.stream === stream && this.client.connected) this.drop();
      return false;
    }
  }

  /** Answers a stalled message once the connection holds fewer than its maximum. */
  private track(handle: AckHandle): AckHandle {
    const freed = () => {
      if (this.blocked && this.acks.held < this.options.receiveMaximum) {
        const answer = this.blocked;
        this.blocked = null;
        answer();
      }
    };
    return {
      committed: () => {
        handle.committed();
        freed();
      },
      abandoned: () => {
        handle.abandoned();
        freed();
      },
    };
  }
}
