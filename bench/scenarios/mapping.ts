import { createDemoDataset, startDhis2Simulator } from '../../simulators/dhis2/index.js';
import { DEMO_CREDENTIALS } from '../../simulators/demo.js';
import { Dhis2Client, type Event, type TrackedEntity } from '../../main/dhis2/index.js';
import {
  caseLinksOfContact,
  covid19DefaultMapping,
  createMappingContext,
  goDataRulesFor,
  hasErrors,
  mapCase,
  mapContact,
  mapContactRelationship,
  mapEvent,
  validateForGoData,
  type MappingContext,
  type OutbreakGroup,
} from '../../main/mapping/index.js';
import { payloadHash } from '../../main/pipeline/hash.js';
import { programsOf } from '../../main/pipeline/session.js';
import { enrollmentIn } from '../../main/pipeline/tracker-walk.js';
import { round, seconds, type BenchSettings, type ScenarioResult } from '../scenario.js';

export const MAPPING_DEFAULT_RECORDS = 60_000;
/** Distinct generated records to map (cycled to reach the record count): enough variety, little reading. */
const POOL = { cases: 2_000, contacts: 2_000, events: 1_000 } as const;

interface Pool {
  cases: TrackedEntity[];
  contacts: TrackedEntity[];
  events: Event[];
}

async function readPool(
  settings: BenchSettings,
): Promise<{ pool: Pool; context: MappingContext; group: OutbreakGroup }> {
  const mapping = covid19DefaultMapping();
  const group = mapping.outbreaks[0];
  if (!group) throw new Error('the default mapping has no outbreak group');
  const sim = await startDhis2Simulator({
    port: 0,
    version: settings.dhis2Version,
    dataset: createDemoDataset({ ...POOL, seed: settings.seed }),
    seed: settings.seed,
  });
  try {
    const client = new Dhis2Client({ baseUrl: sim.url, auth: { type: 'basic', ...DEMO_CREDENTIALS.dhis2 } });
    const pool: Pool = { cases: [], contacts: [], events: [] };
    for (const program of group.casePrograms)
      for await (const page of client.trackedEntities({ program })) pool.cases.push(...page);
    for (const program of group.contactPrograms)
      for await (const page of client.trackedEntities({ program })) pool.contacts.push(...page);
    for (const program of group.eventPrograms)
      for await (const page of client.events({ program })) pool.events.push(...page);
    const metadata = await client.readMetadata(programsOf(mapping));
    // Locations keep their DHIS2 uids as Go.Data ids, so every org unit resolves to itself.
    const context = createMappingContext({
      metadata,
      resolveLocation: (ou) => ou,
      orgUnitGeometry: () => undefined,
      referenceDate: new Date(),
    });
    return { pool, context, group };
  } finally {
    await sim.close();
  }
}

/** Maps and validates one record the way its stage does; returns the document the stage would hash and send. */
type MapOne = (i: number) => { document: unknown; failed: boolean };

function mappers(
  pool: Pool,
  context: MappingContext,
  group: OutbreakGroup,
  rules: ReturnType<typeof goDataRulesFor>,
) {
  const person = (kind: 'case' | 'contact', list: TrackedEntity[], programs: string[]): MapOne => {
    const program = programs[0] ?? '';
    return (i) => {
      const te = list[i % list.length];
      const enrollment = te && enrollmentIn(te, program);
      if (!te || !enrollment) return { document: undefined, failed: true };
      const mapped =
        kind === 'case'
          ? mapCase(te, enrollment, group, context)
          : mapContact(te, enrollment, group, context);
      const issues = [
        ...mapped.issues,
        ...validateForGoData(
          kind,
          { ...mapped.document, id: te.trackedEntity },
          { version: rules, sources: mapped.sources },
        ),
      ];
      if (kind === 'contact') {
        for (const link of caseLinksOfContact(te, group.contactRelationshipType ?? '')) {
          const rel = mapContactRelationship(te, enrollment, link.relationship, group, context);
          issues.push(
            ...rel.issues,
            ...validateForGoData('relationship', rel.document, { version: rules, sources: rel.sources }),
          );
        }
      }
      return { document: mapped.document, failed: hasErrors(issues) };
    };
  };
  const event: MapOne = (i) => {
    const e = pool.events[i % pool.events.length];
    if (!e) return { document: undefined, failed: true };
    const mapped = mapEvent(e, group, context);
    const issues = [
      ...mapped.issues,
      ...validateForGoData(
        'event',
        { ...mapped.document, id: e.event },
        { version: rules, sources: mapped.sources },
      ),
    ];
    return { document: mapped.document, failed: hasErrors(issues) };
  };
  return {
    case: person('case', pool.cases, group.casePrograms),
    contact: person('contact', pool.contacts, group.contactPrograms),
    event,
  };
}

/**
 * Mapping + Go.Data validation throughput of the default COVID-19 mapping, in-process and without I/O: generated
 * records are read once from an in-process DHIS2 simulator, then mapped and validated (contacts with their
 * relationships) in a loop. Hashing the mapped document (what decides "unchanged") is timed separately.
 */
export async function mappingScenario(settings: BenchSettings): Promise<ScenarioResult> {
  const records = settings.cases ?? MAPPING_DEFAULT_RECORDS;
  settings.log(`mapping: reading a pool of generated records`);
  const { pool, context, group } = await readPool(settings);
  const rules = goDataRulesFor(settings.godataVersion);
  const map = mappers(pool, context, group, rules);
  const perKind = Math.ceil(records / 3);
  const detail: Array<Record<string, number | string>> = [];
  const metrics: Record<string, number> = {};
  let total = 0;
  let totalSeconds = 0;
  let failed = 0;
  const documents: unknown[] = [];
  for (const kind of ['case', 'contact', 'event'] as const) {
    // Warm-up outside the clock, so the figure is the steady state rather than V8's first compilation.
    for (let i = 0; i < 500; i++) map[kind](i);
    settings.log(`mapping: ${perKind} ${kind} records`);
    const started = process.hrtime.bigint();
    for (let i = 0; i < perKind; i++) {
      const result = map[kind](i);
      if (result.failed) failed++;
      if (i < 2_000) documents.push(result.document);
    }
    const s = seconds(started);
    total += perKind;
    totalSeconds += s;
    metrics[`${kind}_records_per_s`] = round(perKind / s, 0);
    detail.push({ kind, records: perKind, seconds: round(s, 2), records_per_s: round(perKind / s, 0) });
  }
  const hashStarted = process.hrtime.bigint();
  const hashRounds = Math.max(1, Math.floor(records / documents.length));
  for (let r = 0; r < hashRounds; r++)
    for (const document of documents) payloadHash({ outbreakId: 'bench', document });
  const hashSeconds = seconds(hashStarted);
  return {
    scenario: 'mapping',
    params: {
      records: total,
      pool: `${pool.cases.length} cases, ${pool.contacts.length} contacts, ${pool.events.length} events`,
      godata: settings.godataVersion,
    },
    metrics: {
      records_per_s: round(total / totalSeconds, 0),
      ...metrics,
      failed_share: round(failed / total, 3),
      hash_per_s: round((hashRounds * documents.length) / hashSeconds, 0),
    },
    detail,
    notes: [
      'records_per_s: map + validate (contacts include their case relationships); hash_per_s: payloadHash alone.',
    ],
  };
}
