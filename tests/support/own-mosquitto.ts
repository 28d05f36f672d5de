// A Mosquitto of a test's own (no queue limits, see lib/platform/mosquitto.ts), on a free port.
// The chaos and fuzz tests need one: stock Mosquitto drops past 1 000 queued messages per client,
// and the embedded broker (aedes) has no MQTT 5 shared subscriptions. A missing binary is a
// failure, never a skip: CI has Mosquitto, and a silent skip would hide the whole suite.
import { mosquittoAvailable, startMosquitto, type MosquittoOptions, type OwnBroker } from '../../lib/platform/mosquitto.ts';
import { freePort } from './services.ts';

export async function startOwnMosquitto(options: Omit<MosquittoOptions, 'port'> = {}): Promise<OwnBroker> {
  if (!mosquittoAvailable()) {
    throw new Error(
      'the `mosquitto` binary is not on PATH: the ingest chaos/fuzz tests need a Mosquitto 2 of their own ' +
        '(apt-get install -y mosquitto). They do not skip: CI has it, and a skipped suite would prove nothing.',
    );
  }
  // a free port can be taken between the probe and mosquitto's bind: try a few
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startMosquitto({ persistence: false, ...options, port: await freePort() });
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}
