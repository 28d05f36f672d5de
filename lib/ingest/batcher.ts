// Groups items arriving one by one (MQTT messages, many per connection in flight) into batches written in one
// transaction. Each item's promise settles when its batch has committed (or failed), so the caller
// acknowledges the message only after COMMIT. One batch is written at a time.

export interface BatcherOptions<T, R> {
  maxItems: number;
  maxWaitMs: number;
  write: (items: T[]) => Promise<R[]>;
  onBatch?: (size: number, ms: number, error?: unknown) => void;
}

interface Pending<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export class Batcher<T, R> {
  private queue: Pending<T, R>[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> | null = null;

  constructor(private readonly options: BatcherOptions<T, R>) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.queue.length >= this.options.maxItems) this.kick();
      else this.timer ??= setTimeout(() => this.kick(), this.options.maxWaitMs);
    });
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Writes what is queued and waits for every write under way. */
  async drain(): Promise<void> {
    while (this.queue.length || this.writing) {
      this.kick();
      await this.writing;
    }
  }

  private kick(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.writing || !this.queue.length) return;
    const batch = this.queue.splice(0, this.options.maxItems);
    const started = performance.now();
    this.writing = this.options
      .write(batch.map((p) => p.item))
      .then(
        (results) => {
          this.options.onBatch?.(batch.length, performance.now() - started);
          batch.forEach((p, i) => p.resolve(results[i] as R));
        },
        (error: unknown) => {
          this.options.onBatch?.(batch.length, performance.now() - started, error);
          for (const p of batch) p.reject(error);
        },
      )
      .finally(() => {
        this.writing = null;
        // what arrived while writing goes next, at once if a full batch is waiting
        if (this.queue.length >= this.options.maxItems) this.kick();
        else if (this.queue.length) this.timer ??= setTimeout(() => this.kick(), this.options.maxWaitMs);
      });
  }
}
