// Prometheus text: the ingest worker's own counters (fetched from INGEST_METRICS_URL, one or more,
// comma-separated) followed by figures read from the database.
import { db } from '@/lib/db/client.ts';
import { ingestFigures } from '@/lib/db/queries/ingest-health.ts';

export const dynamic = 'force-dynamic';

async function workerMetrics(): Promise<string[]> {
  const urls = (process.env.INGEST_METRICS_URL ?? '').split(',').map((u) => u.trim()).filter(Boolean);
  return Promise.all(
    urls.map(async (url) => {
      try {
        const response = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(2000), cache: 'no-store' });
        return response.ok ? await response.text() : `# worker ${url} answered ${response.status}\n`;
      } catch (error) {
        return `# worker ${url} unreachable: ${(error as Error).message}\n`;
      }
    }),
  );
}

export async function GET(request: Request) {
  // Where METRICS_TOKEN is set, a scraper must present it (Authorization: Bearer …).
  const token = process.env.METRICS_TOKEN;
  if (token && request.headers.get('authorization') !== `Bearer ${token}`) return new Response('unauthorized\n', { status: 401 });
  const [workers, figures] = await Promise.all([workerMetrics(), ingestFigures(db())]);
  const lines = [
    ...workers,
    '# HELP dead_letter_messages Messages kept in the dead-letter table, by reason.',
    '# TYPE dead_letter_messages gauge',
    ...figures.rejectedByReason.map((row) => `dead_letter_messages{reason="${row.reason}"} ${row.count}`),
    '# HELP sequence_gaps_open Runs of seqs scales skipped that have not arrived.',
    '# TYPE sequence_gaps_open gauge',
    `sequence_gaps_open ${figures.openGaps}`,
    '# HELP scales_online Scales whose last status says online.',
    '# TYPE scales_online gauge',
    `scales_online ${figures.scalesOnline}`,
    '# HELP last_weighing_age_seconds Seconds since the newest weighing was received.',
    '# TYPE last_weighing_age_seconds gauge',
    `last_weighing_age_seconds ${figures.lastWeighingAt ? ((Date.now() - figures.lastWeighingAt.getTime()) / 1000).toFixed(1) : 'NaN'}`,
    '',
  ];
  return new Response(lines.join('\n'), { headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' } });
}
