import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * CPU time of processes, from /proc (Linux), in microseconds. bench:api divides it by the requests a
 * cell completed: CPU per request is what a server costs, and unlike requests per second it does not
 * move with whatever else the shared 2 cores run. A profile's wall-clock samples cannot give it: on
 * a busy machine a socket write that wakes PostgreSQL shows as seconds of "write".
 */

/** Clock ticks per second of /proc's times (USER_HZ, 100 on every Linux that matters here). */
const TICKS_PER_SECOND = 100;

/** Fields of /proc/<pid>/stat after the command name (which may hold spaces, in parentheses). */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** User and system time of each of `pids` so far, in microseconds (a process gone is left out). */
function cpuMicrosOf(pids: readonly number[]): Map<number, number> {
  const micros = new Map<number, number>();
  for (const pid of pids) {
    const fields = statFields(pid);
    // utime and stime are the 14th and 15th fields of stat: the 12th and 13th after the name.
    if (fields) micros.set(pid, ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / TICKS_PER_SECOND);
  }
  return micros;
}

/** A PostgreSQL cluster's processes: the postmaster (from its data directory) and its children, the backends. */
export function clusterPids(dataDirectory: string): number[] {
  let postmaster: number;
  try {
    postmaster = Number(readFileSync(path.join(dataDirectory, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return [];
  }
  const children = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => Number(statFields(pid)?.[1]) === postmaster);
  return [postmaster, ...children];
}

/**
 * What `run` costs in CPU in each group of processes, in microseconds: a process that started
 * meanwhile counts whole, one that ended meanwhile is lost (backends of a pool live on). NaN where
 * /proc cannot be read.
 */
export async function cpuDuring<T>(
  groups: Record<string, () => readonly number[]>,
  run: () => Promise<T>,
): Promise<{ result: T; micros: Record<string, number> }> {
  const before = new Map(Object.entries(groups).map(([name, pids]) => [name, cpuMicrosOf(pids())]));
  const result = await run();
  const micros: Record<string, number> = {};
  for (const [name, pids] of Object.entries(groups)) {
    const after = cpuMicrosOf(pids());
    let spent = 0;
    for (const [pid, now] of after) spent += now - (before.get(name)!.get(pid) ?? 0);
    micros[name] = after.size ? spent : NaN;
  }
  return { result, micros };
}
