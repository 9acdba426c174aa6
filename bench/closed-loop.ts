import http from 'node:http';
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { FIRST_INPUT_YEAR } from '../src/calendar/input-range';
import { Period } from '../src/calendar/period';

/**
 * The closed-loop load generator of `npm run bench:api`: N clients, each sending its next request
 * when the previous answer has arrived, over keep-alive HTTP. It runs in a worker thread (its own
 * event loop), as clients would be other machines: its HTTP and JSON work must not queue behind
 * the benchmark's own.
 */

/** What one client does, again and again. */
export type Operation =
  /** The same document every time (the reads). */
  | { kind: 'query'; query: string }
  /** createProject owned by the client's town. */
  | { kind: 'create'; ownerTenantCode: string }
  /**
   * reportProgress on its projects: this month on each of them in turn, as offices report, then
   * last month on each, and so on back (one report per project and month).
   */
  | { kind: 'report'; projectIds: string[] }
  /** createProject, then reportProgress on it: one operation of two requests. */
  | { kind: 'createAndReport'; ownerTenantCode: string };

export interface LoadClient {
  token: string;
  operation: Operation;
}

export interface Cell {
  url: string;
  clients: LoadClient[];
  warmUpSeconds: number;
  seconds: number;
  /** Stop after this many measured operations (counting statements), whatever the time. */
  limit?: number;
}

export interface CellResult {
  /** Operations answered without an error in the measured window. */
  completed: number;
  errors: number;
  firstError?: string;
  seconds: number;
  /** Every operation sent, warm-up included: what the servers' CPU over the whole cell was spent on. */
  sent: number;
  /** Latency of each operation in the measured window, ms. */
  latencies: number[];
}

export const CREATE_PROJECT = 'mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }';
export const REPORT_PROGRESS = 'mutation($input: ReportProgressInput!) { reportProgress(input: $input) { id } }';

/** Months a project offers reports for: from this month back to the first the API accepts (FIRST_INPUT_YEAR-01). */
const MONTHS_PER_PROJECT = (Period.current().year - FIRST_INPUT_YEAR) * 12 + Period.current().month;

export const newProject = (name: string, ownerTenantCode: string) => ({
  input: { name, category: 'OTHER', nature: 'NEW', ownerTenantCode, totalInvestmentWan: '100' },
});

export function runCell(cell: Cell): Promise<CellResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, 'closed-loop.js'), { workerData: cell });
    worker.once('message', (result: CellResult) => {
      void worker.terminate();
      resolve(result);
    });
    worker.once('error', reject);
  });
}

async function drive(cell: Cell): Promise<CellResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: cell.clients.length });
  const post = (token: string, body: string): Promise<{ data?: Record<string, { id: string }>; errors?: unknown }> =>
    new Promise((resolve, reject) => {
      const request = http.request(cell.url, {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'content-length': Buffer.byteLength(body) },
      });
      request.on('response', (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          try {
            resolve(JSON.parse(text) as { data?: Record<string, { id: string }>; errors?: unknown });
          } catch {
            resolve({ errors: `HTTP ${response.statusCode}: ${text.slice(0, 200)}` });
          }
        });
      });
      request.on('error', reject);
      request.end(body);
    });

  const month = Period.current();
  const runId = `${process.pid}-${Date.now().toString(36)}`;
  const started = performance.now();
  const measureFrom = started + cell.warmUpSeconds * 1000;
  const until = measureFrom + cell.seconds * 1000;
  const result: CellResult = { completed: 0, errors: 0, seconds: cell.seconds, sent: 0, latencies: [] };

  const client = async ({ token, operation }: LoadClient, index: number): Promise<void> => {
    let sequence = 0;
    // One step: the requests of one operation; the first error, if any.
    const step = async (): Promise<unknown> => {
      sequence += 1;
      const name = `压测项目 ${runId}-${index}-${sequence}`;
      switch (operation.kind) {
        case 'query':
          return (await post(token, JSON.stringify({ query: operation.query }))).errors;
        case 'create':
          return (await post(token, JSON.stringify({ query: CREATE_PROJECT, variables: newProject(name, operation.ownerTenantCode) })))
            .errors;
        case 'report': {
          const slot = sequence - 1;
          const { projectIds } = operation;
          const monthsBack = Math.floor(slot / projectIds.length);
          if (monthsBack >= MONTHS_PER_PROJECT) return 'no month left to report on: give the writer more projects';
          return reportOn(projectIds[slot % projectIds.length]!, month.plusMonths(-monthsBack));
        }
        case 'createAndReport': {
          const created = await post(
            token,
            JSON.stringify({ query: CREATE_PROJECT, variables: newProject(name, operation.ownerTenantCode) }),
          );
          if (created.errors || !created.data) return created.errors ?? 'no data';
          return reportOn(created.data['createProject']!.id, month);
        }
      }
    };
    const reportOn = async (projectId: string, period: Period): Promise<unknown> => {
      const input = {
        projectId,
        period: `${period.year}-${String(period.month).padStart(2, '0')}`,
        completedInvestmentWan: '1',
        progressNote: '按计划推进',
      };
      return (await post(token, JSON.stringify({ query: REPORT_PROGRESS, variables: { input } }))).errors;
    };
    for (;;) {
      const before = performance.now();
      if (before >= until || result.completed + result.errors >= (cell.limit ?? Infinity)) return;
      let error: unknown;
      try {
        error = await step();
      } catch (thrown) {
        error = String(thrown);
      }
      const after = performance.now();
      result.sent += 1;
      // Operations that began in the warm-up are not measured; those that end after the window still are.
      if (before < measureFrom) continue;
      if (error) {
        result.errors += 1;
        result.firstError ??= typeof error === 'string' ? error : JSON.stringify(error).slice(0, 300);
      } else {
        result.completed += 1;
        result.latencies.push(after - before);
      }
    }
  };
  await Promise.all(cell.clients.map(client));
  result.seconds = (performance.now() - measureFrom) / 1000;
  agent.destroy();
  return result;
}

if (!isMainThread) {
  void drive(workerData as Cell).then((result) => parentPort!.postMessage(result));
}
