import { evaluated, withInspector } from '../tests/support/inspector';

/** What a process holds in JavaScript memory right after a full garbage collection. */
export interface HeapFigures {
  /** Live JavaScript objects. */
  heapUsed: number;
  /** Memory of C++ objects bound to JavaScript ones (socket buffers, Buffers). */
  external: number;
  /** Resident set size of the whole process, for reference (the allocator rarely gives pages back). */
  rss: number;
}

/**
 * Measures a server started with `--inspect=127.0.0.1:0` through the DevTools protocol: forces a
 * full garbage collection, then reads `process.memoryUsage()`. Resident set size alone varies by
 * tens of kilobytes per connection between runs, with whatever garbage the last burst left; live
 * heap after a collection is what connections really keep.
 */
export async function heapAfterGc(inspectorUrl: string): Promise<HeapFigures> {
  return withInspector(inspectorUrl, async (call) => {
    // Twice: the first collection's finalizers release what the second one frees.
    await call('HeapProfiler.collectGarbage');
    await call('HeapProfiler.collectGarbage');
    const usage = JSON.parse(await evaluated<string>(call, 'JSON.stringify(process.memoryUsage())')) as NodeJS.MemoryUsage;
    return { heapUsed: usage.heapUsed, external: usage.external, rss: usage.rss };
  });
}
