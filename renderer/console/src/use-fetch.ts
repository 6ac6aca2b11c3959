import { useEffect, useState } from 'react';
import { api, errorText } from './api.ts';

interface Loaded<T> {
  key: string;
  data: T | null;
  error: string | null;
}

/**
 * Loads a GET endpoint whenever `path` changes; `reload()` asks again. The last answer stays
 * on screen while the next one loads.
 */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- T names what the endpoint returns
export function useFetch<T>(path: string | null): {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload: () => void;
} {
  const [tick, setTick] = useState(0);
  const [loaded, setLoaded] = useState<Loaded<T>>({ key: '', data: null, error: null });
  const key = `${tick}:${path ?? ''}`;
  useEffect(() => {
    if (path === null) return;
    let current = true;
    api<T>(path).then(
      (value) => {
        if (current) setLoaded({ key, data: value, error: null });
      },
      (failure: unknown) => {
        if (current) setLoaded((prev) => ({ key, data: prev.data, error: errorText(failure) }));
      },
    );
    return () => {
      current = false;
    };
  }, [path, key]);
  return {
    data: loaded.data,
    error: loaded.error,
    loading: path !== null && loaded.key !== key,
    reload: () => setTick((n) => n + 1),
  };
}
