import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorBody, Envelope } from '../../../src/contract/envelope';

export type Loaded<T> = { phase: 'loading' } | { phase: 'ready'; data: T } | { phase: 'failed'; error: ErrorBody };

/**
 * Runs `load` once it is not null, and again whenever `key` changes; `reload` runs it again. Stale
 * replies are dropped.
 */
export function useResolver<T>(load: (() => Promise<Envelope<T>>) | null, key: string): [Loaded<T>, () => void] {
  const [state, setState] = useState<Loaded<T>>({ phase: 'loading' });
  const [generation, setGeneration] = useState(0);
  // `load` is a new closure every render; `key` says when its inputs changed.
  const latestLoad = useRef(load);
  latestLoad.current = load;
  // A load that becomes available (the context arrived) runs even when the key stays the same.
  const ready = load !== null;
  useEffect(() => {
    const run = latestLoad.current;
    if (run === null) return;
    let current = true;
    setState((previous) => (previous.phase === 'ready' ? previous : { phase: 'loading' }));
    void run().then((reply) => {
      if (!current) return;
      setState(reply.ok ? { phase: 'ready', data: reply.data } : { phase: 'failed', error: reply.error });
    });
    return () => {
      current = false;
    };
  }, [key, generation, ready]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return [state, reload];
}

/** Errors that say the service is unwell rather than that the request or the data was wrong. */
export function isDegraded(error: ErrorBody): boolean {
  return error.code === 'transient' || error.code === 'unavailable';
}
