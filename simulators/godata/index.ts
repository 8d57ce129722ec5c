import type { AddressInfo } from 'node:net';
import { FaultInjector } from '../common/faults.js';
import { authRoutes } from './auth/routes.js';
import { Tokens } from './auth/tokens.js';
import { makeUsers } from './auth/users.js';
import { QueryCache } from './filter/query.js';
import type { RouteDef, Sim } from './http/router.js';
import { buildServer } from './http/server.js';
import { locationRoutes } from './locations/routes.js';
import { resolveConfig, type GoDataSimulatorOptions, type GoDataVersion } from './options.js';
import { outbreakRoutes } from './outbreaks/routes.js';
import { peopleRoute, personRoutes } from './persons/routes.js';
import { referenceDataRoutes, seedReferenceData } from './referenceData/routes.js';
import { outbreakRelationshipRoutes, personRelationshipRoutes } from './relationships/routes.js';
import { snapshot, State, type GoDataState } from './state.js';
import { systemRoutes } from './system/routes.js';

export type { GoDataQuirks, GoDataSimulatorOptions, GoDataUserOption, GoDataVersion } from './options.js';
export type { Doc, GoDataState } from './state.js';

export interface GoDataSimulator {
  url: string;
  port: number;
  version: GoDataVersion;
  faults: FaultInjector;
  /** A deep copy of the whole in-memory state (persons keep their hidden `type`). */
  inspect(): GoDataState;
  close(): Promise<void>;
}

/** The inspection route (`GET /__simulator/state`) and the health route stay out of fault injection. */
class ApiFaults extends FaultInjector {
  override decide(method: string, path: string): ReturnType<FaultInjector['decide']> {
    return path.startsWith('/api') ? super.decide(method, path) : undefined;
  }
}

function routes(sim: Sim): RouteDef[] {
  const kinds = [
    ['case', 'cases'],
    ['contact', 'contacts'],
    ['event', 'events'],
  ] as const;
  return [
    ...authRoutes(sim),
    ...systemRoutes(sim),
    ...referenceDataRoutes(sim),
    ...locationRoutes(sim),
    ...outbreakRoutes(sim),
    ...kinds.flatMap(([kind, segment]) => [
      ...personRoutes(sim, kind, segment),
      ...personRelationshipRoutes(sim, kind, segment),
    ]),
    peopleRoute(sim),
    ...outbreakRelationshipRoutes(sim),
  ];
}

/** Starts a Go.Data server lookalike on loopback (in-memory, blank instance with default reference data). */
export async function startGoDataSimulator(options: GoDataSimulatorOptions = {}): Promise<GoDataSimulator> {
  const config = resolveConfig(options);
  const state = new State();
  for (const user of makeUsers(options.users, config.nowIso())) state.users.set(user.id, user);
  const sim: Sim = {
    state,
    config,
    tokens: new Tokens(state, config),
    cache: new QueryCache(() => state.writes),
  };
  seedReferenceData(sim);
  const faults = new ApiFaults(options.faults ?? {}, options.seed ?? 1);
  const app = await buildServer(sim, faults, routes(sim));
  const host = options.host ?? '127.0.0.1';
  await app.listen({ port: options.port ?? 0, host });
  const port = (app.server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    version: config.version,
    faults,
    inspect: () => snapshot(state, config.version, config.now(), config.lockoutMs, config.maxLoginRetries),
    close: () => app.close(),
  };
}
