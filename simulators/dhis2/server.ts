import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { FaultInjector, installFaults, type FaultConfig } from '../common/faults.js';
import type { SimContext } from './context.js';
import { createSimData, type Dhis2SimData } from './data.js';
import type { Dhis2Dataset } from './dataset/types.js';
import { Authenticator } from './http/auth.js';
import type { TokenFormat } from './http/tokens.js';
import { HttpProblem, sendWebMessage } from './http/webMessage.js';
import { registerMetadataRoutes } from './metadata/routes.js';
import { MetadataStore } from './metadata/store.js';
import { registerSystemRoutes } from './system/routes.js';
import { assertTimeZone, ServerClock } from './time.js';
import { asText } from './values.js';
import { RecordFactory } from './tracker/fromInput.js';
import { GeneratedRecords } from './tracker/generatedRecords.js';
import { GeneratorLayout } from './tracker/generator.js';
import { TrackerImporter } from './tracker/importer.js';
import { OptionCodes } from './tracker/optionCodes.js';
import { registerNewTrackerRoutes } from './tracker/routesNew.js';
import { registerOldTrackerRoutes } from './tracker/routesOld.js';
import { TrackerStore } from './tracker/store.js';
import { TrackerMetadata } from './tracker/trackerMetadata.js';
import { hasOldTrackerApi, parseVersion, type Dhis2Version } from './version.js';

export interface Dhis2SimulatorOptions {
  /** 0 = any free port (default). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** '2.40' or a full version such as '2.40.3'. */
  version: Dhis2Version | (string & {});
  dataset: Dhis2Dataset;
  /** Seeds faults, tokens and new uids; defaults to the dataset generator's seed. */
  seed?: number;
  faults?: Partial<FaultConfig>;
  /** serverTimeZoneId, default 'Etc/UTC'. */
  timeZone?: string;
  /** 2.37's `enable.api_token.authentication` (default off). */
  patEnabled?: boolean;
}

export interface Dhis2Simulator {
  url: string;
  port: number;
  /** As /api/system/info reports it, e.g. "2.40.0". */
  version: string;
  faults: FaultInjector;
  data: Dhis2SimData;
  /** A valid PAT for admin in the version's format; '' before 2.37 (in 2.37 it only works with patEnabled). */
  demoToken: string;
  /** Another token for admin: `v1` = d2pat_, `v2` = d2p_ (2.41+); optionally expiring at an epoch-ms instant. */
  issueApiToken(format?: TokenFormat, expiresAt?: number): string;
  close(): Promise<void>;
}

function buildContext(opts: Dhis2SimulatorOptions): { ctx: SimContext; seed: number } {
  const version = parseVersion(String(opts.version));
  const timeZone = opts.timeZone ?? 'Etc/UTC';
  assertTimeZone(timeZone);
  const clock = new ServerClock(timeZone);
  const metadata = new MetadataStore(opts.dataset.metadata, () => clock.format(Date.now()));
  const trackerMetadata = new TrackerMetadata(metadata);
  const spec = opts.dataset.generator;
  let generated: GeneratedRecords | undefined;
  if (spec) {
    const facilities = metadata.orgUnits
      .all()
      .filter((u) => u.level === 4)
      .map((u) => ({ id: u.id, name: asText(u.name ?? u.id).trim() }));
    generated = new GeneratedRecords(
      new GeneratorLayout(spec, facilities.length),
      facilities,
      clock,
      new OptionCodes(metadata),
    );
  }
  const ctx: SimContext = {
    version,
    clock,
    metadata,
    tracker: new TrackerStore(generated),
    trackerMetadata,
    baseUrl: '',
  };
  return { ctx, seed: opts.seed ?? spec?.seed ?? 1 };
}

function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | HttpProblem, _request, reply) => {
    if (error instanceof HttpProblem) return sendWebMessage(reply, error.status, error.message, error.extra);
    const status =
      typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500
        ? error.statusCode
        : 500;
    return sendWebMessage(reply, status, error.message);
  });
  app.setNotFoundHandler((request, reply) =>
    sendWebMessage(reply, 404, `No endpoint ${request.method} ${request.url.split('?')[0] ?? ''}`),
  );
}

/** Starts a DHIS2 of the given version on loopback, serving the dataset. */
export async function startDhis2Simulator(opts: Dhis2SimulatorOptions): Promise<Dhis2Simulator> {
  const { ctx, seed } = buildContext(opts);
  const factory = new RecordFactory(ctx.clock, ctx.trackerMetadata, seed);
  const importer = new TrackerImporter(ctx.tracker, ctx.metadata, factory);
  importer.importAll(opts.dataset.tracker, Date.now());

  const app = Fastify({
    logger: false,
    forceCloseConnections: true,
    routerOptions: { maxParamLength: 1_000 },
    // Versioned aliases (/api/40/…) reach the same handlers.
    rewriteUrl: (request) => (request.url ?? '/').replace(/^\/api\/\d{2}\//, '/api/'),
  });
  const faults = new FaultInjector(opts.faults ?? {}, seed);
  installFaults(app, faults, (reply, status, retryAfterSeconds) => {
    if (retryAfterSeconds !== undefined) void reply.header('retry-after', String(retryAfterSeconds));
    return sendWebMessage(
      reply,
      status,
      status === 429 ? 'Too many requests, slow down' : 'Service temporarily unavailable',
    );
  });
  const auth = new Authenticator(ctx.version, opts.patEnabled ?? false, seed);
  auth.install(app, () => ctx.baseUrl);
  installErrorHandling(app);
  registerSystemRoutes(app, ctx);
  registerNewTrackerRoutes(app, ctx);
  if (hasOldTrackerApi(ctx.version)) registerOldTrackerRoutes(app, ctx);
  registerMetadataRoutes(app, ctx);

  const host = opts.host ?? '127.0.0.1';
  await app.listen({ port: opts.port ?? 0, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (opts.port ?? 0);
  ctx.baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  ctx.metadata.apiBase = `${ctx.baseUrl}/api`;

  return {
    url: ctx.baseUrl,
    port,
    version: ctx.version.full,
    faults,
    data: createSimData(ctx, importer, factory),
    demoToken: ctx.version.minor >= 37 ? auth.issue().token : '',
    issueApiToken: (format, expiresAt) => auth.issue(format, expiresAt).token,
    close: () => app.close(),
  };
}
