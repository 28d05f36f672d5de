// The committed public/openapi.json must equal a fresh build from the bank webhook's zod schemas:
// change the contract, then run `npm run openapi` and commit the file.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOpenApi, openApiJson } from '../../lib/domain/bank/openapi.ts';
import { notificationsBody, notificationsResponse, REFUSALS } from '../../lib/domain/bank/webhook.ts';

interface Doc {
  openapi: string;
  info: { description: string };
  paths: Record<string, { post: {
    parameters: { name: string; in: string; required: boolean }[];
    requestBody: { content: { 'application/json': { examples: Record<string, { value: unknown }> } } };
    responses: Record<string, { content: { 'application/json': { examples?: Record<string, { value: unknown }> } } }>;
  } }>;
}

describe('OpenAPI document of the bank webhook', () => {
  it('public/openapi.json is up to date (run `npm run openapi`)', () => {
    const committed = readFileSync(path.resolve(import.meta.dirname, '../../public/openapi.json'), 'utf8');
    expect(committed).toBe(openApiJson());
  });

  it('describes POST /api/bank/payments with its three signed headers, valid examples and every refusal', () => {
    const doc = buildOpenApi() as unknown as Doc;
    expect(doc.openapi).toBe('3.1.0');
    const post = doc.paths['/api/bank/payments']!.post;
    expect(post.parameters.map((p) => [p.name, p.in, p.required])).toEqual([
      ['X-Sunshine-Programme', 'header', true], ['X-Sunshine-Timestamp', 'header', true], ['X-Sunshine-Signature', 'header', true],
    ]);
    for (const example of Object.values(post.requestBody.content['application/json'].examples)) expect(notificationsBody.safeParse(example.value).success).toBe(true);
    for (const example of Object.values(post.responses['200']!.content['application/json'].examples ?? {})) expect(notificationsResponse.safeParse(example.value).success).toBe(true);
    expect(Object.keys(post.responses).sort()).toEqual(['200', '400', '401', '413']);
    for (const reason of Object.keys(REFUSALS)) expect(doc.info.description).toContain(`\`${reason}\``);
  });
});
