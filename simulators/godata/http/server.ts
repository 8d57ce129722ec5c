import multipart from '@fastify/multipart';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { installFaults, type FaultInjector, type FaultResponder } from '../../common/faults.js';
import { Tokens } from '../auth/tokens.js';
import { HttpError, internalError, plainError, renderError } from '../errors.js';
import { snapshot } from '../state.js';
import { registerRoutes, setRequestAuth, type RouteDef, type Sim } from './router.js';

const BODY_LIMIT = 10 * 1024 * 1024;
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** An injected 5xx/429 in Go.Data's envelope (429 carries Retry-After). */
const respondToFault: FaultResponder = (reply, status, retryAfterSeconds) => {
  const error =
    status === 429
      ? new HttpError(429, { name: 'Error', message: 'Too Many Requests' })
      : new HttpError(503, { message: 'Service Unavailable' });
  if (retryAfterSeconds !== undefined) void reply.header('retry-after', String(retryAfterSeconds));
  const { payload } = renderError(error);
  return reply.code(status).send(payload);
};

function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  const e = error as Partial<FastifyError>;
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return new HttpError(413, { name: 'PayloadTooLargeError', message: 'request entity too large' });
  if (e.statusCode !== undefined && e.statusCode >= 400 && e.statusCode < 500) {
    return new HttpError(e.statusCode, { name: e.name ?? 'Error', message: e.message ?? 'Bad Request' });
  }
  return internalError({ code: e.code, message: e.message ?? String(error), name: e.name });
}

/** body-parser json (strict): empty body → {}, only objects/arrays, SyntaxError → 400. */
function parseJson(text: string): unknown {
  if (text.trim() === '') return {};
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') {
    throw new HttpError(400, {
      name: 'SyntaxError',
      message: `Unexpected token ${first ?? ''} in JSON at position 0`,
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpError(400, { name: 'SyntaxError', message: (error as Error).message });
  }
}

function installBodyParsers(app: FastifyInstance): void {
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJson(String(body)));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    },
  );
  // Anything else is not parsed (LoopBack leaves such bodies alone).
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, _body, done) => done(null, undefined));
}

export async function buildServer(
  sim: Sim,
  faults: FaultInjector,
  routes: RouteDef[],
): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: BODY_LIMIT,
    logger: false,
    routerOptions: { ignoreTrailingSlash: true },
    forceCloseConnections: true,
  });
  await app.register(multipart, { limits: { fileSize: BODY_LIMIT * 10 } });
  installBodyParsers(app);
  installFaults(app, faults, respondToFault);

  // LoopBack's token middleware runs on every REST call, login included.
  app.addHook('onRequest', (request, _reply, done) => {
    if (!request.url.startsWith('/api')) return done();
    try {
      const id = Tokens.idFromRequest((request.query ?? {}) as Record<string, unknown>, request.headers);
      const auth = sim.tokens.authenticate(id);
      if (auth) setRequestAuth(request, auth);
      done();
    } catch (error) {
      done(error as Error);
    }
  });

  registerRoutes(app, sim, routes);
  const started = new Date(sim.config.now()).toISOString();
  app.get('/status', () => ({ started, uptime: (sim.config.now() - Date.parse(started)) / 1000 }));
  app.get('/__simulator/state', (request, reply) => {
    if (!LOOPBACK.has(request.ip)) return reply.code(403).send({ error: 'loopback only' });
    const { config, state } = sim;
    return snapshot(state, config.version, config.now(), config.lockoutMs, config.maxLoginRetries);
  });

  app.setNotFoundHandler(async (request, reply) => {
    const url = request.url;
    if (url === '/api' || url.startsWith('/api/') || url.startsWith('/api?')) {
      throw plainError(404, `There is no method to handle ${request.method} ${url.slice(4) || '/'}`);
    }
    // Go.Data serves its web app for every other GET; other verbs fall through to LoopBack's urlNotFound,
    // whose status-less error the internalError middleware turns into a 500.
    if (request.method === 'GET')
      return reply.type('text/html').send('<!doctype html><title>Go.Data</title><app-root></app-root>');
    throw internalError({ message: `Cannot ${request.method} ${url}`, name: 'Error' });
  });
  app.setErrorHandler(async (error, _request, reply) => {
    const { statusCode, payload } = renderError(toHttpError(error));
    return reply.code(statusCode).send(payload);
  });
  return app;
}
