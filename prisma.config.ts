import { defineConfig } from 'prisma/config';

// Prisma 7 reads no .env: the URL comes from the environment (npm start sets it for the embedded
// database). Only `prisma migrate deploy` on a machine with the native engine needs it.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost/sunshine' },
});
