import { readFileSync, writeFileSync } from 'node:fs';
import WebSocket from 'ws';

/** The most a process held while a step ran, in bytes. */
export interface MemoryPeak {
  /** Resident set size: the kernel's high-water mark (VmHWM) when it could be reset, else the largest sample. */
  rss: number;
  /** Live JavaScript heap (heapUsed), the largest sample; garbage not yet collected included. */
  heapUsed: number;
  /** How the RSS peak was read: `VmHWM` (exact) or `sampled` (every SAMPLE_MS). */
  rssSource: 'VmHWM' | 'sampled';
}

const SAMPLE_MS = 20;

/** A field of /proc/<pid>/status in bytes (the kernel writes kB). */
function statusBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

/**
 * Resets the process's RSS high-water mark (clear_refs 5, Linux 4.0+), so that VmHWM after a step
 * is that step's own peak and not the seed's or an earlier step's. False when the kernel or the
 * container refuses it; then the peak is sampled, which can miss a spike shorter than SAMPLE_MS.
 */
function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/**
 * Watches another Node process (the server, started with --inspect) while a benchmark step runs:
 * its resident set from /proc and its live heap through the DevTools protocol. The inspector answers
 * between the server's tasks (and interrupts long-running JavaScript), so a sample lands inside a
 * step, not only after it. The server runs in its own process so that what is measured is its own
 * memory, not the benchmark's.
 */
export class MemoryWatch {
  private nextId = 0;
  private readonly pending = new Map<number, (value: any) => void>();

  private constructor(
    private readonly pid: number,
    private readonly socket: WebSocket,
  ) {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { id?: number; result?: unknown };
      if (message.id === undefined) return;
      this.pending.get(message.id)?.(message.result);
      this.pending.delete(message.id);
    });
  }

  static async open(pid: number, inspectorUrl: string): Promise<MemoryWatch> {
    const socket = new WebSocket(inspectorUrl);
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    return new MemoryWatch(pid, socket);
  }

  private call(method: string, params: Record<string, unknown> = {}): Promise<any> {
    const id = ++this.nextId;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  private async heapUsed(): Promise<number> {
    const { result } = await this.call('Runtime.evaluate', { expression: 'process.memoryUsage().heapUsed', returnByValue: true });
    return Number(result.value);
  }

  /** What the process keeps between steps: RSS and live heap after two full collections. */
  async settled(): Promise<{ rss: number; heapUsed: number }> {
    await this.call('HeapProfiler.collectGarbage');
    await this.call('HeapProfiler.collectGarbage');
    return { rss: statusBytes(this.pid, 'VmRSS'), heapUsed: await this.heapUsed() };
  }

  /** Runs `work` and returns its result with the process's peak memory meanwhile. */
  async during<T>(work: () => Promise<T>): Promise<{ result: T; peak: MemoryPeak }> {
    const exact = resetPeak(this.pid);
    let rss = statusBytes(this.pid, 'VmRSS');
    let heapUsed = 0;
    let running = true;
    const sampling = (async () => {
      while (running) {
        rss = Math.max(rss, statusBytes(this.pid, 'VmRSS'));
        heapUsed = Math.max(heapUsed, await this.heapUsed());
        await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
      }
    })();
    try {
      const result = await work();
      running = false;
      await sampling;
      const peak = exact ? Math.max(rss, statusBytes(this.pid, 'VmHWM')) : rss;
      return { result, peak: { rss: peak, heapUsed, rssSource: exact ? 'VmHWM' : 'sampled' } };
    } finally {
      running = false;
    }
  }

  close(): void {
    this.socket.close();
  }
}
