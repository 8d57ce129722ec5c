import { describe, expect, it } from 'vitest';
import type { ConnectionView } from '../../shared/connections.js';
import { settle, useConnections } from './connections.js';
import { loaded } from './loadable.js';

const before: ConnectionView = {
  id: 'godata',
  url: 'https://godata.example.org',
  authKind: 'basic',
  username: 'me@who.int',
  hasSecret: false,
};

describe('connection drafts', () => {
  it('keep what was typed, secret included, until a save settles it', () => {
    const typed = {
      url: 'https://godata.example.org/api',
      authKind: 'basic',
      username: 'me@who.int',
      secret: 'pw',
    } as const;
    useConnections.setState({ connections: loaded([before]), drafts: {}, testFailed: { godata: true } });
    useConnections.getState().setDraft('godata', typed);
    // Moving to another step unmounts the form; the store is what it comes back to.
    expect(useConnections.getState().drafts.godata).toEqual(typed);

    const saved = { ...before, url: typed.url, hasSecret: true };
    settle('godata', { clearDraft: true, testFailed: false, view: saved });
    const state = useConnections.getState();
    expect(state.drafts.godata).toBeUndefined();
    expect(state.testFailed.godata).toBe(false);
    expect(state.connections).toEqual(loaded([saved]));
  });

  it('remember a failed test without touching the draft', () => {
    const typed = { url: 'x', authKind: 'basic', username: '', secret: '' } as const;
    useConnections.setState({ connections: loaded([before]), drafts: { godata: typed }, testFailed: {} });
    settle('godata', { testFailed: true });
    expect(useConnections.getState().testFailed.godata).toBe(true);
    expect(useConnections.getState().drafts.godata).toEqual(typed);
    expect(useConnections.getState().connections).toEqual(loaded([before]));
  });
});
