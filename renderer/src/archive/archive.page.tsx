import { Tabs } from '@digdir/designsystemet-react';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { ChannelName } from '../../../electron/ipc/contract';
import type { Messages } from '../i18n/nb';
import { useMayCall } from '../session/may-call';
import { PageHeading } from '../shared/page-heading';
import { AuditPanel } from './audit-panel';
import { DeliveriesPanel } from './deliveries-panel';
import { ExportPanel } from './export-panel';
import { JournalPanel } from './journal-panel';
import { PublicJournalPanel } from './public-journal-panel';
import './archive.css';

interface ArchiveTab {
  /** In the address (?fane=…), so a tab can be linked to and survives a reload. */
  value: string;
  labelKey: `archivist.tabs.${keyof Messages['archivist']['tabs']}`;
  /** Hidden from a user whose roles may not call it. */
  reads: ChannelName;
  Panel: ComponentType;
}

export const ARCHIVE_TABS: readonly ArchiveTab[] = [
  { value: 'leveranser', labelKey: 'archivist.tabs.deliveries', reads: 'archivist.deliveries', Panel: DeliveriesPanel },
  { value: 'journal', labelKey: 'archivist.tabs.journal', reads: 'archivist.journal', Panel: JournalPanel },
  { value: 'eksport', labelKey: 'archivist.tabs.export', reads: 'archivist.exportStart', Panel: ExportPanel },
  { value: 'offentlig-journal', labelKey: 'archivist.tabs.publicJournal', reads: 'archivist.publicJournalPreview', Panel: PublicJournalPanel },
  { value: 'revisjonslogg', labelKey: 'archivist.tabs.audit', reads: 'archivist.audit', Panel: AuditPanel },
];

/** The archivist's desk (#16): one page, a tab per task; only the open tab is mounted (and asks the hub). */
export function ArchivePage() {
  const { t } = useTranslation();
  const mayCall = useMayCall();
  const [params, setParams] = useSearchParams();
  const tabs = ARCHIVE_TABS.filter((tab) => mayCall(tab.reads));
  const asked = params.get('fane');
  const active = tabs.find((tab) => tab.value === asked) ?? tabs[0];

  const select = (value: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        next.set('fane', value);
        return next;
      },
      { replace: true },
    );

  return (
    <div className="pm-page pm-page--wide pm-archive">
      <PageHeading title={t('nav.archive')} intro={t('archivist.intro')} />
      {active && (
        <Tabs value={active.value} onChange={select} data-size="sm">
          <Tabs.List aria-label={t('archivist.tabsLabel')} className="pm-archive-tabs">
            {tabs.map((tab) => (
              <Tabs.Tab key={tab.value} value={tab.value} data-testid={`archive-tab-${tab.value}`}>
                {t(tab.labelKey)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {tabs.map((tab) => (
            <Tabs.Panel key={tab.value} value={tab.value} className="pm-archive-panel">
              {tab === active && <tab.Panel />}
            </Tabs.Panel>
          ))}
        </Tabs>
      )}
    </div>
  );
}
