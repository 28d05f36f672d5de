// Structured logs: one JSON object per line on stdout/stderr, easy to grep and to ship.
type Fields = Record<string, unknown>;

function write(level: 'info' | 'warn' | 'error', event: string, fields?: Fields) {
  const line = JSON.stringify({ t: new Date().toISOString(), level, event, ...fields });
  if (level === 'error') process.stderr.write(`${line}\n`);
  else process.stdout.write(`${line}\n`);
}

export const log = {
  info: (event: string, fields?: Fields) => write('info', event, fields),
  warn: (event: string, fields?: Fields) => write('warn', event, fields),
  error: (event: string, fields?: Fields) => write('error', event, fields),
};
