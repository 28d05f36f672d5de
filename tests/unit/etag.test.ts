import { describe, expect, it } from 'vitest';
import { etagOfJson, jsonWithEtag } from '../../lib/http/api.ts';

const request = (ifNoneMatch?: string) =>
  new Request('http://localhost/api/markets/1/floor', { headers: ifNoneMatch === undefined ? {} : { 'if-none-match': ifNoneMatch } });

describe('ETag of a polled resource', () => {
  it('sends the body with its tag the first time, and the same tag as a page computes for it', async () => {
    const body = { floor: { tiles: [{ stallId: 1, state: 'valid' }] }, total: 12n };
    const response = jsonWithEtag(request(), body);
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe(etagOfJson(body));
    expect(response.headers.get('cache-control')).toContain('no-cache');
    expect(JSON.parse(await response.text())).toEqual({ floor: { tiles: [{ stallId: 1, state: 'valid' }] }, total: '12' });
  });

  it('answers 304 without a body to a caller holding the current tag', async () => {
    const body = { floor: { tiles: [] } };
    const tag = etagOfJson(body);
    const response = jsonWithEtag(request(tag), body);
    expect(response.status).toBe(304);
    expect(response.headers.get('etag')).toBe(tag);
    expect(await response.text()).toBe('');
    expect(jsonWithEtag(request(`"other", W/${tag}`), body).status).toBe(304);
  });

  it('sends the new body when anything in it changed', () => {
    const before = { floor: { tiles: [{ stallId: 1, state: 'valid' }] } };
    const after = { floor: { tiles: [{ stallId: 1, state: 'offline' }] } };
    expect(etagOfJson(after)).not.toBe(etagOfJson(before));
    const response = jsonWithEtag(request(etagOfJson(before)), after);
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe(etagOfJson(after));
  });
});
