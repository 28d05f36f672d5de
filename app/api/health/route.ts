import { NextResponse } from 'next/server';
import { db } from '@/lib/db/client.ts';
import { databaseReachable } from '@/lib/db/queries/ingest-health.ts';

export const dynamic = 'force-dynamic';

export async function GET() {
  const database = await databaseReachable(db());
  return NextResponse.json({ status: database ? 'ok' : 'degraded', database }, { status: database ? 200 : 503, headers: { 'cache-control': 'no-store' } });
}
