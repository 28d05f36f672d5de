/** Polls `read` until `accept` holds or the time is up, and returns the last value read: the caller's
 * assertion on it says what was expected, so a timeout fails with the value actually seen. */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, { timeoutMs = 15_000, intervalMs = 100 } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
