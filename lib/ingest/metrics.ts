// Counters of the ingest worker, rendered in the Prometheus text format.
import type { Outcome } from './pipeline.ts';

const BUCKETS_MS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000];
const SIZE_BUCKETS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];

class Histogram {
  counts: number[];
  sum = 0;
  total = 0;
  constructor(readonly buckets: number[]) {
    this.counts = buckets.map(() => 0);
  }
  observe(value: number) {
    this.sum += value;
    this.total++;
    this.buckets.forEach((edge, i) => {
      if (value <= edge) this.counts[i]!++;
    });
  }
  render(name: string, help: string): string[] {
    return [
      `# HELP ${name} ${help}`,
      `# TYPE ${name} histogram`,
      ...this.buckets.map((edge, i) => `${name}_bucket{le="${edge}"} ${this.counts[i]}`),
      `${name}_bucket{le="+Inf"} ${this.total}`,
      `${name}_sum ${this.sum}`,
      `${name}_count ${this.total}`,
    ];
  }
}

export class IngestMetrics {
  received = 0;
  accepted = 0;
  duplicates = 0;
  failedBatches = 0;
  rejected = new Map<string, number>();
  findings = new Map<string, number>();
  batchSize = new Histogram(SIZE_BUCKETS);
  commitMs = new Histogram(BUCKETS_MS);
  /** receive → commit, per message */
  lagMs = new Histogram(BUCKETS_MS);
  /** StoredAcks published so far (read from their publisher) */
  storedAcks: () => number = () => 0;
  /** messages received and not yet written, over all connections (bounded by their receive maximum) */
  held: () => number = () => 0;
  /** broker connections up right now */
  connectionsUp: () => number = () => 0;

  record(outcome: Outcome, receivedAt: Date, committedAt: number): void {
    this.lagMs.observe(committedAt - receivedAt.getTime());
    if (outcome.kind === 'accepted') {
      this.accepted++;
      for (const finding of outcome.findings) this.findings.set(finding, (this.findings.get(finding) ?? 0) + 1);
    } else if (outcome.kind === 'duplicate') this.duplicates++;
    else this.rejected.set(outcome.reason, (this.rejected.get(outcome.reason) ?? 0) + 1);
  }

  batch(size: number, ms: number, failed: boolean): void {
    this.batchSize.observe(size);
    this.commitMs.observe(ms);
    if (failed) this.failedBatches++;
  }

  render(): string {
    const labelled = (name: string, label: string, map: Map<string, number>) => [...map].map(([key, value]) => `${name}{${label}="${key}"} ${value}`);
    return [
      '# HELP ingest_received_total Messages received from the broker.',
      '# TYPE ingest_received_total counter',
      `ingest_received_total ${this.received}`,
      '# HELP ingest_accepted_total Messages stored (genuine; findings counted separately).',
      '# TYPE ingest_accepted_total counter',
      `ingest_accepted_total ${this.accepted}`,
      '# HELP ingest_duplicates_total Redeliveries of messages already stored.',
      '# TYPE ingest_duplicates_total counter',
      `ingest_duplicates_total ${this.duplicates}`,
      '# HELP ingest_rejected_total Messages put in the dead letter, by reason.',
      '# TYPE ingest_rejected_total counter',
      ...labelled('ingest_rejected_total', 'reason', this.rejected),
      '# HELP ingest_findings_total Metrology findings on accepted messages, by finding.',
      '# TYPE ingest_findings_total counter',
      ...labelled('ingest_findings_total', 'finding', this.findings),
      '# HELP ingest_failed_batches_total Batches rolled back (their messages are redelivered).',
      '# TYPE ingest_failed_batches_total counter',
      `ingest_failed_batches_total ${this.failedBatches}`,
      '# HELP ingest_stored_acks_total StoredAcks published to scales (after COMMIT, coalesced per scale).',
      '# TYPE ingest_stored_acks_total counter',
      `ingest_stored_acks_total ${this.storedAcks()}`,
      '# HELP ingest_held_messages Messages received and not yet written (at most connections × receive maximum).',
      '# TYPE ingest_held_messages gauge',
      `ingest_held_messages ${this.held()}`,
      '# HELP ingest_broker_connections_up Broker connections up right now.',
      '# TYPE ingest_broker_connections_up gauge',
      `ingest_broker_connections_up ${this.connectionsUp()}`,
      ...this.batchSize.render('ingest_batch_size', 'Messages per committed batch.'),
      ...this.commitMs.render('ingest_commit_ms', 'Time to write and commit one batch, in ms.'),
      ...this.lagMs.render('ingest_lag_ms', 'From receipt to commit, per message, in ms.'),
      '',
    ].join('\n');
  }
}
