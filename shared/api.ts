import {
  CHANNELS,
  EVENT_NAMES,
  type Channel,
  type EventName,
  type EventPayload,
  type RequestOf,
  type ResponseOf,
} from './contract.js';
import type { Result } from './result.js';

type Domain = Channel extends `${infer D}.${string}` ? D : never;
type ActionsOf<D extends Domain> = {
  [C in Channel as C extends `${D}.${infer A}` ? A : never]: (
    ...args: object extends RequestOf<C> ? [request?: RequestOf<C>] : [request: RequestOf<C>]
  ) => Promise<Result<ResponseOf<C>>>;
};

/** `window.api`: one method per contract channel, grouped by domain, plus event subscriptions. */
export type Api = { [D in Domain]: ActionsOf<D> } & {
  events: { [E in EventName]: (listener: (payload: EventPayload<E>) => void) => () => void };
};

/** How an Api reaches main: Electron IPC in the app, loopback HTTP in the e2e harness. */
export interface ApiTransport {
  invoke(channel: Channel, request: unknown): Promise<unknown>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

/** Builds the api object from the contract's channel list, so both sides always expose the same surface. */
export function buildApi(transport: ApiTransport): Api {
  const api: Record<string, Record<string, unknown>> = { events: {} };
  for (const channel of CHANNELS) {
    const [domain, action] = channel.split('.') as [string, string];
    api[domain] ??= {};
    api[domain][action] = (request?: unknown) => transport.invoke(channel, request ?? {});
  }
  for (const name of EVENT_NAMES) {
    api.events![name] = (listener: (payload: unknown) => void) => transport.subscribe(name, listener);
  }
  return api as unknown as Api;
}
