// The platform's health: the database, and each ingest worker's own /health (INGEST_METRICS_URL,
// one or more, comma-separated), which says whether its broker connections are up. 503 when the
// database or any worker is unreachable or unhealthy: a worker cut off from its broker stores
// nothing, even though the web pages still answer.
import { NextResponse } from 'next/server';
import { db } from '@/lib/db/client.ts';
import { databaseReachable } from '@/lib/db/queries/ingest-health.ts';

export const dynamic = 'force-dynamic';

interface WorkerHealth {
  url: string;
  ok: boolean;
  health: unknown;
}

async function workerHealth(): Promise<WorkerHealth[]> {
  const urls = (process.env.INGEST_METRICS_URL ?? '').split(',').map((u) => u.trim()).filter(Boolean);
  return Promise.all(
    urls.map(async (url) => {
      try {
        const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000), cache: 'no-store' });
        return { url, ok: response.ok, health: await response.json().catch(() => null) };
      } catch (error) {
        return { url, ok: false, health: { error: (error as Error).message } };
      }
    }),
  );
}

export async function GET() {
  const [database, ingest] = await Promise.all([databaseReachable(db()), workerHealth()]);
  const ok = database && ingest.every((worker) => worker.ok);
  return NextResponse.json({ status: ok ? 'ok' : 'degraded', database, ingest }, { status: ok ? 200 : 503, headers: { 'cache-control': 'no-store' } });
}
