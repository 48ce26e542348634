import { useEffect, useRef, useState } from 'react';
import type { ExportDto } from '../../../electron/ipc/archivist.contract';
import type { AppError } from '../bridge/bridge';
import { useBridge } from '../bridge/bridge.context';

/** How often a running export is asked for its progress. */
export const EXPORT_POLL_MS = 500;

const finished = (e: ExportDto) => e.state === 'done' || e.state === 'failed';

interface Polled {
  id: number;
  exp: ExportDto | null;
  error: AppError | undefined;
}

/**
 * Follows one export: archivist.exportGet every EXPORT_POLL_MS until it is done or failed.
 * `initial` is what exportStart (or the list) answered, shown until the first poll.
 */
export function useExportProgress(initial: ExportDto | null, onFinished?: (e: ExportDto) => void): { current: ExportDto | null; error: AppError | undefined } {
  const bridge = useBridge();
  const [polled, setPolled] = useState<Polled | null>(null);
  const id = initial?.id ?? null;
  // read at poll time, so a new object for the same export (the list refreshed) does not restart polling
  const latest = useRef({ initial, onFinished });
  useEffect(() => {
    latest.current = { initial, onFinished };
  });

  useEffect(() => {
    const start = latest.current.initial;
    if (id === null || !start || finished(start)) return;
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const result = await bridge.invoke('archivist.exportGet', { id }).catch((cause: unknown) => ({
        ok: false as const,
        error: { code: 'internal', message: cause instanceof Error ? cause.message : String(cause) },
      }));
      if (!alive) return;
      if (result.ok) {
        setPolled({ id, exp: result.value, error: undefined });
        if (finished(result.value)) {
          latest.current.onFinished?.(result.value);
          return;
        }
      } else {
        // a hiccup: say so, keep the last progress and keep asking
        setPolled((p) => ({ id, exp: p?.id === id ? p.exp : null, error: result.error }));
      }
      timer = setTimeout(() => void poll(), EXPORT_POLL_MS);
    };
    timer = setTimeout(() => void poll(), EXPORT_POLL_MS);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [bridge, id]);

  const mine = polled && polled.id === id ? polled : null;
  return { current: mine?.exp ?? initial, error: mine?.error };
}
