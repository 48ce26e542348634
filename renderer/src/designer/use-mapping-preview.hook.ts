import { useEffect, useState } from 'react';
import type { PreviewDto } from '../../../electron/ipc/designer.contract';
import type { ChannelInput } from '../../../electron/ipc/contract';
import type { AppError } from '../bridge/bridge';
import { useAction } from '../bridge/use-action.hook';

export type PreviewSource = ChannelInput<'mappings.preview'>['source'];

interface Answer {
  key: string;
  value?: PreviewDto;
  error?: AppError;
}

/**
 * The payload for what is in the editor, asked for once typing pauses (`delayMs`). The last
 * answer stays on screen while a newer one is computed, and an answer to an older text is
 * dropped, so problems appear and disappear with the text as it is now.
 */
export function useMappingPreview(profileId: string, target: string, body: string, source: PreviewSource | null, delayMs = 300) {
  const preview = useAction('mappings.preview');
  const key = JSON.stringify([profileId, target, body, source]);
  const [answer, setAnswer] = useState<Answer | null>(null);

  useEffect(() => {
    const [p, tg, b, s] = JSON.parse(key) as [string, string, string, PreviewSource | null];
    if (!s) return;
    let current = true;
    const timer = setTimeout(() => {
      void preview({ profileId: p, target: tg, body: b, source: s }).then((result) => {
        if (current) setAnswer(result.ok ? { key, value: result.value } : { key, error: result.error });
      });
    }, delayMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key, preview, delayMs]);

  return { value: answer?.value, error: answer?.error, pending: source !== null && answer?.key !== key };
}
