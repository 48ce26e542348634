import { useCallback } from 'react';
import type { HubResult } from '../bridge/bridge';
import { useAction } from '../bridge/use-action.hook';
import type { ExportFile } from './archive-labels';

/** base64 from the hub → bytes, without atob's string-per-byte detour for large files. */
export function decodeBase64(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Saves bytes as a file through a temporary <a download>, as a browser and Electron both allow. */
export function saveFile(filename: string, contentType: string, bytes: Uint8Array<ArrayBuffer>): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: contentType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // after the click has been handled: the download has taken its copy
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Fetches one file of a finished export (archivist.exportFile) and saves it. */
export function useExportFile(): (id: number, file: ExportFile) => Promise<HubResult<{ filename: string }>> {
  const exportFile = useAction('archivist.exportFile');
  return useCallback(
    async (id, file) => {
      const result = await exportFile({ id, file });
      if (!result.ok) return result;
      saveFile(result.value.filename, result.value.contentType, decodeBase64(result.value.base64));
      return { ok: true, value: { filename: result.value.filename } };
    },
    [exportFile],
  );
}
