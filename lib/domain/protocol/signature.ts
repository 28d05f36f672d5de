// Message signatures: HMAC-SHA256 over the canonical form with the scale's own secret, as a device
// secret is used on Alibaba Cloud IoT. The key is the secret STRING's UTF-8 bytes (the 64 hex
// characters, not the 32 bytes they spell), so anyone can reproduce a signature with
//   printf '%s' "$CANONICAL" | openssl dgst -sha256 -hmac "$SECRET"
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { canonicalForm } from './canonical.ts';

/** A scale secret: 256 random bits as 64 lowercase hex characters, issued at provisioning. */
export const SECRET_PATTERN = /^[0-9a-f]{64}$/;

/** A signature: HMAC-SHA256 as 64 lowercase hex characters. */
export const SIGNATURE_PATTERN = /^[0-9a-f]{64}$/;

export class SecretFormatError extends Error {
  readonly code = 'bad_secret';
}

function checkSecret(secret: string): void {
  if (typeof secret !== 'string' || !SECRET_PATTERN.test(secret)) throw new SecretFormatError('a scale secret is 64 lowercase hex characters');
}

/** A fresh scale secret (for provisioning). */
export function generateSecret(): string {
  return randomBytes(32).toString('hex');
}

/** Lowercase hex HMAC-SHA256 of canonicalForm(message); `sig` itself is ignored.
 * Throws SecretFormatError for a malformed secret and CanonicalFormError for a non-JSON value. */
export function signMessage(secret: string, message: Record<string, unknown>): string {
  checkSecret(secret);
  return createHmac('sha256', Buffer.from(secret, 'utf8')).update(canonicalForm(message), 'utf8').digest('hex');
}

/** The message with its signature set (any `sig` it had is replaced). */
export function withSignature<T extends Record<string, unknown>>(secret: string, message: T): T & { sig: string } {
  return { ...message, sig: signMessage(secret, message) };
}

/** Whether `sig` is the message's signature under `secret`. False for a malformed `sig` or a
 * message that has no canonical form; compares in constant time. Throws only for a malformed secret
 * (the platform's fault, not the sender's). */
export function verifySignature(secret: string, message: Record<string, unknown> & { sig: string }): boolean {
  checkSecret(secret);
  const sig: unknown = message.sig;
  if (typeof sig !== 'string' || !SIGNATURE_PATTERN.test(sig)) return false;
  let expected: string;
  try {
    expected = signMessage(secret, message);
  } catch {
    return false;
  }
  return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(sig, 'hex'));
}
