// An in-process MQTT broker for `npm start` when no MQTT_URL is given. aedes speaks MQTT 3.1.1 only
// and has no shared subscriptions; production and the ingest benchmark use Mosquitto (see
// mosquitto.conf in the repository).
import net from 'node:net';
import { Aedes } from 'aedes';
import { EmbeddedServiceError, portInUse } from './embedded-service-errors.ts';

export interface EmbeddedBroker {
  url: string;
  stop(): Promise<void>;
}

export async function startEmbeddedBroker(options: { port: number; host?: string }): Promise<EmbeddedBroker> {
  const host = options.host ?? '127.0.0.1';
  const broker = await Aedes.createBroker();
  const server = net.createServer(broker.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      void broker.close();
      reject(error.code === 'EADDRINUSE' ? new EmbeddedServiceError(portInUse(options.port, 'EMBEDDED_MQTT_PORT', 'MQTT_URL to use a broker of your own')) : error);
    });
    server.listen(options.port, host, () => resolve());
  });
  return {
    url: `mqtt://${host}:${options.port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        broker.close(() => server.close(() => resolve()));
      }),
  };
}
