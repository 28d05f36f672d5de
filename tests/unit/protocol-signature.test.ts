import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { canonicalForm } from '../../lib/domain/protocol/canonical.ts';
import { EXAMPLE_SECRET, EXAMPLE_UNSIGNED, exampleMessages, workedExample } from '../../lib/domain/protocol/example.ts';
import { MESSAGE_SCHEMAS } from '../../lib/domain/protocol/messages.ts';
import { generateSecret, SECRET_PATTERN, SecretFormatError, signMessage, verifySignature, withSignature } from '../../lib/domain/protocol/signature.ts';
import { MESSAGE_KINDS } from '../../lib/domain/protocol/topics.ts';

const OPENSSL = '/usr/bin/openssl';
const secret = 'a'.repeat(64);

function opensslHmac(key: string, text: string): string {
  const out = execFileSync(OPENSSL, ['dgst', '-sha256', '-hmac', key], { input: Buffer.from(text, 'utf8') }).toString();
  const match = /= ([0-9a-f]{64})\s*$/.exec(out);
  if (!match) throw new Error(`unexpected openssl output: ${out}`);
  return match[1]!;
}

describe('signatures', () => {
  it('are lowercase hex HMAC-SHA256 of the canonical form, ignoring sig', () => {
    const message = { ...EXAMPLE_UNSIGNED.weighing };
    const sig = signMessage(secret, message);
    expect(sig).toMatch(/^[0-9a-f]{64}$/);
    expect(signMessage(secret, { ...message, sig: 'whatever' })).toBe(sig);
    expect(signMessage(secret, { ...message, seq: message.seq + 1 })).not.toBe(sig);
  });

  it('verify, and fail when any byte of the message, the sig or the secret changes', () => {
    const signed = withSignature(secret, EXAMPLE_UNSIGNED.weighing);
    expect(verifySignature(secret, signed)).toBe(true);
    expect(verifySignature('b'.repeat(64), signed)).toBe(false);
    expect(verifySignature(secret, { ...signed, priceFen: signed.priceFen + 1 })).toBe(false);
    expect(verifySignature(secret, { ...signed, receipt: signed.receipt.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) })).toBe(false);
    expect(verifySignature(secret, { ...signed, extra: 1 })).toBe(false);
    const flipped = signed.sig.slice(0, -1) + (signed.sig.endsWith('0') ? '1' : '0');
    expect(verifySignature(secret, { ...signed, sig: flipped })).toBe(false);
  });

  it('are false, not an exception, for a malformed sig or an unsignable message', () => {
    const signed = withSignature(secret, EXAMPLE_UNSIGNED.check);
    for (const sig of ['', 'zz', signed.sig.toUpperCase(), `${signed.sig}00`, signed.sig.slice(2)]) {
      expect(verifySignature(secret, { ...signed, sig }), sig).toBe(false);
    }
    expect(verifySignature(secret, { ...signed, sig: 42 as unknown as string })).toBe(false);
    expect(verifySignature(secret, { ...signed, referenceMg: 0.5 })).toBe(false);
  });

  it('refuse a secret that is not 64 lowercase hex characters', () => {
    for (const bad of ['', 'a'.repeat(63), 'A'.repeat(64), 'g'.repeat(64)]) {
      expect(() => signMessage(bad, {}), bad).toThrow(SecretFormatError);
    }
    expect(generateSecret()).toMatch(SECRET_PATTERN);
    expect(generateSecret()).not.toBe(generateSecret());
  });

  it('every signed example is a valid message that verifies', () => {
    const examples = exampleMessages();
    for (const kind of MESSAGE_KINDS) {
      expect(MESSAGE_SCHEMAS[kind].safeParse(examples[kind]).success, kind).toBe(true);
      expect(verifySignature(EXAMPLE_SECRET, examples[kind]), kind).toBe(true);
    }
    expect(MESSAGE_SCHEMAS.status.safeParse(examples.will).success).toBe(true);
  });
});

describe('the worked example against the real openssl', () => {
  const example = workedExample();

  it('the command printed on /protocol prints exactly the output printed there', () => {
    const out = execFileSync('/bin/sh', ['-c', example.opensslCommand], { env: { ...process.env, PATH: '/usr/bin:/bin' } }).toString().trim();
    // the label before "=" depends on the OpenSSL version ("(stdin)", "SHA2-256(stdin)", "HMAC-SHA2-256(stdin)")
    expect(out).toMatch(/^[\w-]*\(stdin\)= [0-9a-f]{64}$/);
    expect(out.split('= ')[1]).toBe(example.signature);
    if (/^OpenSSL 3\.0\./.test(execFileSync(OPENSSL, ['version']).toString())) expect(out).toBe(example.opensslOutput);
    expect(example.opensslOutput).toBe(`SHA2-256(stdin)= ${example.signature}`);
  });

  it('the signed JSON on the page verifies and its canonical form is the one shown', () => {
    const signed = JSON.parse(example.signedJson) as Record<string, unknown> & { sig: string };
    expect(canonicalForm(signed)).toBe(example.canonical);
    expect(verifySignature(example.secret, signed)).toBe(true);
    expect(example.mosquittoCommand).toContain(`-t '${example.topic}'`);
    expect(example.mosquittoCommand).toContain(`-m '${example.signedJson}'`);
  });

  it('agrees with openssl on every example and on non-ASCII text (UTF-8 bytes)', () => {
    const examples = exampleMessages();
    for (const kind of MESSAGE_KINDS) expect(opensslHmac(EXAMPLE_SECRET, canonicalForm(examples[kind])), kind).toBe(examples[kind].sig);
    const chinese = { ...EXAMPLE_UNSIGNED.event, change: { param: 'other', old: '单位：斤', new: '单位：公斤 😀' } };
    const key = generateSecret();
    expect(opensslHmac(key, canonicalForm(chinese))).toBe(signMessage(key, chinese));
  });
});
