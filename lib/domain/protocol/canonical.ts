// The canonical form of a protocol message: the bytes its signature covers.
//
//   - the message without its top-level `sig` member;
//   - object members sorted by key, comparing the keys as sequences of UTF-16 code units (the order
//     of JavaScript's default sort), at every level;
//   - no whitespace; strings, integers, booleans and null written as JSON.stringify writes them;
//   - members whose value is undefined are left out (as JSON.stringify does), so a message built
//     with an absent optional field signs the same as the JSON that is sent.
//
// For our value types (every number is an integer) this coincides with RFC 8785 (JCS). Anything
// else (a fraction, NaN, an integer beyond 2^53 − 1, a bigint, a Date, a cycle) is refused with a
// CanonicalFormError rather than signed ambiguously. The whole form is then UTF-8 encoded.

export class CanonicalFormError extends Error {
  readonly code = 'not_canonicalisable';
}

const MAX_DEPTH = 32;

function write(value: unknown, path: string, depth: number, out: string[]): void {
  if (depth > MAX_DEPTH) throw new CanonicalFormError(`${path}: nested too deeply`);
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    out.push(JSON.stringify(value));
    return;
  }
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new CanonicalFormError(`${path}: ${value} is not an integer in ±(2^53 − 1)`);
    out.push(JSON.stringify(value)); // -0 is written 0, as JCS does
    return;
  }
  if (Array.isArray(value)) {
    out.push('[');
    value.forEach((item, index) => {
      if (index > 0) out.push(',');
      if (item === undefined) throw new CanonicalFormError(`${path}[${index}]: undefined in an array`);
      write(item, `${path}[${index}]`, depth + 1, out);
    });
    out.push(']');
    return;
  }
  if (typeof value === 'object') {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) throw new CanonicalFormError(`${path}: not a plain object`);
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort(); // default sort: UTF-16 code unit order
    out.push('{');
    keys.forEach((key, index) => {
      if (index > 0) out.push(',');
      out.push(JSON.stringify(key), ':');
      write(record[key], `${path}.${key}`, depth + 1, out);
    });
    out.push('}');
    return;
  }
  throw new CanonicalFormError(`${path}: a ${typeof value} has no JSON form`);
}

/** The message without `sig`, as sorted, whitespace-free JSON. Throws CanonicalFormError. */
export function canonicalForm(message: Record<string, unknown>): string {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) throw new CanonicalFormError('a message is a JSON object');
  const { sig: _sig, ...unsigned } = message;
  const out: string[] = [];
  write(unsigned, '$', 1, out);
  return out.join('');
}
