// A TCP proxy a fault test controls, between MQTT clients and the broker. It can cut the network:
// every open connection is reset (as a firewall or NAT that forgets its connections does) and new
// ones are accepted but get no byte until the network is restored (packets dropped: the client
// waits for its connect timeout). It can also accept connections only to reset them at once (a
// failing load balancer, a proxy in front of a broker still starting). Bytes pass untouched.
import net from 'node:net';

export type ProxyMode = 'open' | 'cut' | 'reset';

export interface TcpProxy {
  readonly url: string;
  readonly port: number;
  /** connections accepted and passed to the broker so far */
  readonly passed: number;
  /** resets every open connection; new ones hang without an answer until `restore` */
  cut(): void;
  /** accepts new connections and resets them at once, without a byte from the broker */
  resetAll(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host?: string; port: number }, mode: ProxyMode = 'open'): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let passed = 0;
  let current: ProxyMode = mode;
  const hanging = new Set<net.Socket>();
  const server = net.createServer((client) => {
    client.on('error', () => {});
    if (current === 'reset') {
      client.resetAndDestroy();
      return;
    }
    if (current === 'cut') {
      hanging.add(client);
      client.on('close', () => hanging.delete(client));
      return;
    }
    passed++;
    const upstream = net.connect(target.port, target.host ?? '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  const dropAll = () => {
    for (const socket of [...sockets, ...hanging]) socket.resetAndDestroy();
    sockets.clear();
    hanging.clear();
  };
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    get passed() {
      return passed;
    },
    cut: () => {
      current = 'cut';
      dropAll();
    },
    resetAll: () => {
      current = 'reset';
      dropAll();
    },
    restore: () => {
      current = 'open';
      // those that waited through the cut give up as after a real one (their clients retry)
      for (const socket of hanging) socket.resetAndDestroy();
      hanging.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        dropAll();
        server.close(() => resolve());
      }),
  };
}
