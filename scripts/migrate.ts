// `npm run db:migrate`: applies pending migrations to DATABASE_URL.
import { migrate } from '../lib/db/migrate.ts';
import { databaseUrl } from '../lib/db/client.ts';

const applied = await migrate(databaseUrl());
console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
