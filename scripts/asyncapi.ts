// Writes public/asyncapi.json (served as /asyncapi.json) from the protocol's zod schemas.
// Run after changing lib/domain/protocol: `npm run asyncapi`. A unit test fails while the committed
// file differs from a fresh build.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { asyncApiJson } from '../lib/domain/protocol/asyncapi.ts';

const target = path.resolve(import.meta.dirname, '../public/asyncapi.json');
writeFileSync(target, asyncApiJson());
console.log(`wrote ${path.relative(process.cwd(), target)}`);
