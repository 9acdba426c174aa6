import { MikroORM } from '@mikro-orm/postgresql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { appOrmOptions } from '../../src/mikro-orm.config';
import { createSchema } from '../../src/schema';
import { createServer, GRAPHQL_PATH, type AppServer } from '../../src/server';
import { createTestDatabase, type Seed } from './database';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions: { code: string; field?: string; [k: string]: unknown } }[];
}

export interface TestServer {
  readonly url: string;
  readonly wsUrl: string;
  readonly orm: MikroORM;
  /** Every SQL statement the server ran, in order; tests reset it to count a request's statements. */
  readonly statements: string[];
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  wsClient(): Client;
  close(): Promise<void>;
}

/** The real server (Express + Apollo + graphql-ws) on a random port over its own database. */
export async function startTestServer(seed: Seed = 'empty'): Promise<TestServer> {
  const db = await createTestDatabase(seed);
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.url, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const statements: string[] = [];
  const orm = await MikroORM.init(
    appOrmOptions({ clientUrl: db.url, poolMax: 5, onQuery: (line) => statements.push(line) }),
  );
  const server: AppServer = await createServer({ orm, config, logger: createLogger(config), schema: await createSchema() });
  const address = await server.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${address.port}${GRAPHQL_PATH}`;
  const clients: Client[] = [];
  return {
    url,
    wsUrl: url.replace('http://', 'ws://'),
    orm,
    statements,
    async gql(query, variables) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    wsClient() {
      const client = createClient({ url: url.replace('http://', 'ws://'), webSocketImpl: WebSocket, retryAttempts: 0 });
      clients.push(client);
      return client;
    },
    async close() {
      await Promise.all(clients.map((c) => c.dispose()));
      await server.stop();
      await orm.close(true);
      await db.drop();
    },
  };
}
