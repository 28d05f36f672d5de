import { describe, expect, it } from 'vitest';
import { firstParam, pageParam, searchOf } from '../../lib/domain/search-param.ts';

describe('search parameters', () => {
  it('takes the first of a repeated parameter, and a single one as it is', () => {
    expect(firstParam(['2', '3'])).toBe('2');
    expect(firstParam('7')).toBe('7');
    expect(firstParam(undefined)).toBeUndefined();
  });

  it('reads ?page= as a whole number from 1, anything else as page 1', () => {
    expect(pageParam.parse('4')).toBe(4);
    expect(pageParam.parse(['5', '6'])).toBe(5);
    for (const bad of ['0', '-2', '1.5', 'x', undefined, '99999999']) expect(pageParam.parse(bad)).toBe(1);
  });
});

describe('a list link\'s query string', () => {
  it('keeps the values that are set and not the default, in the order given', () => {
    expect(searchOf({ status: 'all', severity: 'critical', page: 2 }, { status: 'open', page: 1 })).toBe('?status=all&severity=critical&page=2');
    expect(searchOf({ status: 'open', severity: undefined, page: 3 }, { status: 'open', page: 1 })).toBe('?page=3');
  });

  it('is empty when everything is a default or unset', () => {
    expect(searchOf({ status: 'open', page: 1, online: undefined }, { status: 'open', page: 1 })).toBe('');
    expect(searchOf({})).toBe('');
  });

  it('encodes what it carries', () => {
    expect(searchOf({ q: 'a&b c' })).toBe('?q=a%26b+c');
  });
});
