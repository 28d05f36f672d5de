// How long to wait before the next attempt to reach a service that is away (the broker, the
// database): doubling from `baseMs` up to `maxMs`, each wait drawn between half and all of it so
// that workers cut off together do not all come back in the same instant.

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const BROKER_BACKOFF: BackoffPolicy = { baseMs: 500, maxMs: 30_000 };

/** The wait before attempt `attempt + 1` after `attempt` failures in a row (attempt ≥ 1). */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(30, Math.max(0, attempt - 1)));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
