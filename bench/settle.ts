import { Client } from 'pg';
import { quiet } from './busy-cores';

/**
 * Lets the machine settle before a measured write cell. A setup that writes thousands of rows
 * just before (the reporters' fresh projects) otherwise leaves its aftermath in the cell: the
 * autovacuum and analyze the burst wakes, the server's change relay reading the burst's events.
 * One run measured reportProgress at 36 writes/s and the next at 57, and the upkeep of a
 * createProject at -7% and then 38%. So: vacuum and analyze now, as the owner, then wait until
 * fewer than a fifth of a core is busy (at most 15 s).
 */
export async function settle(adminUrl: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query('vacuum (analyze)');
  } finally {
    await client.end();
  }
  await quiet({ belowCores: 0.2, windowMs: 500, maxMs: 15_000 });
}
