// How busy a Chinese farmers' market is over a day, as a share of its peak (0–1), by the local
// hour in Asia/Shanghai: shut at night, the morning rush of 6–9 (the day's fresh produce), a quiet
// midday, the evening rush of 16–19 (after work), then closing. The simulated fleet multiplies its
// rate by this, so a day's figures have the shape of a market rather than of a round-the-clock flood.

/** Share of the peak at each local hour 0–24 (24 = 0 of the next day); linear between them. */
const ANCHORS: readonly number[] = [
  0.01, 0.01, 0.01, 0.01, 0.02, 0.1, // 0–5: night; wholesalers and early stalls from 5
  0.7, 1.0, 0.95, 0.6, 0.4, 0.35, // 6–11: the morning rush, fading
  0.3, 0.25, 0.25, 0.35, 0.75, 0.9, // 12–17: midday lull, the evening rush building
  0.85, 0.5, 0.2, 0.08, 0.03, 0.01, // 18–23: the rush ends, stalls close
  0.01,
];

const OFFSET_MS = 8 * 3_600_000; // China Standard Time, no daylight saving

/** The market's activity at `at`, 0.01–1 of its peak. */
export function marketActivity(at: Date): number {
  const hours = (((at.getTime() + OFFSET_MS) % 86_400_000) + 86_400_000) % 86_400_000 / 3_600_000;
  const hour = Math.floor(hours);
  const from = ANCHORS[hour]!;
  const to = ANCHORS[hour + 1]!;
  return from + (to - from) * (hours - hour);
}
