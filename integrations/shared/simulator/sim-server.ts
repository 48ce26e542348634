import type http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { SimResponse } from './sim-response';

/**
 * The HTTP plumbing every simulator shares: listening on 127.0.0.1, closing with every
 * connection cut (idle keep-alive ones too, so a test's afterAll never waits on a client's
 * pool), and writing / reading whole bodies.
 */

export type { SimResponse } from './sim-response';

export interface ListeningSimServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  port: number;
  /** Destroys every socket and stops the server; a second call waits for the same close. */
  close(): Promise<void>;
}

/** Starts `server` on 127.0.0.1 (port 0: any free one) and tracks its sockets for close(). */
export async function listenSimServer(server: http.Server, port = 0): Promise<ListeningSimServer> {
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    origin: `http://127.0.0.1:${bound}`,
    port: bound,
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
        sockets.forEach((s) => s.destroy());
      })),
  };
}

/** Writes a whole answer with its Content-Length. */
export function writeSimResponse(res: http.ServerResponse, out: SimResponse): void {
  const body = typeof out.body === 'string' ? Buffer.from(out.body, 'utf8') : (out.body ?? Buffer.alloc(0));
  res.writeHead(out.status, { ...out.headers, 'Content-Length': String(body.length) });
  res.end(body);
}
