'use client';
// A JSON resource kept current in the browser: asked for every `everyMs` with the ETag held (an
// unchanged resource costs a 304), paused while the tab is hidden and asked at once when it shows
// again, backing off while the server cannot be reached, and stopped when the session ends (401) or
// the resource leaves the user's scope (403/404).
import { useEffect, useRef, useState } from 'react';

export type PollStatus = 'live' | 'retrying' | 'stopped';

/** `loadedAt`: when the server read `initial` (server and browser render the same first frame). */
export function usePolled<T>(url: string, initial: T, etag: string, loadedAt: number, everyMs = 5_000, maxBackoffMs = 60_000): { data: T; status: PollStatus; refreshedAt: number } {
  const [state, setState] = useState({ data: initial, status: 'live' as PollStatus, refreshedAt: loadedAt });
  const tag = useRef(etag);
  useEffect(() => {
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let delay = everyMs;
    let stopped = false;
    const schedule = (ms: number) => {
      clearTimeout(timer);
      if (!stopped) timer = setTimeout(() => void poll(), ms);
    };
    async function poll(): Promise<void> {
      if (stopped || document.visibilityState === 'hidden') return;
      try {
        const response = await fetch(url, { headers: { 'if-none-match': tag.current }, cache: 'no-store', signal: abort.signal });
        if ([401, 403, 404].includes(response.status)) {
          stopped = true;
          setState((previous) => ({ ...previous, status: 'stopped' }));
          return;
        }
        if (response.ok) {
          const data = (await response.json()) as T;
          tag.current = response.headers.get('etag') ?? '';
          setState({ data, status: 'live', refreshedAt: Date.now() });
        } else if (response.status === 304) {
          setState((previous) => ({ ...previous, status: 'live', refreshedAt: Date.now() }));
        } else throw new Error(`HTTP ${response.status}`);
        delay = everyMs;
      } catch {
        if (abort.signal.aborted) return;
        delay = Math.min(maxBackoffMs, delay * 2);
        setState((previous) => ({ ...previous, status: 'retrying' }));
      }
      schedule(delay);
    }
    const onVisible = () => {
      if (document.visibilityState === 'visible') schedule(0);
    };
    document.addEventListener('visibilitychange', onVisible);
    schedule(everyMs);
    return () => {
      stopped = true;
      abort.abort();
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [url, everyMs, maxBackoffMs]);
  return state;
}
