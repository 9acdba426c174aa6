import { readFileSync } from 'node:fs';
import os from 'node:os';

/** The machine's CPU time so far, from /proc/stat (Linux), in clock ticks: busy and all. */
function cpuTicks(): { busy: number; total: number } | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const total = fields.reduce((sum, n) => sum + n, 0);
    // idle and iowait are the time no program ran.
    return { busy: total - fields[3]! - (fields[4] ?? 0), total };
  } catch {
    return undefined;
  }
}

/**
 * Runs `run` and says how many of the machine's cores were busy meanwhile, on average (server,
 * PostgreSQL and load generator together). A write that keeps B of N cores busy with one writer
 * can be run at most N / B times as fast by adding writers, however well they scale otherwise:
 * the figure bench:api prints beside its write scaling. NaN where /proc/stat is not readable.
 */
export async function busyCoresDuring<T>(run: () => Promise<T>): Promise<{ result: T; busyCores: number }> {
  const before = cpuTicks();
  const result = await run();
  return { result, busyCores: busyCoresBetween(before, cpuTicks()) };
}

/** Cores busy on average between two readings of /proc/stat; NaN when either is missing. */
function busyCoresBetween(before: ReturnType<typeof cpuTicks>, after: ReturnType<typeof cpuTicks>): number {
  if (!before || !after) return NaN;
  return (os.cpus().length * (after.busy - before.busy)) / Math.max(1, after.total - before.total);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until the machine is nearly idle (fewer than `belowCores` cores busy over `windowMs`) or
 * `maxMs` has passed. Where /proc/stat is not readable, waits one window.
 */
export async function quiet(options: { belowCores: number; windowMs: number; maxMs: number }): Promise<void> {
  const started = Date.now();
  for (;;) {
    const before = cpuTicks();
    await sleep(options.windowMs);
    const busy = busyCoresBetween(before, cpuTicks());
    if (Number.isNaN(busy) || busy < options.belowCores || Date.now() - started >= options.maxMs) return;
  }
}
