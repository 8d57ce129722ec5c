import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Tokens } from '../auth/tokens.js';
import type { QueryCache } from '../filter/query.js';
import type { GoDataConfig } from '../options.js';
import type { Doc, State, TokenRecord, UserRecord } from '../state.js';
import { platformOf, type Author } from '../model/records.js';
import { checkAccess, requireOutbreak, type Access } from './access.js';

/** Everything a route handler may use. */
export interface Sim {
  state: State;
  config: GoDataConfig;
  tokens: Tokens;
  cache: QueryCache;
}

export interface Call {
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
  request: FastifyRequest;
  user?: UserRecord;
  token?: TokenRecord;
  /** The outbreak of an `/outbreaks/{id}/…` route; 404 when unknown or deleted. */
  outbreak: () => Doc;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteDef {
  method: Method | Method[];
  url: string;
  access: Access;
  /** For `ownerOr` access: the route param holding the record owner's id. */
  ownerParam?: string;
  /** Value to send; `undefined` answers 204 with an empty body (LoopBack void methods). */
  handler: (call: Call) => unknown;
}

const authByRequest = new WeakMap<FastifyRequest, { user: UserRecord; token: TokenRecord }>();

export function setRequestAuth(
  request: FastifyRequest,
  auth: { user: UserRecord; token: TokenRecord },
): void {
  authByRequest.set(request, auth);
}

export function registerRoutes(app: FastifyInstance, sim: Sim, routes: RouteDef[]): void {
  for (const route of routes) {
    app.route({
      method: route.method,
      url: route.url,
      handler: async (request, reply) => {
        const params = (request.params ?? {}) as Record<string, string>;
        const auth = authByRequest.get(request);
        const path = request.url.split('?')[0] ?? request.url;
        const ownerId = route.ownerParam ? params[route.ownerParam] : undefined;
        checkAccess(route.access, auth?.user, request.method, path, ownerId);
        const call: Call = {
          params,
          query: (request.query ?? {}) as Record<string, unknown>,
          body: request.body,
          request,
          user: auth?.user,
          token: auth?.token,
          outbreak: () => {
            const id = params.outbreakId ?? '';
            return requireOutbreak(sim.state.outbreaks.get(id), id);
          },
        };
        const result = await route.handler(call);
        if (result === undefined) return reply.code(204).send();
        return reply
          .code(200)
          .header('content-type', 'application/json; charset=utf-8')
          .send(JSON.stringify(result));
      },
    });
  }
}

/** Who writes, when, from which platform (authorTimeStamp/platformStamp inputs). */
export function authorOf(sim: Sim, call: Call): Author {
  return { user: call.user, now: sim.config.nowIso(), platform: platformOf(call.request) };
}
