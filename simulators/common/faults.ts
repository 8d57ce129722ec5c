import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createRng, type Rng } from './rng.js';

/**
 * Deterministic fault injection shared by both simulators.
 *
 * Faults are decided per request from a seeded PRNG, so a failing run can be replayed. A fault can strike
 * before the handler runs (nothing stored) or after it (the write is stored, the answer is lost) — the second
 * case is what forces a client to look a record up again before retrying a create.
 */
export const FAULT_KINDS = ['5xx', '429', 'reset', 'timeout'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
export type FaultPhase = 'before' | 'after';

export interface FaultConfig {
  /** Fixed latency added to every request, in ms. */
  latencyMs: number;
  /** Random extra latency, uniform in [0, jitterMs]. */
  jitterMs: number;
  /** Probability per request of each fault kind. */
  rates: Partial<Record<FaultKind, number>>;
  /** Retry-After header value sent with 429 answers, in seconds. */
  retryAfterSeconds: number;
  /** Share of reset/timeout faults that strike after the handler ran (write stored, answer lost). */
  afterHandlerShare: number;
}

export interface ScriptedFault {
  kind: FaultKind;
  phase?: FaultPhase;
  /** Only requests whose `METHOD path` matches are hit. */
  match?: RegExp;
  /** How many matching requests to hit (default 1). */
  times?: number;
}

export interface FaultDecision {
  kind: FaultKind;
  phase: FaultPhase;
}

export interface FaultStats {
  requests: number;
  injected: Record<FaultKind, number>;
}

export const NO_FAULTS: FaultConfig = {
  latencyMs: 0,
  jitterMs: 0,
  rates: {},
  retryAfterSeconds: 1,
  afterHandlerShare: 0.5,
};

/** Parses `5xx=0.05,reset=0.02` into rates; throws a clear error on anything else. */
export function parseFaultSpec(spec: string | undefined): Partial<Record<FaultKind, number>> {
  const rates: Partial<Record<FaultKind, number>> = {};
  if (!spec?.trim()) return rates;
  for (const part of spec.split(',')) {
    const [rawKind, rawRate] = part.split('=').map((s) => s.trim());
    if (!rawKind || rawRate === undefined)
      throw new Error(`Fault spec "${part}" is not of the form kind=rate`);
    if (!(FAULT_KINDS as readonly string[]).includes(rawKind)) {
      throw new Error(`Unknown fault kind "${rawKind}" (expected one of ${FAULT_KINDS.join(', ')})`);
    }
    const rate = Number(rawRate);
    if (!Number.isFinite(rate) || rate < 0 || rate > 1) {
      throw new Error(`Fault rate for "${rawKind}" must be a number between 0 and 1, got "${rawRate}"`);
    }
    rates[rawKind as FaultKind] = rate;
  }
  return rates;
}

export class FaultInjector {
  private config: FaultConfig;
  private rng: Rng;
  private scripted: Array<Required<Omit<ScriptedFault, 'match'>> & { match?: RegExp }> = [];
  readonly stats: FaultStats = { requests: 0, injected: { '5xx': 0, '429': 0, reset: 0, timeout: 0 } };

  constructor(config: Partial<FaultConfig> = {}, seed = 1) {
    this.config = { ...NO_FAULTS, ...config };
    this.rng = createRng(seed ^ 0x5eed);
  }

  configure(config: Partial<FaultConfig>): void {
    this.config = { ...this.config, ...config };
  }

  /** Queue faults that hit the next matching requests, whatever the rates say. */
  script(fault: ScriptedFault): void {
    if (fault.phase === 'after' && fault.kind !== 'reset' && fault.kind !== 'timeout') {
      // A 5xx or 429 is an answer; "after" means the answer is lost, which only a reset or a timeout can do.
      throw new Error(`Fault "${fault.kind}" cannot strike after the handler; only reset and timeout can`);
    }
    this.scripted.push({ phase: 'before', times: 1, ...fault });
  }

  clear(): void {
    this.config = { ...NO_FAULTS };
    this.scripted = [];
  }

  delayMs(): number {
    const { latencyMs, jitterMs } = this.config;
    return latencyMs + (jitterMs > 0 ? Math.floor(this.rng() * (jitterMs + 1)) : 0);
  }

  decide(method: string, path: string): FaultDecision | undefined {
    this.stats.requests++;
    const key = `${method} ${path}`;
    const scriptedIndex = this.scripted.findIndex((f) => !f.match || f.match.test(key));
    const scripted = this.scripted[scriptedIndex];
    if (scripted) {
      if (--scripted.times <= 0) this.scripted.splice(scriptedIndex, 1);
      this.stats.injected[scripted.kind]++;
      return { kind: scripted.kind, phase: scripted.phase };
    }
    // Always draw the same number of values per request so one rate does not shift another's sequence.
    const draws = FAULT_KINDS.map(() => this.rng());
    const phaseDraw = this.rng();
    for (const [i, kind] of FAULT_KINDS.entries()) {
      const rate = this.config.rates[kind] ?? 0;
      if (rate > 0 && (draws[i] ?? 1) < rate) {
        this.stats.injected[kind]++;
        const canStrikeAfter = kind === 'reset' || kind === 'timeout';
        return {
          kind,
          phase: canStrikeAfter && phaseDraw < this.config.afterHandlerShare ? 'after' : 'before',
        };
      }
    }
    return undefined;
  }

  get retryAfterSeconds(): number {
    return this.config.retryAfterSeconds;
  }
}

/** How a simulator renders an injected 5xx or 429 in its own error envelope. */
export type FaultResponder = (
  reply: FastifyReply,
  status: 429 | 503,
  retryAfterSeconds?: number,
) => FastifyReply;

const decisionKey = Symbol('faultDecision');
type WithDecision = FastifyRequest & { [decisionKey]?: FaultDecision };

function reset(request: FastifyRequest): void {
  request.raw.socket.destroy();
}

/** Wires the injector into a Fastify app: latency, then the chosen fault, before or after the handler. */
export function installFaults(app: FastifyInstance, injector: FaultInjector, respond: FaultResponder): void {
  // Hung sockets never finish on their own; without this, closing the app would wait for them forever.
  const hung = new Set<Socket>();
  const hang = (request: FastifyRequest): void => {
    // A timeout: keep the socket open, answer nothing; the client's own timeout must fire.
    const socket = request.raw.socket;
    socket.setTimeout(0);
    hung.add(socket);
    socket.once('close', () => hung.delete(socket));
  };
  app.addHook('preClose', (done) => {
    for (const socket of hung) socket.destroy();
    hung.clear();
    done();
  });
  app.addHook('onRequest', async (request, reply) => {
    const delay = injector.delayMs();
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    const decision = injector.decide(request.method, request.url.split('?')[0] ?? request.url);
    if (!decision) return;
    if (decision.phase === 'after') {
      (request as WithDecision)[decisionKey] = decision;
      return;
    }
    if (decision.kind === '5xx') return respond(reply, 503);
    if (decision.kind === '429') return respond(reply, 429, injector.retryAfterSeconds);
    reply.hijack();
    if (decision.kind === 'reset') reset(request);
    else hang(request);
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const decision = (request as WithDecision)[decisionKey];
    if (!decision) return payload;
    // The handler has run (a write is stored); the client never learns it. The hook never settles, so Fastify
    // never writes the answer to a socket that is hung (or already gone).
    if (decision.kind === 'reset') reset(request);
    else hang(request);
    return new Promise<typeof payload>(() => undefined);
  });
}
