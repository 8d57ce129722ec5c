import { validationError, type FieldError } from '../errors.js';
import type { GoDataVersion } from '../options.js';
import { modelPlan } from './plan.js';
import type { FieldSpec } from './schema.js';

/** juggler's `blank`: undefined, null, '', [] and NaN all fail `presence`. */
export function isBlank(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === '' ||
    (Array.isArray(value) && value.length === 0) ||
    (typeof value === 'number' && Number.isNaN(value))
  );
}

export function isRequired(field: FieldSpec, version: GoDataVersion): boolean {
  return field.required === 'always' || (field.required === '2.48' && version === '2.48');
}

export interface ValidationInput {
  model: string;
  version: GoDataVersion;
  doc: Record<string, unknown>;
  invalidDates?: readonly string[];
  /** Further errors (format, uniqueness…) that LoopBack reports after the property validators. */
  extra?: FieldError[];
}

/** Property validators in declaration order (presence, then date), then the extra ones; throws a ValidationError. */
export function collectErrors(input: ValidationInput): FieldError[] {
  const errors: FieldError[] = [];
  const invalid = input.invalidDates ?? [];
  for (const [name, field] of modelPlan(input.model).entries) {
    if (field.required && isRequired(field, input.version) && isBlank(input.doc[name])) {
      errors.push({ field: name, code: 'presence', message: "can't be blank", value: input.doc[name] });
    }
    if (invalid.length > 0 && invalid.includes(name)) {
      errors.push({ field: name, code: 'date', message: 'is not a valid date', value: new Date(Number.NaN) });
    }
  }
  errors.push(...(input.extra ?? []));
  return errors;
}

export function assertValid(input: ValidationInput): void {
  const errors = collectErrors(input);
  if (errors.length > 0) throw validationError(input.model, errors);
}

export function uniquenessError(field: string, value: unknown): FieldError {
  return { field, code: 'uniqueness', message: 'is not unique', value };
}
