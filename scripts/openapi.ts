// Writes public/openapi.json (served as /openapi.json) from the bank webhook's zod schemas.
// Run after changing lib/domain/bank: `npm run openapi`. A unit test fails while the committed
// file differs from a fresh build.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { openApiJson } from '../lib/domain/bank/openapi.ts';

const target = path.resolve(import.meta.dirname, '../public/openapi.json');
writeFileSync(target, openApiJson());
console.log(`wrote ${path.relative(process.cwd(), target)}`);
