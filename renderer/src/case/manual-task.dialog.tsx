import { Alert, Button, Dialog, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandoverDto, ManualTaskDto } from '../../../electron/ipc/routing.contract';
import type { AppError } from '../bridge/bridge';
import { useAction } from '../bridge/use-action.hook';
import { useQuery } from '../bridge/use-query.hook';
import { PdfViewer } from '../pdf/pdf-viewer';
import { ErrorAlert } from '../shared/error-alert';
import { LiveRegion } from '../shared/live-region';
import { LoadingState } from '../shared/loading-state';

interface Props {
  publicId: string;
  handover: HandoverDto;
  onCompleted: (after: HandoverDto) => void;
  onClose: () => void;
}

type Summary = { kind: 'loading' } | { kind: 'ready'; base64: string } | { kind: 'error'; error: AppError } | null;

/**
 * The manual hand-over (#15 item 4): what to do, the fields to type into the target one by one
 * (each copyable, sensitive ones hidden until asked for), the summary PDF, and «Merk som
 * overført» with the target's reference. A native modal dialog: focus trap and Esc for free.
 */
export function ManualTaskDialog({ publicId, handover, onCompleted, onClose }: Props) {
  const { t } = useTranslation();
  const titleId = useId();
  const target = handover.target;
  const task = useQuery('handovers.task', { publicId, target });
  const summaryPdf = useAction('handovers.summaryPdf');
  const complete = useAction('handovers.complete');
  const [summary, setSummary] = useState<Summary>(null);
  const [reference, setReference] = useState('');
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);

  const openSummary = async () => {
    setSummary({ kind: 'loading' });
    const result = await summaryPdf({ publicId, target });
    setSummary(result.ok ? { kind: 'ready', base64: result.value.pdfBase64 } : { kind: 'error', error: result.error });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    setFailure(null);
    const ref = reference.trim();
    const result = await complete({ publicId, target, ...(ref ? { reference: ref } : {}) });
    setPending(false);
    if (result.ok) onCompleted(result.value);
    else setFailure(result.error);
  };

  return (
    // our own «Lukk» in the title row: Designsystemet's floating close button makes the dialog scroll sideways at 320 px
    <Dialog open onClose={onClose} closeButton={false} aria-labelledby={titleId} className="pm-task-dialog" data-testid="manual-task-dialog">
      <div className="pm-dialog-body">
        <div className="pm-task-title">
          <Heading level={2} data-size="sm" id={titleId}>
            {t('handovers.task.title', { target: handover.targetName })}
          </Heading>
          <Button variant="tertiary" data-size="sm" onClick={onClose}>
            {t('handovers.task.close')}
          </Button>
        </div>
        {task.error && <ErrorAlert error={task.error} title={t('handovers.task.loadFailed')} onRetry={task.reload} headingLevel={3} />}
        {!task.data && !task.error && <LoadingState label={t('handovers.task.loading')} />}
        {task.data && (
          <TaskBody task={task.data}>
            <div className="pm-actions">
              <Button variant="secondary" data-size="sm" loading={summary?.kind === 'loading'} onClick={() => void openSummary()} data-testid="manual-task-summary">
                {t('handovers.task.summary')}
              </Button>
            </div>
            <LiveRegion className="pm-live">
              {summary?.kind === 'error' && <ErrorAlert error={summary.error} title={t('handovers.task.summaryFailed')} headingLevel={3} />}
            </LiveRegion>
            {summary?.kind === 'ready' && (
              <PdfViewer
                key={summary.base64}
                base64={summary.base64}
                title={t('handovers.task.summaryTitle')}
                filename={`overforing-${target}.pdf`}
                onClose={() => setSummary(null)}
              />
            )}
          </TaskBody>
        )}
        <form className="pm-stack" onSubmit={(e) => void submit(e)} noValidate>
          <Textfield
            label={t('handovers.task.reference', { target: handover.targetName })}
            description={t('handovers.task.referenceHint')}
            value={reference}
            maxLength={200}
            onChange={(e) => setReference(e.target.value)}
            autoComplete="off"
          />
          <div className="pm-actions">
            <Button type="submit" loading={pending} data-testid="manual-task-complete">
              {t('handovers.task.complete')}
            </Button>
            <Button variant="secondary" onClick={onClose}>
              {t('common.cancel')}
            </Button>
          </div>
        </form>
        <LiveRegion className="pm-live">{failure && <ErrorAlert error={failure} title={t('errors.actionTitle')} headingLevel={3} />}</LiveRegion>
      </div>
    </Dialog>
  );
}

/** n: a second copy of the same field is announced again (the region's content changes). */
type Copied = { index: number; label: string; ok: boolean; n: number } | null;

/** The task as the hub gives it; `children` (the summary PDF) sits between the instructions and the fields. */
function TaskBody({ task, children }: { task: ManualTaskDto; children: ReactNode }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<ReadonlySet<number>>(new Set());
  const [copied, setCopied] = useState<Copied>(null);

  const copy = async (index: number, label: string, value: string) => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(value);
      setCopied((c) => ({ index, label, ok: true, n: (c?.n ?? 0) + 1 }));
    } catch {
      setCopied((c) => ({ index, label, ok: false, n: (c?.n ?? 0) + 1 }));
    }
  };
  const toggle = (i: number) =>
    setShown((s) => {
      const next = new Set(s);
      if (next.has(i)) next.delete(i);
      else next.add(i);
      return next;
    });

  return (
    <>
      <div>
        <Heading level={3} data-size="2xs">
          {t('handovers.task.instructions')}
        </Heading>
        <Paragraph className="pm-pre" data-testid="manual-task-instructions">
          {task.instructions}
        </Paragraph>
        {task.assignTo && (
          <Paragraph data-size="sm" className="pm-muted">
            {t('handovers.task.assignTo', { who: task.assignTo })}
          </Paragraph>
        )}
      </div>
      {children}
      <div>
        <Heading level={3} data-size="2xs" id="manual-task-fields-heading">
          {t('handovers.task.fieldsHeading')}
        </Heading>
        <Paragraph data-size="sm" className="pm-muted">
          {t('handovers.task.fieldsHint', { target: task.targetName })}
        </Paragraph>
        <ul className="pm-task-fields" aria-labelledby="manual-task-fields-heading" data-testid="manual-task-fields">
          {task.fields.map((f, i) => {
            const hidden = f.sensitive && !shown.has(i);
            return (
              <li key={i} className="pm-task-field" data-testid={`manual-task-field-${i}`}>
                <span className="pm-task-label">{f.label}</span>
                <span className="pm-task-value" data-testid="manual-task-value">
                  {hidden ? (
                    <span role="img" aria-label={t('handovers.task.hidden')}>
                      ••••••
                    </span>
                  ) : (
                    f.value || t('common.empty')
                  )}
                </span>
                <span className="pm-actions">
                  {/* seen beside the button; the sentence in the live region below is what a screen reader hears */}
                  {copied?.index === i && (
                    <span aria-hidden="true" className={copied.ok ? 'pm-copied' : 'pm-copied pm-copied--failed'}>
                      {copied.ok ? `✓ ${t('handovers.task.copiedShort')}` : `⚠ ${t('handovers.task.copyFailedShort')}`}
                    </span>
                  )}
                  {f.sensitive && (
                    <Button variant="tertiary" data-size="sm" aria-label={t(hidden ? 'handovers.task.showLabel' : 'handovers.task.hideLabel', { label: f.label })} onClick={() => toggle(i)}>
                      {hidden ? t('handovers.task.show') : t('handovers.task.hide')}
                    </Button>
                  )}
                  <Button variant="secondary" data-size="sm" aria-label={t('handovers.task.copyLabel', { label: f.label })} onClick={() => void copy(i, f.label, f.value)}>
                    {t('handovers.task.copy')}
                  </Button>
                </span>
              </li>
            );
          })}
        </ul>
        <LiveRegion className="pm-live">
          {copied?.ok && (
            <span key={copied.n} className="ds-sr-only" data-testid="manual-task-copied">
              {t('handovers.task.copied', { label: copied.label })}
            </span>
          )}
          {copied && !copied.ok && (
            <Alert key={copied.n} data-color="warning" data-size="sm" className="pm-alert" data-testid="manual-task-copied">
              <Paragraph data-size="sm">{t('handovers.task.copyFailed', { label: copied.label })}</Paragraph>
            </Alert>
          )}
        </LiveRegion>
      </div>
    </>
  );
}
