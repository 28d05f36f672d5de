// The field tables of the /protocol page, derived from the zod schemas (through their JSON Schema)
// so the page shows exactly what the ingest accepts. Meanings live in the i18n catalogue under
// `protocol.field.<kind>.<path>` (`protocol.field.common.<name>` for the envelope).
import { z } from 'zod';
import { MESSAGE_SCHEMAS } from './messages.ts';
import type { MessageKind } from './topics.ts';

export const ENVELOPE_FIELDS = ['v', 'serial', 'seq', 'at', 'sig'] as const;

export type FieldUnit = 'mg' | 'fen' | 'fen/kg';

export interface FieldRow {
  /** dotted path, e.g. "counters.calibration" */
  path: string;
  required: boolean;
  /** type and range, in schema terms: "integer -100_000_000 … 100_000_000", "\"online\" | \"offline\"" */
  type: string;
  unit: FieldUnit | null;
  /** depth of nesting, 0 for top-level fields */
  depth: number;
}

interface JsonSchema {
  type?: string;
  const?: unknown;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
}

/** 100000000 → "100_000_000", as a code literal would group it. */
export function groupDigits(value: number): string {
  const sign = value < 0 ? '-' : '';
  return sign + String(Math.abs(value)).replace(/\B(?=(\d{3})+(?!\d))/g, '_');
}

function describeType(schema: JsonSchema): string {
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(' | ');
  if (schema.type === 'integer' || schema.type === 'number') {
    const min = schema.minimum !== undefined && schema.minimum > Number.MIN_SAFE_INTEGER ? schema.minimum : undefined;
    const max = schema.maximum !== undefined && schema.maximum < Number.MAX_SAFE_INTEGER ? schema.maximum : undefined;
    if (min !== undefined && max !== undefined) return `${schema.type} ${groupDigits(min)} … ${groupDigits(max)}`;
    if (min !== undefined) return `${schema.type} ≥ ${groupDigits(min)}`;
    if (max !== undefined) return `${schema.type} ≤ ${groupDigits(max)}`;
    return schema.type;
  }
  if (schema.type === 'string') {
    if (schema.format === 'date-time') return 'string, ISO 8601 date-time with offset';
    const parts = ['string'];
    if (schema.pattern) parts.push(`/${schema.pattern}/`);
    if (schema.maxLength !== undefined) parts.push(`length ≤ ${schema.maxLength}`);
    return parts.join(' ');
  }
  return schema.type ?? 'any';
}

function unitOf(name: string): FieldUnit | null {
  if (name.endsWith('FenPerKg')) return 'fen/kg';
  if (name.endsWith('Fen')) return 'fen';
  if (name.endsWith('Mg')) return 'mg';
  return null;
}

function rowsOf(schema: JsonSchema, prefix: string, depth: number, skip: ReadonlySet<string>): FieldRow[] {
  const rows: FieldRow[] = [];
  const required = new Set(schema.required ?? []);
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    if (skip.has(name)) continue;
    const path = prefix ? `${prefix}.${name}` : name;
    rows.push({ path, required: required.has(name), type: describeType(child), unit: unitOf(name), depth });
    if (child.properties) rows.push(...rowsOf(child, path, depth + 1, new Set()));
  }
  return rows;
}

function jsonSchemaOf(kind: MessageKind): JsonSchema {
  return z.toJSONSchema(MESSAGE_SCHEMAS[kind], { target: 'draft-07' }) as JsonSchema;
}

/** The envelope fields every message carries (taken from the weighing schema: they are shared). */
export function envelopeRows(): FieldRow[] {
  const all = rowsOf(jsonSchemaOf('weighing'), '', 0, new Set());
  return ENVELOPE_FIELDS.map((name) => all.find((row) => row.path === name)).filter((row): row is FieldRow => row !== undefined);
}

/** The fields of one kind beyond the envelope, nested fields after their parent. */
export function fieldRows(kind: MessageKind): FieldRow[] {
  return rowsOf(jsonSchemaOf(kind), '', 0, new Set(ENVELOPE_FIELDS));
}
