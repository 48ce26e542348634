import { useCallback, useEffect, useState } from 'react';
import type { ReplyView } from '../../../electron/ipc/replies.contract';
import { useBridge } from '../bridge/bridge.context';
import { useQuery } from '../bridge/use-query.hook';

/**
 * replies.get for one case, refetched when the hub says this case's reply changed (or a job
 * moved, e.g. the send after approval); a hold/resume/stop answer is shown at once.
 */
export function useReplyView(publicId: string) {
  const bridge = useBridge();
  const query = useQuery('replies.get', { publicId }, { refreshOn: ['job.updated'] });
  const { reload } = query;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = bridge.on('replies.changed', (payload) => {
      if (payload.publicId !== publicId) return;
      clearTimeout(timer);
      timer = setTimeout(reload, 150);
    });
    return () => {
      clearTimeout(timer);
      off();
    };
  }, [bridge, publicId, reload]);

  const [fresh, setFresh] = useState<{ basis: ReplyView | undefined; value: ReplyView } | null>(null);
  const data = fresh && fresh.basis === query.data ? fresh.value : query.data;
  const basis = query.data;
  const apply = useCallback((value: ReplyView) => setFresh({ basis, value }), [basis]);
  return { data, error: query.error, loading: query.loading, reload, apply };
}
