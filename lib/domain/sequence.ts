// Per-scale sequence bookkeeping. Every message a scale sends carries the next `seq`; the platform
// keeps the highest seq accepted and the runs it skipped (gaps). A late message inside a gap is
// accepted and shrinks the gap; a seq at or below the highest one and outside every gap has been
// seen before: a redelivery (or a replay), never stored twice. A gap that stays open is a record
// that never arrived: a deleted weighing is a signal.

export interface Gap {
  fromSeq: bigint;
  toSeq: bigint; // inclusive
}

export interface SequenceState {
  /** null before the scale's first message: its counter is then 0 and the first seq is 1 (protocol
   *  v1: a status carries 0 before the first message), so seqs skipped at the start are gaps too —
   *  else a first message overtaken by its successor would look like a seq seen before */
  lastSeq: bigint | null;
  gaps: Gap[];
}

export interface SequenceResult {
  /** seqs to store, in the order given */
  fresh: bigint[];
  /** seqs already seen (or repeated within the input) */
  seen: bigint[];
  state: SequenceState;
  /** gaps that did not exist before (wholly new runs of missing seqs) */
  opened: Gap[];
  /** how many previously missing seqs arrived late */
  closedCount: number;
}

function inGap(gaps: Gap[], seq: bigint): number {
  return gaps.findIndex((gap) => gap.fromSeq <= seq && seq <= gap.toSeq);
}

export function advanceSequence(state: SequenceState, seqs: readonly bigint[]): SequenceResult {
  let gaps = state.gaps.map((gap) => ({ ...gap }));
  let lastSeq = state.lastSeq;
  const fresh: bigint[] = [];
  const seen: bigint[] = [];
  const opened: Gap[] = [];
  let closedCount = 0;
  const taken = new Set<bigint>();
  // ascending, so gaps between messages of the same batch are not opened and closed again
  const order = [...seqs.keys()].sort((a, b) => (seqs[a]! < seqs[b]! ? -1 : seqs[a]! > seqs[b]! ? 1 : a - b));
  const isFresh = new Array<boolean>(seqs.length).fill(false);
  for (const index of order) {
    const seq = seqs[index]!;
    if (taken.has(seq)) continue;
    if (seq > (lastSeq ?? 0n)) {
      const expected = (lastSeq ?? 0n) + 1n;
      if (seq > expected) {
        const gap = { fromSeq: expected, toSeq: seq - 1n };
        gaps.push(gap);
        opened.push({ ...gap });
      }
      lastSeq = seq;
    } else {
      const at = inGap(gaps, seq);
      if (at < 0) continue;
      const gap = gaps[at]!;
      const parts: Gap[] = [];
      if (gap.fromSeq < seq) parts.push({ fromSeq: gap.fromSeq, toSeq: seq - 1n });
      if (seq < gap.toSeq) parts.push({ fromSeq: seq + 1n, toSeq: gap.toSeq });
      gaps = [...gaps.slice(0, at), ...parts, ...gaps.slice(at + 1)];
      closedCount++;
    }
    taken.add(seq);
    isFresh[index] = true;
  }
  seqs.forEach((seq, index) => (isFresh[index] ? fresh : seen).push(seq));
  gaps.sort((a, b) => (a.fromSeq < b.fromSeq ? -1 : 1));
  return { fresh, seen, state: { lastSeq, gaps }, opened, closedCount };
}
