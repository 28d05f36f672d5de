// Device secrets at rest: AES-256-GCM under the platform key (SCALE_SECRET_KEY), so a copy of the
// database alone never yields a secret a forger could sign with.
//
// Sealed layout: version (1 byte, 0x01) ‖ IV (12 random bytes) ‖ GCM tag (16 bytes) ‖ ciphertext.
// The version byte is authenticated too (as additional data), so it cannot be swapped unnoticed.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export const SEALED_VERSION = 0x01;
export const KEY_BYTES = 32;
export const IV_BYTES = 12;
export const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;
const VERSION_AAD = Buffer.from([SEALED_VERSION]);

/** The platform key is missing or malformed: the app cannot issue or read device secrets. */
export class PlatformKeyError extends Error {
  readonly code = 'platform_key_invalid';
}

export type SecretBoxFailure = 'malformed' | 'unsupported_version' | 'authentication_failed';

/** A sealed secret could not be opened: damaged, tampered with, or sealed under another key. */
export class SecretBoxError extends Error {
  readonly code: SecretBoxFailure;
  constructor(code: SecretBoxFailure, message: string) {
    super(message);
    this.code = code;
  }
}

/**
 * The platform key from `SCALE_SECRET_KEY`: base64 of exactly 32 bytes (e.g. `head -c32 /dev/urandom | base64`).
 * Throws PlatformKeyError, naming the variable, when it is unset or not such a key.
 */
export function loadPlatformKey(env: Record<string, string | undefined> = process.env): Buffer {
  const raw = env.SCALE_SECRET_KEY?.trim();
  if (!raw) {
    throw new PlatformKeyError('SCALE_SECRET_KEY is not set: it must be the base64 of 32 random bytes (head -c32 /dev/urandom | base64)');
  }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(raw)) throw new PlatformKeyError('SCALE_SECRET_KEY is not base64');
  const key = Buffer.from(raw, 'base64');
  if (key.length !== KEY_BYTES) {
    throw new PlatformKeyError(`SCALE_SECRET_KEY must decode to ${KEY_BYTES} bytes, got ${key.length}`);
  }
  return key;
}

function checkKey(key: Uint8Array): void {
  if (key.length !== KEY_BYTES) throw new PlatformKeyError(`the platform key must be ${KEY_BYTES} bytes, got ${key.length}`);
}

/** Seals a secret under the platform key; a fresh random IV every time. */
export function seal(key: Uint8Array, plaintext: string): Buffer {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(VERSION_AAD);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([VERSION_AAD, iv, cipher.getAuthTag(), ciphertext]);
}

/** Opens a sealed secret. Throws SecretBoxError when it is damaged, tampered with or under another key. */
export function open(key: Uint8Array, sealed: Uint8Array): string {
  checkKey(key);
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (bytes.length < HEADER_BYTES) throw new SecretBoxError('malformed', `a sealed secret has at least ${HEADER_BYTES} bytes, got ${bytes.length}`);
  if (bytes[0] !== SEALED_VERSION) throw new SecretBoxError('unsupported_version', `unknown sealed-secret version ${bytes[0]}`);
  const iv = bytes.subarray(1, 1 + IV_BYTES);
  const tag = bytes.subarray(1 + IV_BYTES, HEADER_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(VERSION_AAD);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(bytes.subarray(HEADER_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretBoxError('authentication_failed', 'the sealed secret does not authenticate: tampered with, or sealed under another platform key');
  }
}
