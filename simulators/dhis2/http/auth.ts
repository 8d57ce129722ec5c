import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VersionProfile } from '../version.js';
import { loginPath } from '../version.js';
import { hasValidChecksum, makeToken, tokenFormatOf, type TokenFormat } from './tokens.js';
import { sendWebMessage } from './webMessage.js';

export const DEMO_USERNAME = 'admin';
export const DEMO_PASSWORD = 'district';

export interface IssuedToken {
  token: string;
  /** Epoch ms; undefined = never expires. */
  expiresAt?: number;
}

/**
 * Who may call the API (reference §3): Basic `admin`/`district`, personal access tokens where the version has
 * them, and DHIS2's answers otherwise — a 302 to the login page for a browser-like request, a JSON 401 for an
 * XMLHttpRequest, a 401 WebMessage for bad credentials or tokens.
 */
export class Authenticator {
  private readonly tokens = new Map<string, IssuedToken>();
  private issued = 0;

  constructor(
    private readonly version: VersionProfile,
    private readonly patEnabled: boolean,
    private readonly seed: number,
  ) {}

  /** Token support: none in 2.36, behind a flag in 2.37, on from 2.38. */
  get patSupported(): boolean {
    return this.version.minor >= 38 || (this.version.minor === 37 && this.patEnabled);
  }

  /** The format new tokens get: `d2pat_` until 2.40, `d2p_` from 2.41. */
  get defaultFormat(): TokenFormat {
    return this.version.minor >= 41 ? 'v2' : 'v1';
  }

  issue(format: TokenFormat = this.defaultFormat, expiresAt?: number): IssuedToken {
    const token = makeToken(format, this.seed * 7919 + ++this.issued);
    const issued = { token, ...(expiresAt !== undefined ? { expiresAt } : {}) };
    this.tokens.set(token, issued);
    return issued;
  }

  install(app: FastifyInstance, baseUrl: () => string): void {
    app.addHook('onRequest', async (request, reply) => {
      if (!request.url.startsWith('/api/') && request.url !== '/api') return;
      return this.check(request, reply, baseUrl());
    });
  }

  private unauthenticated(request: FastifyRequest, reply: FastifyReply, baseUrl: string): FastifyReply {
    if (request.headers['x-requested-with'] === 'XMLHttpRequest')
      return sendWebMessage(reply, 401, 'Unauthorized');
    return reply
      .code(302)
      .header('location', `${baseUrl}${loginPath(this.version)}`)
      .send();
  }

  private tokenFailure(reply: FastifyReply, message: string): FastifyReply {
    void reply.header('www-authenticate', 'ApiToken realm="DHIS2"');
    return sendWebMessage(reply, 401, message);
  }

  private check(request: FastifyRequest, reply: FastifyReply, baseUrl: string): FastifyReply | undefined {
    const header = request.headers.authorization;
    if (!header) return this.unauthenticated(request, reply, baseUrl);
    if (/^basic /i.test(header)) {
      const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (decoded.slice(0, colon) === DEMO_USERNAME && decoded.slice(colon + 1) === DEMO_PASSWORD)
        return undefined;
      void reply.header('www-authenticate', 'Basic realm="DHIS2"');
      return sendWebMessage(reply, 401, 'Unauthorized');
    }
    if (/^apitoken/i.test(header) && this.patSupported) {
      const match = /^ApiToken ([a-z0-9-._~+/]+=*)$/i.exec(header);
      if (!match?.[1]) return this.tokenFailure(reply, 'Api token is malformed');
      const token = match[1];
      if (this.version.minor >= 41 && !hasValidChecksum(token))
        return this.tokenFailure(reply, 'Checksum validation failed');
      const known = this.tokens.get(token);
      const formatKnown = tokenFormatOf(token) === 'v1' || this.version.minor >= 41;
      if (!known || !formatKnown) return this.tokenFailure(reply, 'The API token does not exists');
      if (known.expiresAt !== undefined && known.expiresAt < Date.now()) {
        return this.tokenFailure(reply, 'Failed to authenticate API token, token has expired.');
      }
      return undefined;
    }
    // Any other scheme (or a token where the version has none) is simply not a credential.
    return this.unauthenticated(request, reply, baseUrl);
  }
}
