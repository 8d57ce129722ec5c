import type { AuthKind, ConnectionId, ConnectionView } from '../../../shared/connections.js';
import type { RequestOf } from '../../../shared/contract.js';
import type { AppErrorShape } from '../../../shared/result.js';

/** What the Connect form edits. The secret starts empty: main never sends it back. */
export interface ConnectionForm {
  url: string;
  authKind: AuthKind;
  username: string;
  secret: string;
}

export const FORM_FIELDS = [
  'url',
  'authKind',
  'username',
  'secret',
] as const satisfies readonly (keyof ConnectionForm)[];
export type FormField = (typeof FORM_FIELDS)[number];

export const SERVER_NAME: Readonly<Record<ConnectionId, string>> = { dhis2: 'DHIS2', godata: 'Go.Data' };

export function formFromView(view: ConnectionView | undefined): ConnectionForm {
  return {
    url: view?.url ?? '',
    authKind: view?.authKind ?? 'basic',
    username: view?.username ?? '',
    secret: '',
  };
}

/** The save request: an empty secret is left out so main keeps the stored one; tokens need no username. */
export function toSaveRequest(id: ConnectionId, form: ConnectionForm): RequestOf<'connections.save'> {
  const authKind: AuthKind = id === 'godata' ? 'basic' : form.authKind;
  return {
    id,
    url: form.url.trim(),
    authKind,
    ...(authKind === 'basic' ? { username: form.username.trim() } : {}),
    ...(form.secret ? { secret: form.secret } : {}),
  };
}

/** Whether `form` is still what `saved` was built from (the user typed nothing more while it was saving). */
export function isSavedForm(
  id: ConnectionId,
  form: ConnectionForm,
  saved: RequestOf<'connections.save'>,
): boolean {
  const now = toSaveRequest(id, form);
  return (
    now.url === saved.url &&
    now.authKind === saved.authKind &&
    now.username === saved.username &&
    now.secret === saved.secret
  );
}

/** Whether the form differs from what main has stored (a typed secret always counts as a change). */
export function isChanged(form: ConnectionForm, view: ConnectionView | undefined): boolean {
  const stored = formFromView(view);
  return (
    form.secret !== '' ||
    form.url.trim() !== stored.url ||
    form.authKind !== stored.authKind ||
    (form.authKind === 'basic' && form.username.trim() !== stored.username)
  );
}

/** Field problems that belong under an input; the rest stay in the error alert. */
export function fieldErrors(error: AppErrorShape | undefined): Partial<Record<FormField, string>> {
  const out: Partial<Record<FormField, string>> = {};
  for (const [path, message] of Object.entries(error?.fields ?? {})) {
    const field = FORM_FIELDS.find((f) => path === f);
    if (field) out[field] = message;
  }
  return out;
}

export function labels(
  id: ConnectionId,
  authKind: AuthKind,
): { url: string; username: string; secret: string } {
  const isToken = id === 'dhis2' && authKind === 'token';
  return {
    url: `${SERVER_NAME[id]} URL`,
    username: id === 'godata' ? 'Email' : 'Username',
    secret: isToken ? 'Personal access token' : 'Password',
  };
}

/** The line under a card's heading: whether the settings are saved and how their last test went. */
export function statusLine(
  view: Pick<ConnectionView, 'lastTestedAt' | 'serverVersion'> | undefined,
  lastTestFailed: boolean,
  formatDate: (iso: string) => string,
): string {
  if (!view) return 'Not saved yet.';
  // Main records only tests that passed; a failed one is known from the answer this session got.
  if (lastTestFailed) return 'Saved. Last test failed.';
  if (!view.lastTestedAt) return 'Saved, not tested yet.';
  const version = view.serverVersion ? `, server version ${view.serverVersion}` : '';
  return `Saved. Last tested ${formatDate(view.lastTestedAt)}${version}.`;
}

/** "A password is stored" / "A token is stored" — the renderer only ever learns that one exists. */
export function storedSecretText(id: ConnectionId, view: ConnectionView | undefined): string | undefined {
  if (!view?.hasSecret) return undefined;
  return id === 'dhis2' && view.authKind === 'token' ? 'A token is stored.' : 'A password is stored.';
}
