import { randomBytes } from 'node:crypto';
import { apiError, plainError } from '../errors.js';
import type { GoDataConfig } from '../options.js';
import type { State, TokenRecord, UserRecord } from '../state.js';

/**
 * Access tokens and login (LoopBack User.login + Go.Data's access-token.js and user controller hooks):
 * sliding 600 s TTL re-stamped when older than 50 s, one live token per user, brute-force lockout.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function tokenId(): string {
  const bytes = randomBytes(64);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}

export const invalidToken = (): ReturnType<typeof plainError> =>
  plainError(401, 'Invalid Access Token', 'INVALID_TOKEN');

export class Tokens {
  constructor(
    private readonly state: State,
    private readonly config: GoDataConfig,
  ) {}

  /** Where LoopBack looks for the token: `?access_token=`, then `X-Access-Token`, then `Authorization`. */
  static idFromRequest(
    query: Record<string, unknown>,
    headers: Record<string, string | string[] | undefined>,
  ): string | undefined {
    const fromQuery = query.access_token;
    if (typeof fromQuery === 'string' && fromQuery) return fromQuery;
    const header = (name: string): string | undefined => {
      const value = headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const xToken = header('x-access-token');
    if (xToken) return xToken;
    const authorization = header('authorization');
    if (!authorization) return undefined;
    return authorization.startsWith('Bearer ') ? authorization.slice(7) : authorization;
  }

  /**
   * The token middleware: an unknown id is anonymous; an expired token is deleted and the request fails with
   * 401 INVALID_TOKEN (the next call with it is merely anonymous → AUTHORIZATION_REQUIRED).
   */
  authenticate(id: string | undefined): { user: UserRecord; token: TokenRecord } | undefined {
    if (!id) return undefined;
    const token = this.state.tokens.get(id);
    if (!token) return undefined;
    const user = this.state.users.get(token.userId);
    const now = this.config.now();
    if (!user || this.expired(token, now)) {
      this.state.tokens.delete(id);
      throw invalidToken();
    }
    token.requests++;
    // Keep the token alive, but at most once per 50 s (Go.Data avoids a write on every request).
    if ((now - token.created) / 1000 > 50) {
      token.created = now;
      user.lastLogin = new Date(now).toISOString();
    }
    return { user, token };
  }

  private expired(token: TokenRecord, now: number): boolean {
    const forced = this.config.tokenExpiry;
    if (forced.afterRequests !== undefined && token.requests >= forced.afterRequests) return true;
    if (forced.afterSeconds !== undefined && now - token.issuedAt >= forced.afterSeconds * 1000) return true;
    return (now - token.created) / 1000 >= token.ttl;
  }

  /** A new login soft-deletes every other token of the same user. */
  issue(user: UserRecord): TokenRecord {
    const now = this.config.now();
    for (const [id, token] of this.state.tokens) if (token.userId === user.id) this.state.tokens.delete(id);
    const token: TokenRecord = {
      id: tokenId(),
      userId: user.id,
      ttl: this.config.tokenTtlSeconds,
      created: now,
      issuedAt: now,
      requests: 0,
    };
    this.state.tokens.set(token.id, token);
    user.lastLogin = new Date(now).toISOString();
    return token;
  }

  logout(id: string | undefined): void {
    if (!id) throw plainError(401, 'accessToken is required to logout');
    if (!this.state.tokens.delete(id)) throw plainError(401, 'Could not find accessToken');
  }

  /** Checks credentials with the lockout counters of Go.Data's user controller; returns the user or throws. */
  checkCredentials(email: string, password: unknown): UserRecord {
    const user = this.state.userByEmail(email);
    const now = this.config.now();
    if (user && user.bruteForceLoginDate !== null) {
      if (user.bruteForceLoginDate + this.config.lockoutMs < now) {
        user.loginRetriesCount = 0;
        user.bruteForceLoginDate = null;
      } else if (user.loginRetriesCount >= this.config.maxLoginRetries) {
        throw apiError('ACTION_TEMPORARILY_BLOCKED');
      }
    }
    if (!user || typeof password !== 'string' || user.password !== password) {
      if (user && user.loginRetriesCount < this.config.maxLoginRetries) {
        user.loginRetriesCount = user.bruteForceLoginDate !== null ? user.loginRetriesCount + 1 : 1;
        user.bruteForceLoginDate = now;
      }
      throw plainError(401, 'login failed', 'LOGIN_FAILED');
    }
    user.loginRetriesCount = 0;
    user.bruteForceLoginDate = null;
    return user;
  }

  /** The AccessToken JSON LoopBack answers a login with. */
  tokenJson(token: TokenRecord): Record<string, unknown> {
    const created = new Date(token.created).toISOString();
    return {
      id: token.id,
      ttl: token.ttl,
      created,
      userId: token.userId,
      createdAt: created,
      createdBy: 'system',
      updatedAt: created,
      updatedBy: 'system',
      dbUpdatedAt: created,
      deleted: false,
    };
  }
}
