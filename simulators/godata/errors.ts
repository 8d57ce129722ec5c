/**
 * Go.Data's error envelope (server/config/apiErrors.json + strong-error-handler 4 with safeFields
 * code/message/details): 4xx carry statusCode, name, message, code?, details?; 5xx drop `name`.
 */

import { str } from './text.js';

export interface ErrorBody {
  name?: string;
  message: string;
  code?: string;
  details?: unknown;
}

export class HttpError extends Error {
  readonly statusCode: number;
  readonly body: ErrorBody;
  /**
   * How the underlying error object serialises when Go.Data embeds it in another error's details (bulk routes):
   * own enumerable properties only — a plain `new Error()` shows just its statusCode/code.
   */
  readonly embedded: Record<string, unknown>;
  constructor(statusCode: number, body: ErrorBody, embedded?: Record<string, unknown>) {
    super(body.message);
    this.statusCode = statusCode;
    this.body = body;
    this.embedded = embedded ?? { statusCode, code: body.code };
  }
}

/** The JSON of an error as it appears inside `details.failed[].error`. */
export function embeddedError(error: unknown): Record<string, unknown> {
  if (error instanceof HttpError)
    return JSON.parse(JSON.stringify(error.embedded)) as Record<string, unknown>;
  return {};
}

const API_ERRORS = {
  MODEL_IN_USE: [422, 'Model `<%= model %>` id `<%= id %>` is in use.'],
  DELETE_ACTIVE_OUTBREAK: [
    422,
    'The outbreak (id: `<%= id %>`) is active for at least another user. Cannot delete an active outbreak.',
  ],
  MODEL_NOT_FOUND: [404, 'Unknown `<%= model %>` id `<%= id %>`'],
  MODEL_NOT_FOUND_IN_CONTEXT: [
    404,
    'Unknown `<%= model %>` id `<%= id %>` in context of `<%= contextModel %>` id `<%= contextId %>`',
  ],
  MODEL_CONFLICT: [409, 'Model with id `<%= id %>` already exists'],
  INTERNAL_ERROR: [500, 'Internal error: `<%= error %>`'],
  VALIDATION_ERROR: [422, 'The `<%= model %>` instance is not valid. Details: <%= details %>'],
  MISSING_REQUIRED_PERMISSION: [
    403,
    'Logged in user must have (at least) one of the following permissions to access this endpoint: <%= permissions %>.',
  ],
  ACCESS_DENIED: [403, "Logged in user doesn't have access this endpoint: <%= accessErrors %>."],
  AUTHORIZATION_REQUIRED: [401, 'Authorization Required'],
  MODEL_NOT_EDITABLE: [422, 'Model `<%= model %>` id `<%= id %>` is not editable (read-only).'],
  MODEL_IDENTIFIERS_ARE_NOT_UNIQUE_IN_CONTEXT: [
    400,
    'The `<%= model %>` is invalid. Details: <%= details %>',
  ],
  DEACTIVATE_PARENT_MODEL: [
    400,
    'This `<%= model %>` still has sub models that are active. Please make sure to deactivate all child models before deactivating a parent model.',
  ],
  DUPLICATE_VISUAL_ID: [409, 'The visual identifier `<%= id %>` is not unique.'],
  INVALID_CONTENT_OF_TYPE: [422, 'Invalid <%= contentType %> content: <%= details%>'],
  IMPORT_PARTIAL_SUCCESS_WITH_DETAILS: [422, 'Pre-validation failed'],
  DELETE_CONTACT_LAST_RELATIONSHIP: [
    422,
    "Cannot delete the last relationship exposure because the person with ID <%= contactIDs %> doesn't have an additional relationship exposure.",
  ],
  INVALID_RELATIONSHIP_WITH_DISCARDED_CASE: [
    422,
    'Cannot create/modify relationships with discarded cases (case id: `<%= id %>` )',
  ],
  INVALID_VISUAL_ID_MASK: [
    422,
    'Provided Visual ID template `<%= visualIdTemplate %>` does not match Visual ID mask set on outbreak level `<%= outbreakVisualIdMask %>`',
  ],
  CONTACT_AND_RELATIONSHIP_REQUIRED: [
    422,
    'Both contact and relationship are required when creating a contact',
  ],
  MULTIPLE_CONTACTS_CREATION_PARTIAL_SUCCESS: [
    422,
    'Multiple contact creation partial Success. Some contact instances failed to be created.',
  ],
  ADDRESS_MUST_HAVE_USUAL_PLACE_OF_RESIDENCE: [422, 'One of the addresses must be set as Current address'],
  ADDRESS_MULTIPLE_USUAL_PLACE_OF_RESIDENCE: [
    422,
    'Multiple addresses set as Current address. Only one address should be set as Current address',
  ],
  ADDRESS_PREVIOUS_PLACE_OF_RESIDENCE_MUST_HAVE_DATE: [
    422,
    'Addresses set as Previous Current address must have a date set',
  ],
  CONTACT_ID_REQUIRED: [422, 'Contact ID is required'],
  MULTIPLE_CONTACTS_UPDATE_PARTIAL_SUCCESS: [
    422,
    'Multiple contacts update partial success. Some contact instances failed to be updated.',
  ],
  ACTIVE_OUTBREAK_NOT_ALLOWED: [422, 'Active outbreak not allowed'],
  ACTION_TEMPORARILY_BLOCKED: [422, 'This action has been blocked temporarily'],
  LOGIN_FAILED: [401, 'login failed'],
  REQUEST_VALIDATION_ERROR: [400, 'Invalid request parameters. Details: <%= errorMessages %>'],
} as const satisfies Record<string, readonly [number, string]>;

export type ApiErrorCode = keyof typeof API_ERRORS;

/** lodash-template interpolation: arrays join with commas, null/undefined print nothing. */
function interpolate(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(interpolate).join(',');
  return str(value);
}

/** Go.Data's `apiError.getError(code, info)`: lodash-template message, `details` = the template parameters. */
export function apiError(code: ApiErrorCode, info?: Record<string, unknown>, statusCode?: number): HttpError {
  const [defaultStatus, pattern] = API_ERRORS[code];
  const message = pattern.replace(/<%=\s*([\w.]+)\s*%>/g, (_m, key: string) => {
    const value = key
      .split('.')
      .reduce<unknown>((acc, part) => (acc as Record<string, unknown> | undefined)?.[part], info);
    return interpolate(value);
  });
  const status = statusCode ?? defaultStatus;
  return new HttpError(
    status,
    { name: 'Error', code, message, details: info },
    { name: 'Error', code, message, statusCode: status, details: info },
  );
}

/** What the internalError middleware does to an error without a status: wrap it as 500 INTERNAL_ERROR. */
export function internalError(
  inner: { code?: unknown; message: string; name?: string },
  embedded?: Record<string, unknown>,
): HttpError {
  const error = { code: inner.code, message: inner.message, name: inner.name };
  const wrapped = apiError('INTERNAL_ERROR', { error });
  return new HttpError(
    wrapped.statusCode,
    wrapped.body,
    embedded ?? { code: inner.code, message: inner.message },
  );
}

/** A plain LoopBack/strong-remoting error: `name: "Error"`, an optional code, no details. */
export function plainError(statusCode: number, message: string, code?: string): HttpError {
  return new HttpError(statusCode, { name: 'Error', message, code });
}

export interface FieldError {
  field: string;
  code: string;
  message: string;
  value: unknown;
}

function formatValue(value: unknown): string {
  const truncate = (s: string): string => {
    const max = 32;
    if (s.length <= max) return s;
    const tail = /([ \t})\]]+)$/.exec(s)?.[1]?.slice(-3) ?? s.slice(-3);
    return `${s.slice(0, max - tail.length - 4)}...${tail}`;
  };
  if (typeof value === 'string') return JSON.stringify(truncate(value));
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (value !== null && typeof value === 'object') return truncate(JSON.stringify(value));
  return truncate(String(value));
}

/** LoopBack (juggler 3) ValidationError: 422, `name: "ValidationError"`, no `code`. */
export function validationError(model: string, errors: FieldError[]): HttpError {
  const codes: Record<string, string[]> = {};
  const messages: Record<string, string[]> = {};
  for (const e of errors) {
    (codes[e.field] ??= []).push(e.code);
    (messages[e.field] ??= []).push(e.message);
  }
  const text = errors.map((e) => `\`${e.field}\` ${e.message} (value: ${formatValue(e.value)})`).join('; ');
  const body = {
    name: 'ValidationError',
    message: `The \`${model}\` instance is not valid. Details: ${text}.`,
    details: { context: model, codes, messages },
  };
  return new HttpError(422, body, {
    name: body.name,
    message: body.message,
    statusCode: 422,
    details: body.details,
  });
}

/** Serialises an error the way strong-error-handler does (key order included). */
export function renderError(error: HttpError): {
  statusCode: number;
  payload: { error: Record<string, unknown> };
} {
  const { statusCode, body } = error;
  const out: Record<string, unknown> = { statusCode };
  if (statusCode < 500) out.name = body.name ?? 'Error';
  out.message = body.message;
  if (body.code !== undefined) out.code = body.code;
  if (body.details !== undefined) out.details = body.details;
  return { statusCode, payload: { error: JSON.parse(JSON.stringify(out)) as Record<string, unknown> } };
}

/** MongoDB's duplicate `_id` on insert, as Go.Data surfaces it (not a BulkWriteError → 500 INTERNAL_ERROR). */
export function duplicateKeyError(collection: string, id: string): HttpError {
  return internalError(
    {
      code: 11000,
      message: `E11000 duplicate key error collection: go-data.${collection} index: _id_ dup key: { _id: "${id}" }`,
      name: 'MongoServerError',
    },
    { index: 0, code: 11000, keyPattern: { _id: 1 }, keyValue: { _id: id } },
  );
}
