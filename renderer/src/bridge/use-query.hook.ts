import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChannelInput, ChannelName, ChannelOutput, EventName } from '../../../electron/ipc/contract';
import type { AppError } from '../../../electron/ipc/result';
import { useBridge } from './bridge.context';
import { failureOf, useHubRefresh } from './use-hub-refresh.hook';

const NO_EVENTS: readonly EventName[] = [];

export interface QueryOptions {
  /** Refetch when any of these hub events arrive. */
  refreshOn?: readonly EventName[];
  debounceMs?: number;
}

export interface QueryState<T> {
  data: T | undefined;
  error: AppError | undefined;
  loading: boolean;
  reload: () => void;
}

interface Snapshot {
  key: string;
  data: unknown;
  error: AppError | undefined;
  loading: boolean;
}

/**
 * Reads one channel and keeps it fresh. Data always belongs to the current input (it is
 * cleared when the input changes), but survives refetches so live updates do not flicker.
 */
export function useQuery<C extends ChannelName>(
  channel: C,
  input: ChannelInput<C>,
  options: QueryOptions = {},
): QueryState<ChannelOutput<C>> {
  const bridge = useBridge();
  const key = `${channel}:${JSON.stringify(input ?? null)}`;
  const debounceMs = options.debounceMs ?? 150;
  const [snapshot, setSnapshot] = useState<Snapshot>({ key, data: undefined, error: undefined, loading: true });
  const seq = useRef(0);
  const alive = useRef(true);

  // State is only set when the answer arrives; a new key shows as loading because the
  // snapshot still belongs to the old one.
  const fetchNow = useCallback(() => {
    const id = ++seq.current;
    const parsedInput = JSON.parse(key.slice(channel.length + 1)) as ChannelInput<C>;
    const settle = (data: unknown, error: AppError | undefined) => {
      if (!alive.current || id !== seq.current) return; // a newer request owns the state
      // On failure keep the last good data for this key, so a hiccup does not blank the screen.
      setSnapshot((s) => ({ key, loading: false, error, data: data === undefined && s.key === key ? s.data : data }));
    };
    bridge.invoke(channel, parsedInput).then(
      (result) => (result.ok ? settle(result.value, undefined) : settle(undefined, result.error)),
      (cause: unknown) =>
        settle(undefined, failureOf(cause)),
    );
  }, [bridge, channel, key]);
  const reload = useCallback(() => {
    setSnapshot((s) => (s.key === key ? { ...s, loading: true } : s));
    fetchNow();
  }, [fetchNow, key]);

  useEffect(() => {
    alive.current = true;
    fetchNow();
    return () => {
      alive.current = false;
    };
  }, [fetchNow]);

  useHubRefresh(options.refreshOn ?? NO_EVENTS, reload, debounceMs);

  const current = snapshot.key === key;
  return {
    data: current ? (snapshot.data as ChannelOutput<C> | undefined) : undefined,
    error: current ? snapshot.error : undefined,
    loading: current ? snapshot.loading : true,
    reload,
  };
}
