export {
  HttpClient,
  type HttpClientOptions,
  type HttpRequest,
  type HttpResponse,
  type RetryInfo,
} from './client.js';
export { HttpError, isCancelled, TRANSIENT_STATUSES, type HttpFailureKind } from './errors.js';
export { DEFAULT_RETRY_POLICY, nextRetryDelay, parseRetryAfter, sleep, type RetryPolicy } from './retry.js';
