// Slows password guessing: after MAX_FAILURES failed sign-ins for one username within WINDOW_MS,
// further attempts are refused until the window passes. Per process, which is what one app
// server needs; several servers would move this to the database.
const MAX_FAILURES = 10;
const WINDOW_MS = 60_000;
const failures = new Map<string, number[]>();

function recent(username: string, now: number): number[] {
  const kept = (failures.get(username) ?? []).filter((at) => now - at < WINDOW_MS);
  if (kept.length) failures.set(username, kept);
  else failures.delete(username);
  return kept;
}

export function tooManyFailures(username: string, now = Date.now()): boolean {
  return recent(username, now).length >= MAX_FAILURES;
}

export function recordFailure(username: string, now = Date.now()): void {
  failures.set(username, [...recent(username, now), now]);
}

export function clearFailures(username: string): void {
  failures.delete(username);
}
