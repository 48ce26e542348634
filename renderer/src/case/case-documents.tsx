import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SubmissionDetail } from '../../../electron/ipc/contract';
import type { AppError } from '../bridge/bridge';
import { useAction } from '../bridge/use-action.hook';
import { SubmissionParts } from './submission-parts';
import { partRoleLabel } from './submission-labels';
import { PdfViewer } from '../pdf/pdf-viewer';
import { ErrorAlert } from '../shared/error-alert';
import { LiveRegion } from '../shared/live-region';

type Part = SubmissionDetail['parts'][number];
type Shown = { kind: 'loading'; seq: number } | { kind: 'ready'; seq: number; title: string; filename: string; base64: string } | { kind: 'error'; error: AppError } | null;

/** The submission's documents, with the receipt and PDF attachments opened in the embedded viewer (cases.part), fitted to the pane. */
export function CaseDocuments({ publicId, parts }: { publicId: string; parts: SubmissionDetail['parts'] }) {
  const { t } = useTranslation();
  const loadPart = useAction('cases.part');
  const [shown, setShown] = useState<Shown>(null);

  const view = async (part: Part) => {
    setShown({ kind: 'loading', seq: part.seq });
    const result = await loadPart({ publicId, seq: part.seq });
    if (!result.ok) {
      setShown({ kind: 'error', error: result.error });
      return;
    }
    const name = result.value.filename ?? part.filename ?? `${partRoleLabel(t, part.role)}.pdf`;
    setShown({ kind: 'ready', seq: part.seq, title: t('submission.parts.viewerTitle', { name }), filename: name, base64: result.value.base64 });
  };

  return (
    <SubmissionParts parts={parts} onView={(part) => void view(part)} loadingSeq={shown?.kind === 'loading' ? shown.seq : null}>
      <LiveRegion className="pm-live">
        {shown?.kind === 'error' && <ErrorAlert error={shown.error} title={t('submission.parts.viewFailed')} headingLevel={3} />}
      </LiveRegion>
      {shown?.kind === 'ready' && (
        <PdfViewer
          key={`${shown.seq}:${shown.base64.length}`}
          base64={shown.base64}
          title={shown.title}
          filename={shown.filename}
          headingLevel={4}
          fitWidth
          onClose={() => setShown(null)}
        />
      )}
    </SubmissionParts>
  );
}
