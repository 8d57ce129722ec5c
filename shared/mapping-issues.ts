import { z } from 'zod';

/** Problems found while applying a mapping to one record, or while checking the result against Go.Data. */
// prettier-ignore
export const ISSUE_CODES = [
  // applying a mapping
  'required', 'unmapped_value', 'invalid_value', 'unknown_location', 'source_unavailable',
  // Go.Data rules
  'godata_required', 'godata_recommended', 'unexpected_field', 'wrong_type', 'invalid_date', 'invalid_number',
  'invalid_token', 'wrong_token_category', 'unknown_token', 'invalid_age', 'geo_out_of_range', 'invalid_mask',
  'address_usual_place_missing', 'address_usual_place_multiple', 'address_previous_needs_date',
] as const;

/** A per-record problem; `error` keeps the record from being sent, `warning` is reported only. */
export const MappingIssueSchema = z.object({
  severity: z.enum(['error', 'warning']),
  code: z.enum(ISSUE_CODES),
  /** Go.Data field path. */
  field: z.string(),
  /** The DHIS2 source, e.g. `dataElement ovY6E8BSdto (event …)`. */
  source: z.string().optional(),
  value: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
  message: z.string(),
});
export type MappingIssue = z.infer<typeof MappingIssueSchema>;
export type IssueCode = MappingIssue['code'];
