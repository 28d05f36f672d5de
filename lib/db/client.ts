import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client.ts';

export type Db = PrismaClient;

export function createDb(url: string = databaseUrl()): Db {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) });
}

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set (npm start sets it for the embedded database)');
  return url;
}

// One client per server process; Next's dev server reloads modules, so keep it on globalThis.
const holder = globalThis as unknown as { sunshineDb?: Db };

export function db(): Db {
  holder.sunshineDb ??= createDb();
  return holder.sunshineDb;
}
