import type { FastifyInstance, FastifyReply } from 'fastify';
import type { SimContext } from '../context.js';
import { applyFields, fieldsParam, parseFields, type JsonObject } from '../fields.js';
import { QueryParams } from '../http/query.js';
import { metadataFieldContext } from '../metadata/listing.js';
import { ADMIN } from '../tracker/records.js';

const SYSTEM_NAME = 'DHIS 2 Demo - Sierra Leone';
const REVISION = 'a7c1f3e';

function zoneDisplayName(timeZone: string): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'long' })
    .formatToParts(new Date(Date.UTC(2024, 0, 15)))
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/** `/api/system/info` as a superuser sees it (reference §2). */
function systemInfo(ctx: SimContext, userAgent: string): JsonObject {
  const now = Date.now();
  return {
    contextPath: ctx.baseUrl,
    userAgent,
    calendar: 'iso8601',
    dateFormat: 'yyyy-mm-dd',
    serverDate: ctx.clock.format(now),
    serverTimeZoneId: ctx.clock.timeZone,
    serverTimeZoneDisplayName: zoneDisplayName(ctx.clock.timeZone),
    lastAnalyticsTableSuccess: ctx.clock.format(now - 6 * 3_600_000),
    intervalSinceLastAnalyticsTableSuccess: '6 h, 0 m, 0 s',
    lastAnalyticsTableRuntime: '2 m, 13 s',
    version: ctx.version.full,
    revision: REVISION,
    buildTime: '2024-05-02T09:23:11.000',
    jasperReportsVersion: '6.20.6',
    environmentVariable: 'DHIS2_HOME',
    fileStoreProvider: 'filesystem',
    readOnlyMode: 'off',
    nodeId: 'simulator',
    javaVersion: '17.0.11',
    javaVendor: 'Eclipse Adoptium',
    javaOpts: '-Xms1g -Xmx2g',
    osName: 'Linux',
    osArchitecture: 'amd64',
    osVersion: '6.1.0',
    externalDirectory: '/opt/dhis2',
    databaseInfo: { spatialSupport: true },
    readReplicaCount: 0,
    memoryInfo: 'Mem Total in JVM: 2048 Mb, Free in JVM: 812 Mb, Max Limit: 2048 Mb',
    cpuCores: 4,
    encryption: false,
    emailConfigured: false,
    redisEnabled: false,
    systemId: 'eed3d451-4ff5-4193-b951-ffcc68954299',
    systemName: SYSTEM_NAME,
    instanceBaseUrl: ctx.baseUrl,
    clusterHostname: '',
    isMetadataVersionEnabled: false,
    metadataSyncEnabled: false,
  };
}

/** The admin user as `/api/me` shapes it per version (reference §3.5). */
function me(ctx: SimContext): JsonObject {
  const minor = ctx.version.minor;
  const roots = ctx.metadata.orgUnits.roots().map((u) => ({ id: u.id }));
  const programs = ctx.metadata.list('programs').map((p) => p.id);
  const credentials = {
    id: 'ZyjSDLHGPv4',
    username: ADMIN.username,
    lastLogin: ctx.clock.format(Date.now() - 60_000),
    externalAuth: false,
    twoFA: false,
    disabled: false,
    userRoles: [{ id: 'yrB6vc5Ip3r' }],
  };
  const base: JsonObject = {
    id: ADMIN.uid,
    ...(minor >= 38 ? { username: ADMIN.username } : {}),
    firstName: ADMIN.firstName,
    surname: ADMIN.surname,
    name: `${ADMIN.firstName} ${ADMIN.surname}`,
    displayName: `${ADMIN.firstName} ${ADMIN.surname}`,
    email: 'dummy@dhis2.org',
    created: '2013-04-18T17:15:08.407',
    lastUpdated: '2024-05-02T09:30:00.000',
    ...(minor <= 41 ? { userCredentials: credentials } : {}),
    ...(minor >= 41 ? { emailVerified: false, twoFactorType: 'NOT_ENABLED', patTokens: [] } : {}),
    organisationUnits: roots,
    dataViewOrganisationUnits: roots,
    teiSearchOrganisationUnits: roots,
    settings: { keyUiLocale: 'en', keyDbLocale: 'en' },
    programs,
    authorities: ['ALL'],
    dataSets: [],
  };
  return base;
}

export function registerSystemRoutes(app: FastifyInstance, ctx: SimContext): void {
  app.get('/api/system/info', (request) => systemInfo(ctx, String(request.headers['user-agent'] ?? '')));
  app.get('/api/system/ping', (_request, reply) => reply.type('text/plain;charset=UTF-8').send('pong'));

  app.get('/api/me', (request) => {
    const query = QueryParams.fromUrl(request.url);
    const fields = fieldsParam(query.all('fields'));
    const user = me(ctx);
    return fields
      ? applyFields(parseFields(fields), user, metadataFieldContext(ctx.metadata, 'users'))
      : user;
  });
  app.get('/api/me/authorization', () => ['ALL']);
  app.get('/api/me/authorities', () => ['ALL']);
  app.get('/api/me/authorization/:authority', () => true);

  // Where the 302 for an unauthenticated request leads: an HTML page with status 200, as on a real server.
  const loginPage = (_request: unknown, reply: FastifyReply): FastifyReply =>
    reply
      .type('text/html;charset=UTF-8')
      .send(
        '<!DOCTYPE html><html><head><title>DHIS 2</title></head><body><form id="loginForm"></form></body></html>',
      );
  for (const path of ['/dhis-web-commons/security/login.action', '/dhis-web-login', '/dhis-web-login/'])
    app.get(path, loginPage);
}
