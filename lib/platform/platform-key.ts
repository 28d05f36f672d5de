// The platform key that seals device secrets at rest. Production sets SCALE_SECRET_KEY (base64 of
// 32 bytes, from a secret store). `npm start` without it creates one in .data/ on first start and
// keeps it with the data it protects (mode 600).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function ensurePlatformKey(dataDir: string, env: Record<string, string | undefined> = process.env): string {
  if (env.SCALE_SECRET_KEY) return env.SCALE_SECRET_KEY;
  const file = path.join(dataDir, 'scale-secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}
