import { contract, type Channel, type ParsedRequestOf, type ResponseOf } from '../../shared/contract.js';
import type { Result } from '../../shared/result.js';
import { INTERNAL, toAppError, zodFields } from './errors.js';

export type Handlers = {
  [C in Channel]: (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C>;
};

export type Dispatch = (channel: string, payload: unknown) => Promise<Result<unknown>>;

export interface DispatchOptions {
  log?: (message: string, error: unknown) => void;
}

/**
 * The only way a request reaches a handler, whatever carries it (Electron IPC or the e2e loopback bridge):
 * unknown channels are refused, the payload is parsed with the channel's schema, and the answer is parsed with
 * the response schema too — which strips any property the contract does not name, so nothing extra (a secret,
 * an internal path) can leak through a handler mistake.
 */
export function createDispatch(handlers: Handlers, options: DispatchOptions = {}): Dispatch {
  return async (channel, payload) => {
    if (!Object.hasOwn(contract, channel)) {
      return { ok: false, error: { kind: 'invalid-request', message: `Unknown channel "${channel}"` } };
    }
    const entry = contract[channel as Channel];
    const parsed = entry.request.safeParse(payload ?? {});
    if (!parsed.success) {
      return {
        ok: false,
        error: {
          kind: 'invalid-request',
          message: `Invalid request for ${channel}`,
          fields: zodFields(parsed.error),
        },
      };
    }
    try {
      const handler = handlers[channel as Channel] as (request: unknown) => unknown;
      const answer = entry.response.safeParse(await handler(parsed.data));
      if (answer.success) return { ok: true, value: answer.data };
      // The request was fine; the handler broke the contract. That is our bug, not the caller's.
      options.log?.(`Handler for ${channel} answered outside the contract`, answer.error);
      return { ok: false, error: INTERNAL };
    } catch (error) {
      return { ok: false, error: toAppError(error, options.log) };
    }
  };
}
