// A plain pg pool for the web app's bulk statements (INSERT … SELECT FROM unnest), where Prisma's
// query builder would write a row at a time. One per server process, like the Prisma client.
import pg from 'pg';
import { databaseUrl } from './client.ts';

const holder = globalThis as unknown as { sunshinePool?: pg.Pool };

export function pool(): pg.Pool {
  holder.sunshinePool ??= new pg.Pool({ connectionString: databaseUrl(), max: 5 });
  return holder.sunshinePool;
}
