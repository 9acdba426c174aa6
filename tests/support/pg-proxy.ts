import net from 'node:net';

/** Where a connection is cut when it sends a statement: before PostgreSQL sees it, or after PostgreSQL ran it and before its answer returns. */
export type CutPoint = 'before' | 'after';

interface Armed {
  pattern: RegExp;
  point: CutPoint;
  done: () => void;
}

/**
 * A TCP proxy between a server and the test PostgreSQL that a test can take away and bring back,
 * as an outage does: `cut()` terminates every open connection and refuses new ones (connection
 * refused, connection terminated), `restore()` accepts again on the same port. `cutAt()` kills one
 * connection at a chosen statement, so an outage can strike exactly inside a resolver or at a
 * commit. Statements are matched in the bytes the client sends (MikroORM sends values inline, as
 * simple queries).
 */
export class PostgresProxy {
  private readonly server: net.Server;
  private readonly pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();
  private armed: Armed | undefined;
  private listening = false;

  private constructor(
    private readonly target: { host: string; port: number },
    readonly port: number,
  ) {
    this.server = net.createServer((client) => this.accept(client));
  }

  /** A proxy in front of the PostgreSQL that `databaseUrl` names, on a free loopback port. */
  static async start(databaseUrl: string): Promise<PostgresProxy> {
    const url = new URL(databaseUrl);
    const probe = net.createServer();
    const port = await new Promise<number>((resolve) =>
      probe.listen(0, '127.0.0.1', () => resolve((probe.address() as net.AddressInfo).port)),
    );
    await new Promise((resolve) => probe.close(resolve));
    const proxy = new PostgresProxy({ host: url.hostname, port: Number(url.port || 5432) }, port);
    await proxy.restore();
    return proxy;
  }

  /** The same database URL, through the proxy. */
  urlFor(databaseUrl: string): string {
    const url = new URL(databaseUrl);
    url.hostname = '127.0.0.1';
    url.port = String(this.port);
    return url.toString();
  }

  /** The database goes away: open connections are terminated, new ones refused. */
  async cut(): Promise<void> {
    if (this.listening) {
      this.listening = false;
      const closed = new Promise((resolve) => this.server.close(resolve));
      for (const pair of this.pairs) this.drop(pair);
      await closed;
    }
  }

  /** The database is back, on the same address. */
  async restore(): Promise<void> {
    if (this.listening) return;
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.listening = true;
  }

  /** Resolves when the next statement matching `pattern` has had its connection cut at `point`. */
  cutAt(pattern: RegExp, point: CutPoint): Promise<void> {
    return new Promise((done) => (this.armed = { pattern, point, done }));
  }

  async close(): Promise<void> {
    await this.cut();
  }

  private accept(client: net.Socket): void {
    const upstream = net.connect(this.target.port, this.target.host);
    const pair = { client, upstream };
    this.pairs.add(pair);
    let dropReply: (() => void) | undefined;
    client.on('data', (chunk: Buffer) => {
      const armed = this.armed;
      if (armed && armed.pattern.test(chunk.toString('latin1'))) {
        this.armed = undefined;
        if (armed.point === 'before') {
          this.drop(pair);
          armed.done();
          return;
        }
        dropReply = armed.done;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (dropReply) {
        // PostgreSQL has answered (so it has run the statement): the answer is lost on the way.
        this.drop(pair);
        dropReply();
        dropReply = undefined;
        return;
      }
      client.write(chunk);
    });
    const end = () => this.drop(pair);
    client.on('close', end);
    upstream.on('close', end);
    client.on('error', end);
    upstream.on('error', end);
  }

  private drop(pair: { client: net.Socket; upstream: net.Socket }): void {
    this.pairs.delete(pair);
    pair.client.destroy();
    pair.upstream.destroy();
  }
}
