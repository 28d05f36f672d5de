import { describe, expect, it } from 'vitest';
import { format, isLocale, messagesFor, translator } from '../../lib/i18n/index.ts';

describe('message catalogue', () => {
  const zh = messagesFor('zh-CN');
  const en = messagesFor('en');

  it('has the same keys in both languages and no empty message', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const [key, text] of [...Object.entries(zh), ...Object.entries(en)]) expect(text.trim(), key).not.toBe('');
  });

  it('uses the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) expect(placeholders(en[key]), key).toEqual(placeholders(zh[key]));
  });

  it('writes Chinese in the zh-CN catalogue', () => {
    expect(zh['auth.signIn']).toMatch(/[\u4e00-\u9fff]/);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('{a} and {b}', { a: 1 })).toBe('1 and {b}');
    expect(translator('en')('auth.signedInAs', { name: 'Li' })).toBe('Signed in as Li');
    expect(translator('zh-CN')('auth.signedInAs', { name: '李' })).toBe('当前用户：李');
  });

  it('recognises only supported locales', () => {
    expect(isLocale('zh-CN')).toBe(true);
    expect(isLocale('en')).toBe(true);
    expect(isLocale('fr')).toBe(false);
    expect(isLocale(undefined)).toBe(false);
  });
});
