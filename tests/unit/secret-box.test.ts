import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  IV_BYTES, loadPlatformKey, open, PlatformKeyError, seal, SEALED_VERSION, SecretBoxError, TAG_BYTES,
} from '../../lib/crypto/secret-box.ts';
import { generateSecret } from '../../lib/domain/protocol/signature.ts';

const key = randomBytes(32);
const secret = 'f'.repeat(64);

function failure(run: () => unknown): SecretBoxError {
  try {
    run();
  } catch (error) {
    if (error instanceof SecretBoxError) return error;
    throw error;
  }
  throw new Error('expected a SecretBoxError');
}

describe('secret box (AES-256-GCM under the platform key)', () => {
  it('opens what it sealed', () => {
    expect(open(key, seal(key, secret))).toBe(secret);
    expect(open(key, seal(key, ''))).toBe('');
    expect(open(key, seal(key, '秤 ✓'))).toBe('秤 ✓');
  });

  it('lays out version ‖ IV ‖ tag ‖ ciphertext, and never holds the secret in clear', () => {
    const sealed = seal(key, secret);
    expect(sealed[0]).toBe(SEALED_VERSION);
    expect(sealed.length).toBe(1 + IV_BYTES + TAG_BYTES + Buffer.byteLength(secret));
    expect(sealed.includes(Buffer.from(secret))).toBe(false);
    expect(sealed.toString('hex')).not.toContain(secret);
  });

  it('opens a Uint8Array view of the bytes (as Prisma returns them)', () => {
    const sealed = seal(key, secret);
    const padded = new Uint8Array(sealed.length + 8);
    padded.set(sealed, 4);
    expect(open(key, padded.subarray(4, 4 + sealed.length))).toBe(secret);
  });

  it('draws a fresh IV for every seal', () => {
    const ivs = new Set(Array.from({ length: 50 }, () => seal(key, secret).subarray(1, 1 + IV_BYTES).toString('hex')));
    expect(ivs.size).toBe(50);
    expect(seal(key, secret).equals(seal(key, secret))).toBe(false);
  });

  it('refuses a tampered box, whichever byte was changed', () => {
    const sealed = seal(key, secret);
    for (const index of [0, 1, 1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES, sealed.length - 1]) {
      const tampered = Buffer.from(sealed);
      tampered[index] = (tampered[index] ?? 0) ^ 0x01;
      expect(failure(() => open(key, tampered)).code, `byte ${index}`).toBe(index === 0 ? 'unsupported_version' : 'authentication_failed');
    }
    expect(failure(() => open(key, sealed.subarray(0, 10))).code).toBe('malformed');
    expect(failure(() => open(key, sealed.subarray(0, sealed.length - 1))).code).toBe('authentication_failed');
  });

  it('refuses a box sealed under another key', () => {
    const sealed = seal(key, secret);
    expect(failure(() => open(randomBytes(32), sealed)).code).toBe('authentication_failed');
  });

  it('refuses a key of the wrong length', () => {
    expect(() => seal(randomBytes(16), secret)).toThrow(PlatformKeyError);
    expect(() => open(randomBytes(31), seal(key, secret))).toThrow(PlatformKeyError);
  });
});

describe('platform key', () => {
  it('reads SCALE_SECRET_KEY as base64 of 32 bytes', () => {
    expect(loadPlatformKey({ SCALE_SECRET_KEY: key.toString('base64') }).equals(key)).toBe(true);
    expect(loadPlatformKey({ SCALE_SECRET_KEY: `${key.toString('base64')}\n` }).equals(key)).toBe(true);
  });

  it('says clearly what is wrong', () => {
    expect(() => loadPlatformKey({})).toThrow(/SCALE_SECRET_KEY is not set/);
    expect(() => loadPlatformKey({ SCALE_SECRET_KEY: '  ' })).toThrow(/SCALE_SECRET_KEY is not set/);
    expect(() => loadPlatformKey({ SCALE_SECRET_KEY: randomBytes(16).toString('base64') })).toThrow(/32 bytes, got 16/);
    expect(() => loadPlatformKey({ SCALE_SECRET_KEY: 'not base64!' })).toThrow(/not base64/);
    expect(() => loadPlatformKey({})).toThrow(PlatformKeyError);
  });
});

describe('device secrets', () => {
  it('are 64 lowercase hex characters, different every time', () => {
    const secrets = Array.from({ length: 20 }, generateSecret);
    for (const value of secrets) expect(value).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(secrets).size).toBe(20);
  });
});
