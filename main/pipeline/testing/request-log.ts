import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP proxy in front of a simulator that remembers every request line, so a test can say exactly
 * which writes a run sent (the simulators count requests but not by method). Bodies pass through untouched.
 */
export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
}

export interface RequestLog {
  url: string;
  requests: LoggedRequest[];
  /**
   * Requests that change data: anything but GET/HEAD, less the session's own bookkeeping — logging in, and
   * pointing the user's active outbreak at the outbreak about to be written (`PATCH /api/users/{id}`).
   */
  writes(): LoggedRequest[];
  clear(): void;
  /** Called as each answer comes back from the simulator (before it is passed on to the client). */
  onAnswer(listener: (request: LoggedRequest) => void): void;
  close(): Promise<void>;
}

const NOT_DATA = /^\/api\/users\/[^/]+$/;

export async function startRequestLog(target: string): Promise<RequestLog> {
  const upstream = new URL(target);
  const requests: LoggedRequest[] = [];
  const listeners: Array<(request: LoggedRequest) => void> = [];
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path,
        headers: { ...req.headers, host: upstream.host },
      },
      (answer) => {
        const logged = {
          method: req.method ?? 'GET',
          path: path.split('?')[0] ?? path,
          status: answer.statusCode ?? 0,
        };
        requests.push(logged);
        for (const listener of listeners) listener(logged);
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    writes: () => requests.filter((r) => r.method !== 'GET' && r.method !== 'HEAD' && !NOT_DATA.test(r.path)),
    clear: () => void requests.splice(0),
    onAnswer: (listener) => void listeners.push(listener),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
