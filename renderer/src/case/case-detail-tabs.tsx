import { Details, Heading, Paragraph, Tabs } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SubmissionDetail } from '../../../electron/ipc/contract';
import type { CaseWork, Role } from '../../../electron/ipc/desk.contract';
import { useSession } from '../session/session.context';
import { DataTable, type Column } from '../shared/data-table';
import { ErrorAlert } from '../shared/error-alert';
import { FactList, type Fact } from '../shared/fact-list';
import { LoadingState } from '../shared/loading-state';
import { Section } from '../shared/section';
import { TechName } from '../shared/tech-name';
import { CaseHandovers } from './case-handovers';
import { CaseNotes } from './case-notes';
import { CaseRegistersPanel } from './case-registers-panel';
import { CaseTimeline } from './case-timeline';
import { SubmissionArchive } from './submission-archive';
import { SubmissionFacts } from './submission-facts';
import { partRoleLabel } from './submission-labels';
import { SubmissionSources } from './submission-sources';
import { SubmissionStatusTag } from './submission-status-tag';
import { useReplyView } from './use-reply-view.hook';
import './case-application.css';

export interface CaseDetailTabsProps {
  publicId: string;
  submission: SubmissionDetail;
  /** null while the desk's work is loading or failed (the tabs that need it say so). */
  work: CaseWork | null;
  now: number;
  apply: (work: CaseWork) => void;
}

export const CASE_TABS = ['facts', 'archive', 'handovers', 'notes', 'history'] as const;
export type CaseTab = (typeof CASE_TABS)[number];

/** The roles that read codes and identifiers (IT operates the system, the archivist answers for the record); a caseworker never sees them. */
const TECHNICAL_ROLES: readonly Role[] = ['it-admin', 'arkivar'];

/**
 * What lies behind the case, one tab at a time under the work (#14): register facts, the
 * archive record, the hand-overs to internal systems (with the manual task), notes and the
 * timeline. Every panel stays rendered (Designsystemet hides the others), so a hub event updates
 * them all and switching is instant. Arrow keys move between the tabs, Enter or Space opens one.
 */
export function CaseDetailTabs({ publicId, submission, work, now, apply }: CaseDetailTabsProps) {
  const { t } = useTranslation();
  const session = useSession();
  const [tab, setTab] = useState<CaseTab>('facts');
  const technical = session?.user.roles.some((role) => TECHNICAL_ROLES.includes(role)) ?? false;

  return (
    <div className="pm-app-tabs" data-testid="case-detail-tabs">
      <Tabs value={tab} onChange={(value) => setTab(value as CaseTab)} data-size="sm">
        <Tabs.List aria-label={t('caseApp.tabs.label')} className="pm-app-tablist">
          {CASE_TABS.map((value) => (
            <Tabs.Tab key={value} value={value} data-testid={`case-tab-${value}`}>
              {t(`caseApp.tabs.${value}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="facts" className="pm-app-tabpanel">
          <SubmissionFacts submission={submission} now={now} />
          <CaseRegisters publicId={publicId} />
        </Tabs.Panel>
        <Tabs.Panel value="archive" className="pm-app-tabpanel">
          <SubmissionArchive archive={submission.archive} now={now} />
        </Tabs.Panel>
        <Tabs.Panel value="handovers" className="pm-app-tabpanel">
          <CaseHandovers publicId={publicId} now={now} />
        </Tabs.Panel>
        <Tabs.Panel value="notes" className="pm-app-tabpanel">
          {work ? (
            <CaseNotes publicId={publicId} work={work} now={now} apply={apply} />
          ) : (
            <Section id="case-notes-heading" title={t('case.notes.heading')}>
              <Paragraph data-testid="notes-pending">{t('caseApp.workPending')}</Paragraph>
            </Section>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="history" className="pm-app-tabpanel">
          {work ? (
            <CaseTimeline events={work.timeline} now={now} />
          ) : (
            <Section id="case-timeline-heading" title={t('timeline.heading')}>
              <Paragraph data-testid="timeline-pending">{t('caseApp.workPending')}</Paragraph>
            </Section>
          )}
        </Tabs.Panel>
      </Tabs>
      {technical && <TechnicalDetails submission={submission} now={now} />}
    </div>
  );
}

/** Folkeregisteret and KRR, from the reply's view (replies.get); a failure there leaves the rest of the tab. */
function CaseRegisters({ publicId }: { publicId: string }) {
  const { t } = useTranslation();
  const reply = useReplyView(publicId);
  if (reply.data) return <CaseRegistersPanel registers={reply.data.registers} />;
  return (
    <Section id="case-registers-heading" title={t('case.registers.heading')}>
      {reply.error ? <ErrorAlert error={reply.error} onRetry={reply.reload} headingLevel={3} /> : <LoadingState label={t('caseApp.registersPending')} />}
    </Section>
  );
}

type Part = SubmissionDetail['parts'][number];

/** Codes and identifiers for IT and the archivist: the service code, the parts' content and data types, Altinn's ids, the reference. */
function TechnicalDetails({ submission: s, now }: { submission: SubmissionDetail; now: number }) {
  const { t } = useTranslation();
  const facts: Fact[] = [
    { label: t('caseApp.tech.serviceCode'), value: <TechName value={s.serviceKey} className="pm-file" />, testId: 'tech-service-code' },
    ...(s.profileId ? [{ label: t('caseApp.tech.profile'), value: <TechName value={s.profileId} className="pm-file" />, testId: 'tech-profile' }] : []),
    { label: t('caseApp.tech.reference'), value: <code className="pm-code pm-file">{s.publicId}</code>, testId: 'tech-reference' },
    { label: t('caseApp.tech.intakeStatus'), value: <SubmissionStatusTag status={s.status} />, testId: 'tech-intake-status' },
    ...(s.quarantineCode ? [{ label: t('caseApp.tech.quarantineCode'), value: <code className="pm-code pm-file">{s.quarantineCode}</code>, testId: 'tech-quarantine-code' }] : []),
  ];
  const columns: Column<Part>[] = [
    { header: t('caseApp.tech.seq'), rowHeader: true, cell: (p) => p.seq },
    { header: t('caseApp.tech.role'), cell: (p) => p.filename ?? partRoleLabel(t, p.role) },
    { header: t('caseApp.tech.dataType'), cell: (p) => <code className="pm-code pm-file">{p.dataType}</code> },
    { header: t('caseApp.tech.contentType'), cell: (p) => <code className="pm-code pm-file">{p.contentType}</code> },
    { header: t('caseApp.tech.stored'), cell: (p) => (p.stored ? t('common.yes') : t('common.no')) },
  ];
  return (
    <Details data-testid="case-technical" className="pm-app-tech">
      <Details.Summary>{t('caseApp.tech.heading')}</Details.Summary>
      <Details.Content>
        <div className="pm-app-tech-body">
          <Paragraph data-size="sm" className="pm-muted">
            {t('caseApp.tech.intro')}
          </Paragraph>
          <FactList facts={facts} />
          <div className="pm-app-block">
            <Heading level={3} data-size="2xs" id="tech-parts-heading">
              {t('caseApp.tech.parts')}
            </Heading>
            <DataTable
              rows={s.parts}
              columns={columns}
              rowKey={(p) => p.seq}
              rowTestId={(p) => `tech-part-${p.seq}`}
              labelledBy="tech-parts-heading"
              region={{ labelledBy: 'tech-parts-heading' }}
              testId="tech-parts"
            />
          </div>
          <SubmissionSources items={s.sourceItems} now={now} />
        </div>
      </Details.Content>
    </Details>
  );
}

