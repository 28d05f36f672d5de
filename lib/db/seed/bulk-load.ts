// Loading half a million rows into a table with its indexes and foreign keys in place costs a
// B-tree insert per index and a lookup per foreign key, row by row: about 10 s for the receipts
// alone. Dropping them for the load and putting them back afterwards (one sort per index, one
// join per foreign key) is 5–10× faster and checks exactly the same constraints. The definitions
// come from the catalog, so whatever the migrations say is what is restored. Only for tables being
// filled inside the caller's transaction: a failure rolls the drop back with everything else.
import type pg from 'pg';

interface Dropped {
  table: string;
  name: string;
  definition: string;
  /** a constraint (primary key, unique, foreign key) or a plain CREATE INDEX */
  kind: 'constraint' | 'index';
  foreignKey: boolean;
}

const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;

// Indexes and constraints of the tables, except indexes that a foreign key of another table
// depends on (they must stay).
const CATALOG = `
  WITH target AS (SELECT to_regclass(format('%I', name)) AS oid FROM unnest($1::text[]) AS name)
  SELECT t.relname AS "table", c.conname AS name, pg_get_constraintdef(c.oid) AS definition,
         'constraint' AS kind, c.contype = 'f' AS "foreignKey"
  FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
  WHERE c.conrelid IN (SELECT oid FROM target) AND c.contype IN ('p', 'u', 'f')
    AND NOT EXISTS (
      SELECT 1 FROM pg_constraint f
      WHERE f.contype = 'f' AND f.conindid = c.conindid AND c.contype <> 'f' AND f.conrelid NOT IN (SELECT oid FROM target))
  UNION ALL
  SELECT t.relname, x.relname, pg_get_indexdef(i.indexrelid), 'index', false
  FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_class x ON x.oid = i.indexrelid
  WHERE i.indrelid IN (SELECT oid FROM target)
    AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid)
    AND NOT EXISTS (
      SELECT 1 FROM pg_constraint f
      WHERE f.contype = 'f' AND f.conindid = i.indexrelid AND f.conrelid NOT IN (SELECT oid FROM target))`;

/** Drops the tables' indexes and constraints; returns the function that restores them. */
export async function dropIndexesForLoad(client: pg.ClientBase, tables: readonly string[]): Promise<() => Promise<void>> {
  const { rows } = await client.query<Dropped>(CATALOG, [tables]);
  // foreign keys first: they depend on the unique indexes of the tables they reference
  const ordered = [...rows].sort((a, b) => Number(b.foreignKey) - Number(a.foreignKey));
  for (const item of ordered) {
    await client.query(item.kind === 'constraint'
      ? `ALTER TABLE ${quote(item.table)} DROP CONSTRAINT ${quote(item.name)}`
      : `DROP INDEX ${quote(item.name)}`);
  }
  return async () => {
    for (const item of [...ordered].reverse()) {
      await client.query(item.kind === 'constraint'
        ? `ALTER TABLE ${quote(item.table)} ADD CONSTRAINT ${quote(item.name)} ${item.definition}`
        // the catalog writes a partitioned table's index as "ON ONLY", which would index no partition
        : item.definition.replace(/ ON ONLY /, ' ON '));
    }
  };
}
