import { Button, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DesignVersionDto } from '../../../electron/ipc/designer.contract';
import type { AppError, HubResult } from '../bridge/bridge';
import { ConfirmDialog } from '../shared/confirm-dialog';
import { ErrorAlert } from '../shared/error-alert';
import { LiveRegion } from '../shared/live-region';

interface Props {
  body: string;
  /** The editor differs from the last saved version. */
  dirty: boolean;
  /** The design's one draft, if it has one. */
  draftVersion: number | null;
  save: (body: string, note: string | undefined) => Promise<HubResult<DesignVersionDto>>;
  activate: (version: number) => Promise<HubResult<DesignVersionDto>>;
  /** What activating means for this design (the dialog's text). */
  activateBody: string;
  /** After a save or an activation: the version as the hub now has it. */
  onChanged: (version: DesignVersionDto) => void;
}

type Outcome = { kind: 'ok'; message: string } | { kind: 'error'; error: AppError } | null;

/**
 * Save draft (with an optional note) and Activate. Activating saves what is in the editor
 * first, so what becomes active is what the person sees; the dialog asks once more.
 */
export function DraftActions({ body, dirty, draftVersion, save, activate, activateBody, onChanged }: Props) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [pending, setPending] = useState<'save' | 'activate' | null>(null);
  const [asking, setAsking] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const canActivate = dirty || draftVersion !== null;

  const saveDraft = async (): Promise<DesignVersionDto | null> => {
    const result = await save(body, note.trim() || undefined);
    if (!result.ok) {
      setOutcome({ kind: 'error', error: result.error });
      return null;
    }
    setNote('');
    onChanged(result.value);
    return result.value;
  };

  const runSave = async () => {
    if (pending) return;
    setPending('save');
    setOutcome(null);
    const saved = await saveDraft();
    setPending(null);
    if (saved) setOutcome({ kind: 'ok', message: t('designer.draft.saved', { version: saved.version }) });
  };

  const runActivate = async () => {
    if (pending) return;
    setPending('activate');
    setOutcome(null);
    const version = dirty || draftVersion === null ? (await saveDraft())?.version : draftVersion;
    if (version !== undefined) {
      const result = await activate(version);
      if (result.ok) {
        onChanged(result.value);
        setOutcome({ kind: 'ok', message: t('designer.draft.activated', { version: result.value.version }) });
      } else {
        setOutcome({ kind: 'error', error: result.error });
      }
    }
    setPending(null);
    setAsking(false);
  };

  return (
    <div className="pm-draft-actions">
      <Textfield label={t('designer.draft.note')} value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} data-size="sm" />
      <div className="pm-actions">
        <Button variant="secondary" data-size="sm" loading={pending === 'save'} onClick={() => void runSave()} data-testid="design-save">
          {t('designer.draft.save')}
        </Button>
        {canActivate && (
          <Button data-size="sm" onClick={() => setAsking(true)} data-testid="design-activate">
            {t('designer.draft.activate')}
          </Button>
        )}
        {dirty && (
          <Paragraph data-size="sm" className="pm-muted" data-testid="design-unsaved">
            {t('designer.unsaved')}
          </Paragraph>
        )}
      </div>
      <LiveRegion className="pm-live">
        {outcome?.kind === 'ok' && (
          <Paragraph data-size="sm" data-testid="design-result">
            {outcome.message}
          </Paragraph>
        )}
        {outcome?.kind === 'error' && <ErrorAlert error={outcome.error} title={t('errors.actionTitle')} headingLevel={3} />}
      </LiveRegion>
      {asking && (
        <ConfirmDialog
          title={t('designer.draft.activateTitle')}
          body={activateBody}
          confirmLabel={t('designer.draft.confirm')}
          pending={pending === 'activate'}
          onConfirm={() => void runActivate()}
          onCancel={() => setAsking(false)}
          testId="design-activate-dialog"
        />
      )}
    </div>
  );
}
