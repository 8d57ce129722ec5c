import { buildApi, type Api } from '../../shared/api.js';
import type { EventName } from '../../shared/contract.js';

/**
 * Test-only stand-in for the preload: the same `window.api`, built by the same `buildApi` from the same contract,
 * but carried over loopback HTTP to the real main-process handlers. Never part of the app bundle.
 */
const token = document.querySelector<HTMLMetaElement>('meta[name="bridge-token"]')?.content ?? '';
const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
let source: EventSource | undefined;

function ensureEvents(): void {
  if (source) return;
  source = new EventSource(`/__bridge/events?token=${encodeURIComponent(token)}`);
  source.onmessage = (message: MessageEvent) => {
    const { name, payload } = JSON.parse(String(message.data)) as { name: EventName; payload: unknown };
    listeners.get(name)?.forEach((listener) => listener(payload));
  };
}

(window as unknown as { api: Api }).api = buildApi({
  async invoke(channel, request) {
    const response = await fetch(`/__bridge/invoke/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-bridge-token': token },
      body: JSON.stringify(request ?? {}),
    });
    return (await response.json()) as unknown;
  },
  subscribe(event, listener) {
    ensureEvents();
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  },
});
