import mqtt from 'mqtt';
import { startEmbeddedBroker } from '../lib/platform/embedded-broker.ts';
const b = await startEmbeddedBroker({ port: 18999 });
const c = mqtt.connect(b.url, { protocolVersion: 5, reconnectPeriod: 0, clientId: 'x' });
c.on('error', (e: any) => console.log('error', e.message, e.code));
c.on('close', () => console.log('close'));
c.on('packetreceive', (p: any) => console.log('recv', JSON.stringify(p)));
c.on('connect', () => console.log('connected'));
setTimeout(async () => { c.end(true); await b.stop(); process.exit(0); }, 1500);
