import { apiError, plainError } from '../errors.js';
import type { RouteDef, Sim } from '../http/router.js';
import { asRecord } from '../text.js';
import { Tokens } from './tokens.js';
import { userJson } from './users.js';

export function authRoutes(sim: Sim): RouteDef[] {
  return [
    {
      method: 'POST',
      url: '/api/users/login',
      access: { kind: 'public' },
      handler: (call) => {
        const body = asRecord(call.body) ?? {};
        const email = typeof body.email === 'string' ? body.email.toLowerCase() : undefined;
        if (!email && !body.username)
          throw plainError(400, 'username or email is required', 'USERNAME_EMAIL_REQUIRED');
        const user = sim.tokens.checkCredentials(email ?? String(body.username), body.password);
        const token = sim.tokens.issue(user);
        const json = sim.tokens.tokenJson(token);
        const include = call.query.include;
        return include === 'user' || (Array.isArray(include) && include.includes('user'))
          ? { ...json, user: userJson(user) }
          : json;
      },
    },
    {
      method: 'POST',
      url: '/api/oauth/token',
      access: { kind: 'public' },
      handler: (call) => {
        const body = asRecord(call.body) ?? {};
        for (const field of ['username', 'password']) {
          if (body[field] === undefined || body[field] === '') {
            throw apiError('REQUEST_VALIDATION_ERROR', {
              errorMessages: `Missing required parameter: ${field}`,
            });
          }
        }
        const user = sim.tokens.checkCredentials(String(body.username), body.password);
        const token = sim.tokens.issue(user);
        return { token_type: 'bearer', expires_in: token.ttl, access_token: token.id };
      },
    },
    {
      method: 'POST',
      url: '/api/users/logout',
      access: { kind: 'public' },
      handler: (call) => {
        sim.tokens.logout(call.token?.id ?? Tokens.idFromRequest(call.query, call.request.headers));
        return undefined;
      },
    },
    {
      method: 'GET',
      url: '/api/users/:userId',
      access: { kind: 'ownerOr', permission: 'user_view' },
      ownerParam: 'userId',
      handler: (call) => {
        const id = call.params.userId ?? '';
        const user = sim.state.users.get(id);
        if (!user) throw plainError(404, `Unknown "user" id "${id}".`, 'MODEL_NOT_FOUND');
        return userJson(user);
      },
    },
    {
      method: ['PATCH', 'PUT'],
      url: '/api/users/:userId',
      access: { kind: 'ownerOr', permission: 'user_modify' },
      ownerParam: 'userId',
      handler: (call) => {
        const id = call.params.userId ?? '';
        const user = sim.state.users.get(id);
        if (!user) throw plainError(404, `could not find a model with id ${id}`, 'MODEL_NOT_FOUND');
        const body = asRecord(call.body) ?? {};
        const active = body.activeOutbreakId;
        const requested = Array.isArray(body.outbreakIds) ? body.outbreakIds.map(String) : undefined;
        const isSelf = call.user?.id === user.id;
        if (typeof active === 'string' && active) {
          const allowed = requested && requested.length > 0 ? requested : user.outbreakIds;
          if (allowed.length > 0 && !allowed.includes(active)) throw apiError('ACTIVE_OUTBREAK_NOT_ALLOWED');
        }
        if (active !== undefined)
          user.activeOutbreakId = typeof active === 'string' && active ? active : undefined;
        // A user cannot widen its own outbreak access or roles.
        if (requested && !isSelf) user.outbreakIds = requested;
        if (typeof body.firstName === 'string') user.firstName = body.firstName;
        if (typeof body.lastName === 'string') user.lastName = body.lastName;
        return userJson(user);
      },
    },
  ];
}
