import { DEFAULT_RETRY_POLICY, HttpClient, type RetryInfo, type RetryPolicy } from '../http/index.js';
import { ActiveOutbreak } from './active-outbreak.js';
import { testConnection, type GoDataConnectionInfo } from './connection.js';
import { ContactsApi } from './contacts.js';
import type { GoDataContext } from './context.js';
import { LocationsApi } from './locations.js';
import { OutbreaksApi } from './outbreaks.js';
import { PersonsApi } from './persons.js';
import { KeyedQueue } from './queue.js';
import { ReferenceDataApi } from './reference-data.js';
import { RelationshipsApi } from './relationships.js';
import { GoDataSession, type GoDataCredentials, type GoDataSessionEvent } from './session.js';

export interface GoDataClientOptions {
  /** Server root, e.g. `https://godata.example.org` (the client adds `/api/…`). */
  baseUrl: string;
  /** Given by the caller, who owns the keychain; kept in memory for token renewal only. */
  credentials: GoDataCredentials;
  /** Value for the `api-key` header of the version route (Go.Data 2.50.3+); optional. */
  apiKey?: string;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Extra PEM certificate authorities to trust. */
  ca?: string | string[];
  onRetry?: (info: RetryInfo) => void;
  onEvent?: (event: GoDataSessionEvent) => void;
}

/**
 * The Go.Data client: one session (login, token renewal), typed errors, and the reads and writes the stages
 * need, grouped by resource. All methods take an optional AbortSignal last.
 */
export class GoDataClient {
  readonly locations: LocationsApi;
  readonly outbreaks: OutbreaksApi;
  readonly persons: PersonsApi;
  readonly relationships: RelationshipsApi;
  readonly contacts: ContactsApi;
  readonly referenceData: ReferenceDataApi;
  private readonly session: GoDataSession;
  private readonly activeOutbreak: ActiveOutbreak;
  private readonly apiKey?: string;

  constructor(options: GoDataClientOptions) {
    const retryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    const http = new HttpClient({
      baseUrl: options.baseUrl,
      server: 'Go.Data',
      concurrency: options.concurrency,
      timeoutMs: options.timeoutMs,
      retry: retryPolicy,
      ca: options.ca,
      onRetry: options.onRetry,
    });
    this.session = new GoDataSession(http, options.credentials, options.onEvent);
    this.activeOutbreak = new ActiveOutbreak(this.session, options.onEvent);
    this.apiKey = options.apiKey;
    const ctx: GoDataContext = {
      session: this.session,
      activeOutbreak: this.activeOutbreak,
      personQueue: new KeyedQueue(),
      retryPolicy,
    };
    this.locations = new LocationsApi(ctx);
    this.outbreaks = new OutbreaksApi(ctx);
    this.persons = new PersonsApi(ctx);
    this.relationships = new RelationshipsApi(ctx);
    this.contacts = new ContactsApi(ctx, this.relationships);
    this.referenceData = new ReferenceDataApi(ctx);
  }

  /** The logged-in user's id, once logged in. */
  get userId(): string | undefined {
    return this.session.userId;
  }

  /** Logs in unless already logged in; returns the user id. */
  login(signal?: AbortSignal): Promise<string> {
    return this.session.ensureLoggedIn(signal);
  }

  /** Server version (when readable) and the user the credentials belong to. */
  testConnection(signal?: AbortSignal): Promise<GoDataConnectionInfo> {
    return testConnection(this.session, this.apiKey, signal);
  }

  /** Makes the outbreak the user's active one (needed for writes into it); a no-op when it already is. */
  ensureActiveOutbreak(outbreakId: string, signal?: AbortSignal): Promise<void> {
    return this.activeOutbreak.ensure(outbreakId, signal);
  }
}
