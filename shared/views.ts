import { z } from 'zod';
import { MappingConfigSchema } from './mapping.js';

/** What the wizard shows after pulling DHIS2 metadata (the full metadata stays in main's cache). */
export const MetadataSummarySchema = z.object({
  sourceUrl: z.string(),
  serverVersion: z.string(),
  fetchedAt: z.string(),
  orgUnits: z.number().int(),
  orgUnitLevels: z.array(z.object({ level: z.number().int(), name: z.string() })),
  programs: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      programType: z.enum(['WITH_REGISTRATION', 'WITHOUT_REGISTRATION']),
      attributes: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          valueType: z.string(),
          optionSetId: z.string().optional(),
        }),
      ),
      stages: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          dataElements: z.array(
            z.object({
              id: z.string(),
              name: z.string(),
              valueType: z.string(),
              optionSetId: z.string().optional(),
            }),
          ),
        }),
      ),
    }),
  ),
  optionSets: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      options: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
    }),
  ),
  relationshipTypes: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type MetadataSummary = z.infer<typeof MetadataSummarySchema>;

/** A problem found when checking a mapping against the pulled metadata (unknown uid, unmatched option …). */
export const MappingProblemSchema = z.object({
  path: z.string(),
  message: z.string(),
  severity: z.enum(['error', 'warning']),
});
export type MappingProblem = z.infer<typeof MappingProblemSchema>;

export const MappingStateSchema = z.object({
  config: MappingConfigSchema,
  isDefault: z.boolean(),
  updatedAt: z.string().optional(),
  problems: z.array(MappingProblemSchema),
});
export type MappingState = z.infer<typeof MappingStateSchema>;

export const SaveMappingSchema = z.object({ config: z.unknown() }).strict();

const DriftUnitSchema = z.object({ uid: z.string(), name: z.string(), path: z.string() });
/** How the DHIS2 org-unit tree moved away from what was mirrored into Go.Data. */
export const DriftReportSchema = z.object({
  checkedAt: z.string(),
  mirrored: z.number().int(),
  added: z.array(DriftUnitSchema),
  renamed: z.array(DriftUnitSchema.extend({ from: z.string() })),
  moved: z.array(DriftUnitSchema.extend({ fromPath: z.string() })),
  closed: z.array(DriftUnitSchema),
  removed: z.array(DriftUnitSchema),
});
export type DriftReport = z.infer<typeof DriftReportSchema>;
