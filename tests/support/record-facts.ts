// What the database holds of the records a reference fleet made (lib/simulator/fleet.ts): the
// exactly-once check of the tests that drive the fleet through faults.
import type pg from 'pg';
import type { FleetScaleState } from '../../lib/simulator/fleet.ts';

/** Records (weighings and events) of these scales in their ranges: how many, how many distinct
 *  (scale, seq), how many seqs of the ranges have none, and how many rows lie past the ranges. */
export async function recordFacts(pool: pg.Pool, ids: Map<string, number>, ranges: FleetScaleState[]) {
  const used = ranges.filter((r) => r.nextSeq > r.firstSeq);
  const params = [used.map((r) => ids.get(r.serial)!), used.map((r) => r.firstSeq), used.map((r) => r.nextSeq - 1)];
  const { rows: [facts] } = await pool.query<{ rows: number; distinct: number; missing: number; beyond: number }>(
    `WITH r AS (SELECT * FROM unnest($1::int[], $2::bigint[], $3::bigint[]) AS r(s, f, t)),
          rec AS (SELECT "scaleId" AS s, seq FROM "Weighing" WHERE "scaleId" = ANY($1::int[])
                  UNION ALL SELECT "scaleId", seq FROM "ScaleEvent" WHERE "scaleId" = ANY($1::int[]))
     SELECT (SELECT count(*)::int FROM rec JOIN r ON rec.s = r.s AND rec.seq BETWEEN r.f AND r.t) AS rows,
            (SELECT count(DISTINCT (rec.s, rec.seq))::int FROM rec JOIN r ON rec.s = r.s AND rec.seq BETWEEN r.f AND r.t) AS distinct,
            (SELECT count(*)::int FROM r, generate_series(r.f, r.t) AS q(seq)
              WHERE NOT EXISTS (SELECT 1 FROM rec WHERE rec.s = r.s AND rec.seq = q.seq)) AS missing,
            (SELECT count(*)::int FROM rec JOIN r ON rec.s = r.s AND rec.seq > r.t) AS beyond`,
    params,
  );
  return { ...facts!, expected: used.reduce((sum, r) => sum + r.nextSeq - r.firstSeq, 0) };
}
