import { Button, Heading, Paragraph, Tag, Textfield } from '@digdir/designsystemet-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RuleTestRowDto } from '../../../electron/ipc/designer.contract';
import type { AppError, ChannelOutput, HubResult } from '../bridge/bridge';
import { outcomeLabel } from '../case/case-labels';
import { useFormat } from '../i18n/use-format.hook';
import { DataTable } from '../shared/data-table';
import { ErrorAlert } from '../shared/error-alert';
import { LiveRegion } from '../shared/live-region';
import { Section } from '../shared/section';

type TestRun = ChannelOutput<'rules.testRun'>;
type State = { kind: 'running' } | { kind: 'ready'; run: TestRun } | { kind: 'error'; error: AppError } | null;

/**
 * «Testkjøring»: the rules in the editor over the last N decided applications, row by row,
 * with where they would differ from the caseworker's decision marked in words and colour.
 */
export function RuleTestRun({ run }: { run: (last: number) => Promise<HubResult<TestRun>> }) {
  const { t } = useTranslation();
  const [last, setLast] = useState('50');
  const [invalid, setInvalid] = useState(false);
  const [state, setState] = useState<State>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const n = Number(last);
    const bad = !Number.isInteger(n) || n < 1 || n > 500;
    setInvalid(bad);
    if (bad || state?.kind === 'running') return;
    setState({ kind: 'running' });
    const result = await run(n);
    setState(result.ok ? { kind: 'ready', run: result.value } : { kind: 'error', error: result.error });
  };

  return (
    <Section id="rules-test-heading" title={t('designer.rules.testHeading')}>
      <Paragraph data-size="sm">{t('designer.rules.testIntro')}</Paragraph>
      <form className="pm-inline-form" onSubmit={(e) => void submit(e)} noValidate>
        <Textfield
          label={t('designer.rules.last')}
          description={t('designer.rules.lastHint')}
          type="number"
          inputMode="numeric"
          min={1}
          max={500}
          value={last}
          onChange={(e) => setLast(e.target.value)}
          error={invalid ? t('designer.rules.lastInvalid') : undefined}
          data-size="sm"
          className="pm-number-field"
        />
        <Button type="submit" data-size="sm" loading={state?.kind === 'running'} data-testid="rules-test-run">
          {t('designer.rules.run')}
        </Button>
      </form>
      <LiveRegion className="pm-live">
        {state?.kind === 'error' && <ErrorAlert error={state.error} title={t('errors.actionTitle')} headingLevel={3} />}
        {state?.kind === 'ready' && state.run.problems.length === 0 && (
          <Paragraph data-size="sm" data-testid="rules-test-summary">
            {state.run.rows.length === 0
              ? t('designer.rules.noRows')
              : t('designer.rules.differs', { count: state.run.rows.filter((r) => r.differs).length, total: state.run.rows.length })}
          </Paragraph>
        )}
      </LiveRegion>
      {state?.kind === 'ready' && state.run.problems.length > 0 && <RuleProblems problems={state.run.problems} />}
      {state?.kind === 'ready' && state.run.problems.length === 0 && state.run.rows.length > 0 && <TestRows rows={state.run.rows} />}
    </Section>
  );
}

export function RuleProblems({ problems }: { problems: string[] }) {
  const { t } = useTranslation();
  return (
    <div data-testid="rules-problems">
      <Heading level={3} data-size="2xs" id="rules-problems-heading">
        {t('designer.rules.problemsHeading')}
      </Heading>
      <ul className="pm-problems" aria-labelledby="rules-problems-heading">
        {problems.map((p, i) => (
          <li key={i}>{p}</li>
        ))}
      </ul>
    </div>
  );
}

function TestRows({ rows }: { rows: RuleTestRowDto[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const recommended = (r: RuleTestRowDto) => (r.recommended === 'manuell' ? t('designer.rules.manual') : outcomeLabel(t, r.recommended));
  return (
    <DataTable
      rows={rows}
      rowKey={(r) => r.publicId}
      rowTestId={(r) => (r.differs ? 'rules-row-differs' : 'rules-row-same')}
      caption={t('designer.rules.tableCaption')}
      testId="rules-test-table"
      columns={[
        { header: t('designer.rules.col.received'), cell: (r) => format.date(r.receivedAt), rowHeader: true, className: 'pm-nowrap' },
        {
          header: t('designer.rules.col.recommended'),
          cell: (r) => (
            <>
              <span className="pm-block">{recommended(r)}</span>
              {r.ruleId && <span className="pm-muted pm-block">{t('designer.rules.rule', { id: r.ruleId })}</span>}
            </>
          ),
        },
        {
          header: t('designer.rules.col.reasons'),
          cell: (r) =>
            r.reasons.length === 0 ? (
              t('common.empty')
            ) : (
              <ul className="pm-reasons">
                {r.reasons.map((reason, i) => (
                  <li key={i}>{reason}</li>
                ))}
              </ul>
            ),
        },
        { header: t('designer.rules.col.decided'), cell: (r) => (r.decided ? outcomeLabel(t, r.decided) : t('designer.rules.notDecided')) },
        {
          header: t('designer.rules.col.differs'),
          cell: (r) => (
            <Tag data-color={r.differs ? 'warning' : 'success'} data-size="sm" className={r.differs ? 'pm-differs' : undefined}>
              {r.differs ? `⚠ ${t('designer.rules.differsYes')}` : t('designer.rules.differsNo')}
            </Tag>
          ),
        },
      ]}
    />
  );
}
