// The committed public/asyncapi.json must equal a fresh build from the zod schemas: change the
// protocol, then run `npm run asyncapi` and commit the file.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { asyncApiJson, buildAsyncApi } from '../../lib/domain/protocol/asyncapi.ts';
import { storedAckMessage } from '../../lib/domain/protocol/stored-ack.ts';
import { REJECT_REASONS } from '../../lib/domain/protocol/decode.ts';
import { MESSAGE_SCHEMAS } from '../../lib/domain/protocol/messages.ts';
import { MESSAGE_KINDS } from '../../lib/domain/protocol/topics.ts';

interface Doc {
  asyncapi: string;
  info: { description: string };
  channels: Record<string, { address: string; parameters: Record<string, unknown>; messages: Record<string, { $ref: string }> }>;
  operations: Record<string, { action: string; channel: { $ref: string }; bindings: { mqtt: { qos: number } } }>;
  components: { messages: Record<string, { payload: { required: string[]; properties: Record<string, unknown> }; examples: { payload: unknown }[] }> };
}

describe('AsyncAPI document', () => {
  it('public/asyncapi.json is up to date (run `npm run asyncapi`)', () => {
    const committed = readFileSync(path.resolve(import.meta.dirname, '../../public/asyncapi.json'), 'utf8');
    expect(committed).toBe(asyncApiJson());
  });

  it('is deterministic', () => {
    expect(asyncApiJson()).toBe(asyncApiJson());
  });

  it('has one channel with {serial} and one QoS 1 send operation per message kind, and the StoredAck it receives', () => {
    const doc = buildAsyncApi() as unknown as Doc;
    expect(doc.asyncapi).toBe('3.0.0');
    const addresses = Object.values(doc.channels).map((channel) => channel.address).sort();
    expect(addresses).toEqual([
      'sunshine/v1/scales/{serial}/checks',
      'sunshine/v1/scales/{serial}/down/stored-ack',
      'sunshine/v1/scales/{serial}/events',
      'sunshine/v1/scales/{serial}/status',
      'sunshine/v1/scales/{serial}/weighings',
    ]);
    for (const channel of Object.values(doc.channels)) expect(Object.keys(channel.parameters)).toEqual(['serial']);
    const { receiveStoredAck, ...sends } = doc.operations;
    expect(Object.values(sends)).toHaveLength(4);
    for (const operation of Object.values(sends)) {
      expect(operation.action).toBe('send');
      expect(operation.bindings.mqtt.qos).toBe(1);
    }
    expect(receiveStoredAck).toMatchObject({ action: 'receive', bindings: { mqtt: { qos: 1, retain: true } } });
    const ack = doc.components.messages.storedAck!;
    for (const example of ack.examples) expect(storedAckMessage.safeParse(example.payload).success).toBe(true);
  });

  it('carries every schema and valid examples, and every reject reason in its description', () => {
    const doc = buildAsyncApi() as unknown as Doc;
    for (const kind of MESSAGE_KINDS) {
      const message = doc.components.messages[kind]!;
      expect(message.payload.required).toEqual(expect.arrayContaining(['v', 'serial', 'seq', 'at', 'sig']));
      expect(Object.keys(message.payload.properties).sort()).toEqual(Object.keys(MESSAGE_SCHEMAS[kind].shape).sort());
      for (const example of message.examples) expect(MESSAGE_SCHEMAS[kind].safeParse(example.payload).success, kind).toBe(true);
    }
    for (const reason of REJECT_REASONS) expect(doc.info.description).toContain(`\`${reason}\``);
  });
});
