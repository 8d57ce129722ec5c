import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP proxy in front of the Go.Data simulator that answers chosen requests with a 500 in Go.Data's
 * own envelope, as its internal-error handler renders an error without a status (a server bug, a database
 * refusal). For writes the simulator has no data-driven 500 for (relationships); everything else passes through.
 */
export interface ProxiedRequest {
  method: string;
  /** Without the query. */
  path: string;
  body: string;
}

export interface ServerFaultProxy {
  url: string;
  /** Requests this says yes to fail from now on; undefined lets everything through. */
  failing: ((request: ProxiedRequest) => boolean) | undefined;
  /** How many requests were answered with the fault. */
  faults: number;
  close(): Promise<void>;
}

const ENVELOPE = JSON.stringify({
  error: {
    statusCode: 500,
    code: 'INTERNAL_ERROR',
    message: "Internal error: `Cannot read properties of undefined (reading 'id')`",
    details: { error: { message: "Cannot read properties of undefined (reading 'id')", name: 'TypeError' } },
  },
});

export async function startServerFaultProxy(target: string): Promise<ServerFaultProxy> {
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const request = { method: req.method ?? 'GET', path: url.split('?')[0] ?? url, body: body.toString() };
      if (proxy.failing?.(request)) {
        proxy.faults++;
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.end(ENVELOPE);
        return;
      }
      const forward = http.request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: url,
          headers: { ...req.headers, host: upstream.host },
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => res.destroy());
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const proxy: ServerFaultProxy = {
    url: `http://127.0.0.1:${port}`,
    failing: undefined,
    faults: 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return proxy;
}
