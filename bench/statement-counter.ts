import net from 'node:net';

/**
 * A TCP proxy in front of PostgreSQL that counts what its clients send, read from the frontend
 * protocol itself: statements (a simple Query, or an Execute of the extended protocol) and round
 * trips (a Query, or a Sync that ends a batch of extended messages). It sees any server in any
 * process, ours (knex, or plain pg on a hot path) and the peer (pg) alike, which an ORM event in
 * the server cannot. The benchmark measures rps without it (the extra hop costs CPU) and counts
 * statements on a second instance of each server that connects through it.
 */
export class StatementCounter {
  statements = 0;
  roundTrips = 0;
  private readonly sockets = new Set<net.Socket>();

  private readonly server: net.Server;
  port = 0;

  private constructor(target: URL) {
    this.server = net.createServer((client) => this.accept(client, target.hostname, Number(target.port || 5432)));
  }

  static async start(databaseUrl: string): Promise<StatementCounter> {
    const counter = new StatementCounter(new URL(databaseUrl));
    counter.port = await new Promise<number>((resolve) =>
      counter.server.listen(0, '127.0.0.1', () => resolve((counter.server.address() as net.AddressInfo).port)),
    );
    return counter;
  }

  /** The same database URL, through the counter. */
  urlFor(databaseUrl: string): string {
    const url = new URL(databaseUrl);
    url.hostname = '127.0.0.1';
    url.port = String(this.port);
    return url.toString();
  }

  reset(): void {
    this.statements = 0;
    this.roundTrips = 0;
  }

  private accept(client: net.Socket, host: string, port: number): void {
    const upstream = net.connect(port, host);
    this.sockets.add(client).add(upstream);
    // The first message (startup, or an SSL/GSS request followed by the startup) carries no type byte.
    let untyped = true;
    let pending: Buffer = Buffer.alloc(0);
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      for (;;) {
        const header = untyped ? 4 : 5;
        if (pending.length < header) break;
        const length = pending.readInt32BE(untyped ? 0 : 1) + (untyped ? 0 : 1);
        if (pending.length < length) break;
        if (untyped) {
          // An SSL request (code 80877103) is answered with one byte and followed by the startup message.
          untyped = pending.readInt32BE(4) === 80877103;
        } else {
          const type = String.fromCharCode(pending[0]!);
          if (type === 'Q') {
            this.statements += 1;
            this.roundTrips += 1;
          } else if (type === 'E') this.statements += 1;
          else if (type === 'S') this.roundTrips += 1;
        }
        pending = pending.subarray(length);
      }
    });
    upstream.on('data', (chunk) => client.write(chunk));
    const close = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('close', close).on('error', close);
    upstream.on('close', close).on('error', close);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
