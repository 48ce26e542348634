import { useCallback } from 'react';
import type { HubResult } from '../bridge/bridge';
import { useAction } from '../bridge/use-action.hook';
import { decodeBase64, saveFile } from '../archive/use-export-file.hook';

/** Asks the hub for the support bundle (logs.supportBundle) and saves the .tar.gz it returns. */
export function useSupportBundle(): () => Promise<HubResult<{ filename: string }>> {
  const bundle = useAction('logs.supportBundle');
  return useCallback(async () => {
    const result = await bundle({});
    if (!result.ok) return result;
    saveFile(result.value.filename, result.value.contentType, decodeBase64(result.value.base64));
    return { ok: true, value: { filename: result.value.filename } };
  }, [bundle]);
}
