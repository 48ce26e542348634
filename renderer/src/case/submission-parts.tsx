import { Button, Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import { FileIcon, FilePdfIcon, FileTextIcon } from '@navikt/aksel-icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SubmissionDetail } from '../../../electron/ipc/contract';
import { useFormat } from '../i18n/use-format.hook';
import { partRoleLabel } from './submission-labels';

type Part = SubmissionDetail['parts'][number];

/** Stored PDFs (the receipt, PDF attachments) can be opened in the embedded viewer. */
export const isViewable = (part: Part): boolean => part.stored && part.contentType.toLowerCase().startsWith('application/pdf');

interface Props {
  parts: SubmissionDetail['parts'];
  /** When given, a "Vis" button per stored PDF. */
  onView?: (part: Part) => void;
  /** The part being loaded into the viewer. */
  loadingSeq?: number | null;
  /** Shown under the list (the viewer). */
  children?: ReactNode;
  headingLevel?: 2 | 3;
}

/**
 * The application's documents as the caseworker knows them: the form, the receipt, each
 * attachment by its file name, with size and «Vis». Content types and Altinn's data types are
 * technical: they are under «Tekniske detaljer».
 */
export function SubmissionParts({ parts, onView, loadingSeq = null, children, headingLevel = 3 }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const name = (part: Part) => part.filename ?? partRoleLabel(t, part.role);
  return (
    <section aria-labelledby="submission-parts-heading" className="pm-app-block" data-testid="submission-parts">
      <Heading level={headingLevel} data-size="xs" id="submission-parts-heading">
        {t('caseApp.documents')}
      </Heading>
      {parts.length === 0 ? (
        <Paragraph data-size="sm">{t('submission.parts.none')}</Paragraph>
      ) : (
        <ul className="pm-app-docs" aria-labelledby="submission-parts-heading">
          {parts.map((part) => {
            const Icon = part.contentType.toLowerCase().startsWith('application/pdf') ? FilePdfIcon : part.role === 'form' ? FileTextIcon : FileIcon;
            return (
              <li key={part.seq} className="pm-app-doc" data-testid={`part-${part.seq}`}>
                <Icon aria-hidden className="pm-app-doc-icon" />
                <span className="pm-app-doc-text">
                  <span className="pm-app-doc-name">{name(part)}</span>
                  <span className="pm-muted pm-app-doc-meta">
                    {part.filename ? `${partRoleLabel(t, part.role)} · ` : ''}
                    {format.bytes(part.size)}
                  </span>
                </span>
                {!part.stored && (
                  <Tag data-color="warning" data-size="sm" data-testid={`part-${part.seq}-not-stored`}>
                    {t('caseApp.notStored')}
                  </Tag>
                )}
                {onView && isViewable(part) && (
                  <Button
                    variant="secondary"
                    data-size="sm"
                    loading={loadingSeq === part.seq}
                    aria-label={t('submission.parts.viewLabel', { name: name(part) })}
                    onClick={() => onView(part)}
                  >
                    {t('submission.parts.viewButton')}
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {children}
    </section>
  );
}
