// What `npm start` says when an embedded service fails: one line with what failed and what to do,
// never a stack trace. Pure wording from what the failure left behind (an errno, PostgreSQL's log).

/** A failure already worded for the terminal. */
export class EmbeddedServiceError extends Error {
  override name = 'EmbeddedServiceError';
}

export function portInUse(port: number, setting: string, instead?: string): string {
  return `port ${port} is in use: set ${setting} to a free port${instead ? ` (or ${instead})` : ''}`;
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** PostgreSQL's own reason: its last FATAL/PANIC line, else its last line. */
function reasonIn(log: string): string | undefined {
  const all = lines(log);
  const fatal = all.filter((line) => /\b(FATAL|PANIC):/.test(line)).at(-1);
  return (fatal ?? all.at(-1))?.replace(/^.*?\b(FATAL|PANIC|ERROR|LOG):\s*/, '');
}

/** The server exited before it was ready. */
export function describePostgresExit(log: string, context: { port: number; dataDir: string }): string {
  if (/Address already in use|could not create any TCP\/IP sockets|\.s\.PGSQL\.\d+\.lock/.test(log)) {
    return portInUse(context.port, 'EMBEDDED_PG_PORT', 'DATABASE_URL to use a PostgreSQL of your own');
  }
  if (/lock file "postmaster\.pid" already exists/.test(log)) {
    return `another PostgreSQL already runs on ${context.dataDir} (a second npm start of this project?): stop it first`;
  }
  return `embedded PostgreSQL did not start (${reasonIn(log) ?? 'no output'}); its data is in ${context.dataDir}`;
}

/** initdb exited with an error. */
export function describeInitdbFailure(log: string, context: { code: number | null; dataDir: string }): string {
  if (/exists but is not empty/.test(log)) {
    return `${context.dataDir} is not empty but holds no PostgreSQL data: empty it, or set EMBEDDED_PG_DATA to another folder`;
  }
  return `embedded PostgreSQL could not create its data in ${context.dataDir} (initdb exited with ${context.code}: ${reasonIn(log) ?? 'no output'}); fix that, or set EMBEDDED_PG_DATA to another folder`;
}

/** A binary could not be executed at all (EACCES, ENOENT…). */
export function describeSpawnFailure(error: NodeJS.ErrnoException, command: string, context: { accountName?: string; fix: string }): string {
  const as = context.accountName ? ` as ${context.accountName}` : '';
  return `cannot run ${command}${as} (${error.code ?? error.message}): ${context.fix}, or set DATABASE_URL to use a PostgreSQL of your own`;
}

/** The first line of any thrown value, for a terminal. */
export function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return lines(text)[0] ?? (error instanceof Error ? error.name : 'unknown error');
}
