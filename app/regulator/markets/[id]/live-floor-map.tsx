'use client';
// The market's floor map, kept current: it asks /api/markets/:id/floor every few seconds with the
// ETag it holds (an unchanged floor costs a 304 and no rendering), pauses while the tab is hidden,
// backs off while the server cannot be reached, and stops when the session ends or the market
// leaves the user's scope. Tiles that changed get a ring, and a polite live region says which.
import { useEffect, useRef, useState } from 'react';
import { FloorMap, type FloorTile } from '@/components/floor-map.tsx';
import { FLOOR_STATE_LABEL } from '@/components/floor-state-style.tsx';
import type { MarketFloor } from '@/lib/db/queries/floor.ts';
import { FLOOR_STATES } from '@/lib/domain/floor-state.ts';
import { intlLocale } from '@/lib/i18n/index.ts';
import { useI18n } from '@/lib/i18n/client.tsx';

const POLL_MS = 5_000;
const MAX_BACKOFF_MS = 60_000;
/** more changes than this at once are summed up, not read out one by one */
const ANNOUNCE_AT_MOST = 8;

type Status = 'live' | 'retrying' | 'signed_out' | 'gone';

interface Snapshot {
  floor: MarketFloor;
  refreshedAt: number;
  /** stalls whose state changed at the last refresh */
  changed: ReadonlySet<number>;
}

function changedStalls(before: MarketFloor, after: MarketFloor): number[] {
  const previous = new Map(before.tiles.map((tile) => [tile.stallId, tile.state]));
  return after.tiles.filter((tile) => previous.get(tile.stallId) !== tile.state).map((tile) => tile.stallId);
}

export function LiveFloorMap({ initial, etag, refreshedAt }: { initial: MarketFloor; etag: string; refreshedAt: number }) {
  const { locale, t } = useI18n();
  const [snapshot, setSnapshot] = useState<Snapshot>({ floor: initial, refreshedAt, changed: new Set() });
  const [status, setStatus] = useState<Status>('live');
  const [announcement, setAnnouncement] = useState('');
  const tag = useRef(etag);
  const current = useRef(initial);

  useEffect(() => {
    const url = `/api/markets/${initial.marketId}/floor`;
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let delay = POLL_MS;
    let stopped = false;
    let inFlight = false;

    const schedule = (ms: number) => {
      clearTimeout(timer);
      if (!stopped) timer = setTimeout(() => void poll(), ms);
    };

    async function poll(): Promise<void> {
      if (stopped || inFlight) return;
      // a hidden tab does not poll; becoming visible polls at once (below)
      if (document.visibilityState === 'hidden') return;
      inFlight = true;
      try {
        const response = await fetch(url, { headers: { 'if-none-match': tag.current }, cache: 'no-store', signal: abort.signal });
        if (response.status === 401) {
          stopped = true;
          setStatus('signed_out');
          return;
        }
        if (response.status === 403 || response.status === 404) {
          stopped = true;
          setStatus('gone');
          return;
        }
        if (response.status === 304) {
          setSnapshot((previous) => ({ ...previous, refreshedAt: Date.now(), changed: previous.changed.size ? new Set() : previous.changed }));
        } else if (response.ok) {
          const { floor } = (await response.json()) as { floor: MarketFloor };
          tag.current = response.headers.get('etag') ?? '';
          const changed = changedStalls(current.current, floor);
          current.current = floor;
          setSnapshot({ floor, refreshedAt: Date.now(), changed: new Set(changed) });
          if (changed.length) {
            const byId = new Map(floor.tiles.map((tile) => [tile.stallId, tile]));
            const parts = changed.slice(0, ANNOUNCE_AT_MOST).map((id) => {
              const tile = byId.get(id)!;
              return t('floor.change', { code: tile.code, state: t(FLOOR_STATE_LABEL[tile.state]) });
            });
            setAnnouncement(t('floor.changed', { changes: parts.join(locale === 'zh-CN' ? '；' : '; ') + (changed.length > ANNOUNCE_AT_MOST ? ' …' : '') }));
          }
        } else {
          throw new Error(`floor: HTTP ${response.status}`);
        }
        delay = POLL_MS;
        setStatus('live');
      } catch {
        if (abort.signal.aborted) return;
        delay = Math.min(delay * 2, MAX_BACKOFF_MS);
        setStatus('retrying');
      } finally {
        inFlight = false;
        schedule(delay);
      }
    }

    const onVisibility = () => {
      if (document.visibilityState === 'visible') void poll();
    };
    document.addEventListener('visibilitychange', onVisibility);
    schedule(POLL_MS);
    return () => {
      stopped = true;
      abort.abort();
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [initial.marketId, locale, t]);

  const { floor } = snapshot;
  const time = new Date(snapshot.refreshedAt).toLocaleTimeString(intlLocale(locale), { timeZone: 'Asia/Shanghai', hour12: false });
  const tiles: FloorTile[] = floor.tiles.map((tile) => {
    const params = {
      code: tile.code,
      merchant: tile.merchant ? t('floor.tile.merchant', { merchant: tile.merchant.shopName }) : '',
      state: t(FLOOR_STATE_LABEL[tile.state]),
      count: tile.openAlerts,
    };
    return {
      key: tile.stallId,
      row: tile.row,
      col: tile.col,
      label: tile.code,
      title: tile.openAlerts > 0 ? t('floor.tile.alerts', params) : t('floor.tile', params),
      state: tile.state,
      href: `/regulator/markets/${floor.marketId}/stalls/${tile.stallId}`,
      changed: snapshot.changed.has(tile.stallId),
    };
  });
  const statusLine = (
    <span data-testid="floor-status" data-status={status}>
      {status === 'live' && <span suppressHydrationWarning>{t('floor.live', { time })}</span>}
      {status === 'retrying' && <span className="text-amber-700" suppressHydrationWarning>{t('floor.retrying', { time })}</span>}
      {status === 'signed_out' && (
        <span className="text-red-700">
          {t('floor.signedOut')} <a href="/login" className="underline">{t('floor.signIn')}</a>
        </span>
      )}
      {status === 'gone' && <span className="text-red-700">{t('floor.gone')}</span>}
      <span className="sr-only" aria-live="polite" role="status">{announcement}</span>
    </span>
  );
  return (
    <FloorMap
      rows={floor.floorRows}
      cols={floor.floorCols}
      tiles={tiles}
      label={t('floor.title')}
      hint={t('floor.hint', { order: FLOOR_STATES.filter((state) => state !== 'no_scale' && state !== 'vacant').map((state) => t(FLOOR_STATE_LABEL[state])).join(' > ') })}
      status={statusLine}
      testId="floor-map"
      legend={FLOOR_STATES.map((state) => ({ state, label: t(FLOOR_STATE_LABEL[state]), count: floor.tally[state] }))}
    />
  );
}
