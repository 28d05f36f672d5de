// Run as a normal user by tests/integration/embedded-postgres-user.test.ts: plans the embedded
// PostgreSQL for the project folder given, starts it there, queries it, stops it, and prints
// what it did as one JSON line.
import pg from 'pg';
import { startEmbeddedPostgres } from '../../lib/platform/embedded-postgres.ts';
import { postgresRuntime, projectDataDir } from '../../lib/platform/embedded-postgres-setup.ts';

const [projectRoot, port] = process.argv.slice(2);
const runtime = postgresRuntime();
const data = projectDataDir(projectRoot!, process.env, runtime.account);
const database = await startEmbeddedPostgres({ dataDir: data.dir, port: Number(port) });
const client = new pg.Client({ connectionString: database.serverUrl });
await client.connect();
const { rows } = await client.query<{ user: string }>('SELECT current_user AS user');
await client.end();
await database.stop();
console.log(JSON.stringify({ uid: process.getuid?.(), binDir: runtime.binDir, account: runtime.account ?? null, data, user: rows[0]?.user }));
