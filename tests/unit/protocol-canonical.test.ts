import { describe, expect, it } from 'vitest';
import { canonicalForm, CanonicalFormError } from '../../lib/domain/protocol/canonical.ts';

describe('canonical form', () => {
  it('drops sig, sorts keys at every level and writes no whitespace', () => {
    const message = { v: 1, sig: 'ff', serial: 'DH30A-0001', b: { z: 1, a: [3, { y: true, x: null }] }, a: 'text' };
    expect(canonicalForm(message)).toBe('{"a":"text","b":{"a":[3,{"x":null,"y":true}],"z":1},"serial":"DH30A-0001","v":1}');
  });

  it('sorts by UTF-16 code units, not by locale or code point', () => {
    // "Z" 0x5a < "_" 0x5f < "a" 0x61 < "é" 0xe9 < "😀" (0xd83d 0xde00) < "｡" 0xff61: by code point
    // U+1F600 would come last; by UTF-16 code unit it sorts before U+FF61
    const message = { a: 1, é: 2, _: 3, Z: 4, '\uff61': 5, '😀': 6, aa: 7, B: 8 };
    expect(canonicalForm(message)).toBe('{"B":8,"Z":4,"_":3,"a":1,"aa":7,"é":2,"😀":6,"｡":5}');
  });

  it('keeps a nested sig: only the top-level one is the signature', () => {
    expect(canonicalForm({ sig: 'x', inner: { sig: 'y' } })).toBe('{"inner":{"sig":"y"}}');
  });

  it('writes strings as JSON.stringify does', () => {
    expect(canonicalForm({ s: 'quote " backslash \\ newline \n tab \t nul \u0000 中文 \u2028' })).toBe(
      `{"s":${JSON.stringify('quote " backslash \\ newline \n tab \t nul \u0000 中文 \u2028')}}`,
    );
    expect(canonicalForm({ s: 'quote' })).toBe('{"s":"quote"}');
  });

  it('leaves out undefined members, as the JSON that is sent does', () => {
    expect(canonicalForm({ a: 1, change: undefined })).toBe('{"a":1}');
    expect(canonicalForm({ a: 1, change: undefined })).toBe(canonicalForm(JSON.parse(JSON.stringify({ a: 1, change: undefined })) as Record<string, unknown>));
  });

  it('writes integers plainly, -0 as 0', () => {
    expect(canonicalForm({ n: -100_000_000, m: 0, z: -0, big: Number.MAX_SAFE_INTEGER })).toBe('{"big":9007199254740991,"m":0,"n":-100000000,"z":0}');
  });

  it('refuses what has no single canonical form', () => {
    for (const bad of [1.5, NaN, Infinity, -Infinity, 2 ** 53, 1e21]) expect(() => canonicalForm({ n: bad }), String(bad)).toThrow(CanonicalFormError);
    expect(() => canonicalForm({ nested: { deeper: [1, 0.1] } })).toThrow(/nested\.deeper\[1\]/);
    expect(() => canonicalForm({ d: new Date(0) })).toThrow(CanonicalFormError);
    expect(() => canonicalForm({ b: 1n })).toThrow(CanonicalFormError);
    expect(() => canonicalForm({ a: [undefined] })).toThrow(CanonicalFormError);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => canonicalForm(cycle)).toThrow(CanonicalFormError);
  });

  it('is the same whatever order the keys were written in', () => {
    const a = JSON.parse('{"seq":1,"v":1,"at":"2026-01-01T00:00:00Z","x":{"q":1,"p":2}}') as Record<string, unknown>;
    const b = JSON.parse('{ "x" : { "p" : 2 , "q" : 1 } , "at" : "2026-01-01T00:00:00Z" , "v" : 1.0 , "seq" : 1e0 }') as Record<string, unknown>;
    expect(canonicalForm(a)).toBe(canonicalForm(b));
  });
});
