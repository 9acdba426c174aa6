import WebSocket from 'ws';

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
  const socket = new WebSocket(inspectorUrl);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  let nextId = 0;
  const call = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<any>((resolve, reject) => {
      const id = ++nextId;
      const onMessage = (data: WebSocket.RawData) => {
        const message = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: { message: string } };
        if (message.id !== id) return;
        socket.off('message', onMessage);
        if (message.error) reject(new Error(`${method}: ${message.error.message}`));
        else resolve(message.result);
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ id, method, params }));
    });
  try {
    // Twice: the first collection's finalizers release what the second one frees.
    await call('HeapProfiler.collectGarbage');
    await call('HeapProfiler.collectGarbage');
    const { result } = await call('Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true });
    const usage = JSON.parse(result.value as string) as NodeJS.MemoryUsage;
    return { heapUsed: usage.heapUsed, external: usage.external, rss: usage.rss };
  } finally {
    socket.close();
  }
}

/** The inspector's address, as node prints it on stderr when started with --inspect. */
export function inspectorUrl(output: string): string {
  const url = /Debugger listening on (ws:\/\/\S+)/.exec(output)?.[1];
  if (!url) throw new Error(`the server printed no inspector address:\n${output}`);
  return url;
}
