// The bank's webhook secret of a programme, for the bank's integrators:
//   npm run bank:secret                  shows the current secret (programme 1)
//   npm run bank:secret -- --rotate      issues a new one (the old one stops working at once)
//   npm run bank:secret -- --programme 2
// With no DATABASE_URL / SCALE_SECRET_KEY it reads what `npm start` uses (the embedded database on
// port 54329 and .data/scale-secret.key), so it works beside a running demo.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadPlatformKey } from '../lib/crypto/secret-box.ts';
import { programmeWebhookSecret, rotateWebhookSecret } from '../lib/db/bank-programme.ts';
import { databaseUrlFor } from '../lib/platform/embedded-postgres.ts';

const { values } = parseArgs({ options: { programme: { type: 'string', default: '1' }, rotate: { type: 'boolean', default: false } } });
const programmeId = Number(values.programme);
if (!Number.isSafeInteger(programmeId) || programmeId < 1) {
  console.error('bank:secret: --programme must be a programme id');
  process.exit(2);
}
const root = path.resolve(import.meta.dirname, '..');
const keyFile = path.join(root, '.data/scale-secret.key');
const platformKey = loadPlatformKey({ SCALE_SECRET_KEY: process.env.SCALE_SECRET_KEY ?? (existsSync(keyFile) ? readFileSync(keyFile, 'utf8') : undefined) });
const databaseUrl = process.env.DATABASE_URL ?? databaseUrlFor(`postgresql://postgres:postgres@127.0.0.1:${process.env.EMBEDDED_PG_PORT ?? 54329}/postgres`, 'sunshine');
const client = new pg.Client({ connectionString: databaseUrl });
await client.connect();
try {
  const secret = values.rotate ? await rotateWebhookSecret(client, platformKey, programmeId) : await programmeWebhookSecret(client, platformKey, programmeId);
  if (!secret) {
    console.error(`bank:secret: programme ${programmeId} has no webhook secret; issue one with --rotate`);
    process.exitCode = 1;
  } else {
    console.log(`programme ${programmeId} webhook secret${values.rotate ? ' (new)' : ''}: ${secret}`);
    console.log('Sign with: X-Sunshine-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>  (see /bank-api)');
  }
} finally {
  await client.end();
}
