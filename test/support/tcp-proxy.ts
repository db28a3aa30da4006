import { AddressInfo, createServer, Server, Socket } from 'node:net';

/**
 * A loopback TCP proxy in front of a real server. Closing it (and cutting its live
 * connections) makes that server unreachable for the app under test only.
 */
export class TcpProxy {
  private server?: Server;
  private port = 0;
  private readonly sockets = new Set<Socket>();
  private hold?: { pattern: RegExp; seen: () => void };

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  /** Listens on a free port (or the previous one again, after cut()) and returns it. */
  async start(): Promise<number> {
    this.server = createServer((client) => {
      const upstream = new Socket();
      upstream.connect(this.targetPort, this.targetHost);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      let holding = false;
      client.on('data', (chunk: Buffer) => {
        if (!holding && this.hold?.pattern.test(chunk.toString('latin1'))) {
          holding = true;
          this.hold.seen();
          this.hold = undefined;
        }
        if (!holding) upstream.write(chunk);
      });
      upstream.pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this.port;
  }

  /**
   * The next client bytes matching `pattern`, and all that follow on that connection, never reach
   * the server (a request lost in flight); resolves once that happened.
   */
  holdFrom(pattern: RegExp): Promise<void> {
    return new Promise((resolve) => {
      this.hold = { pattern, seen: resolve };
    });
  }

  /** Stops accepting and drops every open connection. */
  async cut(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }
}
