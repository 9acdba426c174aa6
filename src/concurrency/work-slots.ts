/**
 * A fixed number of slots for work that holds much memory or CPU while it runs (decoding a photo
 * takes up to 4 bytes per pixel), with a bounded line behind them. Past the line, `run` refuses at
 * once instead of queuing without end: a client told to come back later costs nothing, a thousand
 * decodes in memory together cost the process.
 */
export class WorkSlots {
  private running = 0;
  private readonly line: (() => void)[] = [];

  constructor(
    /** How many run at once. */
    readonly slots: number,
    /** How many may wait for a slot; the next is refused. */
    readonly maxWaiting: number,
  ) {
    if (!(slots >= 1) || !(maxWaiting >= 0))
      throw new Error(`WorkSlots needs slots >= 1 and maxWaiting >= 0, got ${slots} and ${maxWaiting}`);
  }

  /** Work waiting for a slot now. */
  get waiting(): number {
    return this.line.length;
  }

  /** Runs `work` in a slot, after those ahead of it; `refused()` is thrown, without running it, when the line is full. */
  async run<T>(work: () => Promise<T>, refused: () => Error): Promise<T> {
    if (this.running >= this.slots) {
      if (this.line.length >= this.maxWaiting) throw refused();
      await new Promise<void>((resolve) => this.line.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await work();
    } finally {
      // The slot passes straight to the next in line, or is freed.
      const next = this.line.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
