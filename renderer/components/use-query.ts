import { useCallback, useEffect, useRef, useState } from 'react';
import type { Result } from '../../shared/result.js';
import type { Loadable } from '../state/loadable.js';

interface Landed<T> {
  token: string;
  result: Result<T>;
  lastGood: T | undefined;
}

/**
 * Fetches a list that lives in main's database when it is shown (never copied into a store). `key` names what
 * is asked for (null: nothing to ask yet); a new key or `reload()` asks again, keeping the last value meanwhile.
 */
export function useQuery<T>(
  key: string | null,
  load: () => Promise<Result<T>>,
): { data: Loadable<T>; reload: () => void } {
  const [version, setVersion] = useState(0);
  const [landed, setLanded] = useState<Landed<T> | undefined>(undefined);
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });
  const token = key === null ? null : `${key}#${version}`;

  useEffect(() => {
    if (token === null) return;
    let current = true;
    void loadRef.current().then((result) => {
      if (!current) return;
      setLanded((before) => ({ token, result, lastGood: result.ok ? result.value : before?.lastGood }));
    });
    return () => {
      current = false;
    };
  }, [token]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data: toLoadable(token, landed), reload };
}

function toLoadable<T>(token: string | null, landed: Landed<T> | undefined): Loadable<T> {
  if (token === null) return { status: 'idle' };
  if (landed?.token === token) {
    if (landed.result.ok) return { status: 'loaded', value: landed.result.value };
    return landed.lastGood === undefined
      ? { status: 'failed', error: landed.result.error }
      : { status: 'failed', error: landed.result.error, value: landed.lastGood };
  }
  return landed?.lastGood === undefined
    ? { status: 'loading' }
    : { status: 'loading', value: landed.lastGood };
}
