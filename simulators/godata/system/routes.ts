import { randomUUID } from 'node:crypto';
import { apiError, plainError } from '../errors.js';
import type { RouteDef, Sim } from '../http/router.js';
import { MODELS, SUB_MODELS, type FieldSpec, type ModelSpec } from '../model/schema.js';

const VERSIONS = { '2.48': '2.48.0', '2.50': '2.50.3' } as const;

/** Model names the model-definition route lists as supported (a subset of the LoopBack registry). */
const KNOWN_MODELS = [
  ...Object.keys(MODELS),
  'contactOfContact',
  'followUp',
  'labResult',
  'user',
  'role',
  'team',
  'cluster',
  'language',
  'languageToken',
  ...Object.keys(SUB_MODELS),
];

function describeType(type: FieldSpec['type']): unknown {
  if (Array.isArray(type)) return [describeType(type[0])];
  const sub = SUB_MODELS[type];
  if (sub) return describeModel(sub);
  return type;
}

function describeModel(spec: ModelSpec): Record<string, unknown> {
  return Object.fromEntries(Object.entries(spec).map(([name, field]) => [name, describeType(field.type)]));
}

export function systemRoutes(sim: Sim): RouteDef[] {
  return [
    {
      method: 'GET',
      url: '/api/system-settings/version',
      access: { kind: 'public' },
      handler: (call) => {
        // 2.50.3 answers only with the configured api-key; earlier releases are open.
        if (
          sim.config.version === '2.50' &&
          sim.config.apiKey !== undefined &&
          call.request.headers['api-key'] !== sim.config.apiKey
        ) {
          throw plainError(401, 'Unauthorized: Invalid API Key');
        }
        return {
          platform: process.platform,
          version: VERSIONS[sim.config.version],
          build: 'development',
          arch: process.arch,
          timezone: 'UTC',
          tokenTTL: sim.config.tokenTtlSeconds,
          skipOldPasswordForUserModify: false,
          captcha: { login: false, forgotPassword: false, resetPasswordQuestions: false },
          demoInstance: { enabled: false },
          duplicate: {
            disableCaseDuplicateCheck: false,
            disableContactDuplicateCheck: false,
            disableContactOfContactDuplicateCheck: false,
            executeCheckOnlyOnDuplicateDataChange: false,
          },
        };
      },
    },
    {
      method: 'GET',
      url: '/api/system-settings/model-definition',
      access: { kind: 'public' },
      handler: (call) => {
        const model = typeof call.query.model === 'string' ? call.query.model : '';
        const spec = MODELS[model] ?? SUB_MODELS[model];
        if (!spec) {
          throw apiError('INTERNAL_ERROR', {
            error: `Invalid model type: ${model}. Supported options: ${KNOWN_MODELS.join(', ')}`,
          });
        }
        return describeModel(spec);
      },
    },
    {
      method: 'GET',
      url: '/api/system-settings/created-on',
      access: { kind: 'public' },
      handler: () =>
        ['WEB', 'API', 'MOBILE', 'SYNC', 'IMPORT', 'BULK', 'MERGE'].map((id) => ({
          id,
          name: `LNG_PLATFORM_LABEL_${id}`,
        })),
    },
    {
      method: 'POST',
      url: '/api/system-settings/generate-unique-id',
      access: { kind: 'authenticated' },
      handler: () => ({ uuid: randomUUID() }),
    },
  ];
}
