// `npm test`: typecheck, lint, unit and integration tests (real PostgreSQL and MQTT broker), then
// the browser journeys against a production build in real Chromium. Ends with one plain line,
// "N passed, N failed", counting every test and every failed check.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name: string) => path.join(root, 'node_modules/.bin', name);
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
mkdirSync(path.join(root, 'test-results'), { recursive: true });

let passed = 0;
let failed = 0;
const report: string[] = [];

function step(name: string, command: string, args: string[], env: Record<string, string> = {}): boolean {
  const started = Date.now();
  console.log(`\n━━ ${name} ━━`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env } });
  const ok = result.status === 0;
  report.push(`${ok ? '✔' : '✘'} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return ok;
}

function readJson(file: string): Record<string, unknown> | null {
  const full = path.join(root, 'test-results', file);
  return existsSync(full) ? (JSON.parse(readFileSync(full, 'utf8')) as Record<string, unknown>) : null;
}

for (const [name, command, args] of [
  ['typecheck', bin('tsc'), ['--noEmit']],
  ['lint', bin('eslint'), ['.', '--max-warnings', '0']],
] as const) {
  if (step(name, command, [...args])) passed++;
  else failed++;
}

const vitestOk = step('unit and integration tests', bin('vitest'), ['run', '--reporter=default', '--reporter=json', '--outputFile=test-results/vitest.json']);
const vitest = readJson('vitest.json');
if (vitest) {
  passed += Number(vitest.numPassedTests ?? 0);
  failed += Number(vitest.numFailedTests ?? 0);
}
if (!vitestOk && !(Number(vitest?.numFailedTests ?? 0) > 0)) failed++; // crashed before counting

if (!existsSync(chromium)) {
  const banner = '!'.repeat(78);
  console.error(`\n${banner}\n  NO CHROMIUM at ${chromium}: the browser journeys did NOT run.\n  Install it with:  sudo apt-get install -y chromium   (or set CHROMIUM_PATH)\n${banner}\n`);
  report.push(`✘ browser journeys NOT RUN (no Chromium at ${chromium})`);
} else if (!step('build the web app', bin('next'), ['build'])) {
  failed++;
} else {
  const e2eOk = step('browser journeys (Playwright, Chromium)', bin('playwright'), ['test']);
  const e2e = readJson('e2e.json') as { stats?: { expected?: number; unexpected?: number; flaky?: number } } | null;
  passed += Number(e2e?.stats?.expected ?? 0) + Number(e2e?.stats?.flaky ?? 0);
  failed += Number(e2e?.stats?.unexpected ?? 0);
  if (!e2eOk && !(Number(e2e?.stats?.unexpected ?? 0) > 0)) failed++;
}

console.log(`\n━━ summary ━━\n${report.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
