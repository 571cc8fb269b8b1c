// A tiny HTTP CONNECT proxy on 127.0.0.1 for tests: tunnels each CONNECT to its target and records it, so a test
// can tell which requests went through the proxy. Optionally demands a Proxy-Authorization value (407 otherwise).
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface ConnectProxy {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** `host:port` of every tunnel opened, in order. */
  readonly tunnels: string[];
  /** Proxy-Authorization values seen. */
  readonly authorizations: (string | undefined)[];
  /** `METHOD path` of every plain-HTTP request seen inside a tunnel (the emulator speaks http). */
  readonly tunneledRequests: string[];
  /** Requests that came in absolute form instead of CONNECT. */
  readonly plainRequests: string[];
  stop(): Promise<void>;
}

export async function startConnectProxy(opts: { requireAuthorization?: string } = {}): Promise<ConnectProxy> {
  const tunnels: string[] = [];
  const authorizations: (string | undefined)[] = [];
  const plainRequests: string[] = [];
  const tunneledRequests: string[] = [];
  const sniff = (chunk: Buffer): void => {
    for (const m of chunk.toString('latin1').matchAll(/(?:^|\r\n)(GET|POST|PUT|DELETE|HEAD) (\S+) HTTP\/1\.[01]\r\n/g)) tunneledRequests.push(`${m[1]} ${m[2]}`);
  };
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    plainRequests.push(req.url ?? '');
    res.writeHead(501).end();
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const auth = req.headers['proxy-authorization'];
    authorizations.push(auth);
    if (opts.requireAuthorization !== undefined && auth !== opts.requireAuthorization) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const target = req.url ?? '';
    tunnels.push(target);
    const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(target);
    if (!m) {
      client.end('HTTP/1.1 400 Bad Request\r\n\r\n');
      return;
    }
    const upstream = net.connect(Number(m[2]), m[1], () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) {
        sniff(head);
        upstream.write(head);
      }
      client.on('data', sniff);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.once('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    tunnels,
    authorizations,
    plainRequests,
    tunneledRequests,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
