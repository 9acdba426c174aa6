import WebSocket from 'ws';

/** A DevTools protocol method called on a process's inspector: its result, or its error thrown. */
export type InspectorCall = (method: string, params?: Record<string, unknown>) => Promise<any>;

/**
 * Talks to a process started with `--inspect=127.0.0.1:0` through the DevTools protocol (what a
 * test or benchmark reads inside a server it runs as its own process), closing the connection after.
 */
export async function withInspector<T>(inspectorUrl: string, use: (call: InspectorCall) => Promise<T>): Promise<T> {
  const socket = new WebSocket(inspectorUrl);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  let nextId = 0;
  const call: InspectorCall = (method, params = {}) =>
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
    return await use(call);
  } finally {
    socket.close();
  }
}

/** The JSON value of `expression` evaluated in the process (with the console's `require`). */
export async function evaluated<T>(call: InspectorCall, expression: string): Promise<T> {
  const { result, exceptionDetails } = await call('Runtime.evaluate', { expression, returnByValue: true, includeCommandLineAPI: true });
  if (exceptionDetails) throw new Error(`${expression}: ${JSON.stringify(exceptionDetails)}`);
  return result.value as T;
}

/** The inspector's address, as node prints it on stderr when started with --inspect. */
export function inspectorUrl(output: string): string {
  const url = /Debugger listening on (ws:\/\/\S+)/.exec(output)?.[1];
  if (!url) throw new Error(`the server printed no inspector address:\n${output}`);
  return url;
}
