import { describe, expect, it } from 'vitest';
import { SaveConnectionSchema, type ConnectionView } from '../../../shared/connections.js';
import {
  fieldErrors,
  formFromView,
  isChanged,
  isSavedForm,
  labels,
  statusLine,
  storedSecretText,
  toSaveRequest,
} from './connection-form.js';

const stored: ConnectionView = {
  id: 'dhis2',
  url: 'https://play.dhis2.org/40',
  authKind: 'basic',
  username: 'admin',
  hasSecret: true,
};

describe('connection form', () => {
  it('starts from the stored connection with an empty secret', () => {
    expect(formFromView(stored)).toEqual({
      url: 'https://play.dhis2.org/40',
      authKind: 'basic',
      username: 'admin',
      secret: '',
    });
    expect(formFromView(undefined)).toEqual({ url: '', authKind: 'basic', username: '', secret: '' });
  });

  it('leaves an empty secret out so main keeps the stored one', () => {
    const request = toSaveRequest('dhis2', { ...formFromView(stored), url: ' https://play.dhis2.org/40 ' });
    expect(request).toEqual({
      id: 'dhis2',
      url: 'https://play.dhis2.org/40',
      authKind: 'basic',
      username: 'admin',
    });
    expect(SaveConnectionSchema.safeParse(request).success).toBe(true);
  });

  it('sends a token without a username, and Go.Data always with email and password', () => {
    expect(
      toSaveRequest('dhis2', {
        url: 'https://x.org',
        authKind: 'token',
        username: 'ignored',
        secret: 'd2pat_abc',
      }),
    ).toEqual({
      id: 'dhis2',
      url: 'https://x.org',
      authKind: 'token',
      secret: 'd2pat_abc',
    });
    expect(
      toSaveRequest('godata', {
        url: 'https://gd.org',
        authKind: 'token',
        username: 'a@who.int',
        secret: 'pw',
      }).authKind,
    ).toBe('basic');
  });

  it('notices changes, and a typed secret is always one', () => {
    expect(isChanged(formFromView(stored), stored)).toBe(false);
    expect(isChanged({ ...formFromView(stored), secret: 'new' }, stored)).toBe(true);
    expect(isChanged({ ...formFromView(stored), username: 'other' }, stored)).toBe(true);
  });

  it('puts main’s field problems under their inputs and leaves the rest for the alert', () => {
    const errors = fieldErrors({
      kind: 'invalid-request',
      message: 'Invalid',
      fields: { url: 'Enter a full address', 'x.y': 'other' },
    });
    expect(errors).toEqual({ url: 'Enter a full address' });
  });

  it('labels the inputs by server and sign-in kind', () => {
    expect(labels('dhis2', 'basic')).toEqual({ url: 'DHIS2 URL', username: 'Username', secret: 'Password' });
    expect(labels('dhis2', 'token').secret).toBe('Personal access token');
    expect(labels('godata', 'basic')).toEqual({ url: 'Go.Data URL', username: 'Email', secret: 'Password' });
  });

  it('says a secret is stored without ever knowing it', () => {
    expect(storedSecretText('dhis2', stored)).toBe('A password is stored.');
    expect(storedSecretText('dhis2', { ...stored, authKind: 'token' })).toBe('A token is stored.');
    expect(storedSecretText('dhis2', { ...stored, hasSecret: false })).toBeUndefined();
  });

  it('tells a failed test apart from one never made', () => {
    const date = (iso: string) => `on ${iso.slice(0, 10)}`;
    expect(statusLine(undefined, false, date)).toBe('Not saved yet.');
    expect(statusLine(stored, false, date)).toBe('Saved, not tested yet.');
    expect(statusLine(stored, true, date)).toBe('Saved. Last test failed.');
    const tested = { ...stored, lastTestedAt: '2026-01-05T10:00:00.000Z', serverVersion: '2.40.3' };
    expect(statusLine(tested, false, date)).toBe('Saved. Last tested on 2026-01-05, server version 2.40.3.');
    expect(statusLine(tested, true, date)).toBe('Saved. Last test failed.');
  });

  it('tells a form saved as it is from one the user kept typing in while it saved', () => {
    const form = {
      url: 'https://dhis2.moh.example ',
      authKind: 'basic',
      username: 'admin',
      secret: 'pw',
    } as const;
    const sent = toSaveRequest('dhis2', form);
    expect(isSavedForm('dhis2', form, sent)).toBe(true);
    expect(isSavedForm('dhis2', { ...form, secret: 'pw2' }, sent)).toBe(false);
    expect(isSavedForm('dhis2', { ...form, username: 'admin2' }, sent)).toBe(false);
    expect(isSavedForm('dhis2', { ...form, url: 'https://dhis2.moh.example/x' }, sent)).toBe(false);
  });
});
