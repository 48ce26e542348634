import { Link, Paragraph } from '@digdir/designsystemet-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { MappingSummaryDto } from '../../../electron/ipc/designer.contract';
import { useQuery } from '../bridge/use-query.hook';
import { DataTable } from '../shared/data-table';
import { ErrorAlert } from '../shared/error-alert';
import { LoadingState } from '../shared/loading-state';
import { PageHeading } from '../shared/page-heading';
import { Section } from '../shared/section';
import { mappingHref, rulesHref, transportLabel } from './designer-labels';
import './designer.css';

const versionText = (t: TFunction, n: number | null) => (n === null ? t('designer.noVersion') : t('designer.version', { n }));

/** For IT: every mapping (profile × target) and every profile's rules, each opening its editor. */
export function DesignerPage() {
  const { t } = useTranslation();
  const list = useQuery('mappings.list', {});
  const mappings = list.data ?? [];
  // one entry per profile, in the order the mappings come
  const profiles = [...new Map(mappings.map((m) => [m.profileId, m.profileName])).entries()];

  return (
    <div className="pm-page">
      <PageHeading title={t('nav.designer')} intro={t('designer.intro')} />
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      {!list.data && list.loading && <LoadingState label={t('designer.loading')} />}
      {list.data && (
        <>
          <Section id="designer-mappings-heading" title={t('designer.mappingsHeading')}>
            <DataTable
              rows={mappings}
              rowKey={(m) => `${m.profileId}/${m.target}`}
              rowTestId={(m) => `mapping-row-${m.profileId}-${m.target}`}
              empty={t('designer.mappingsNone')}
              labelledBy="designer-mappings-heading"
              testId="designer-mappings"
              columns={[
                { header: t('designer.col.profile'), cell: (m) => m.profileName, rowHeader: true },
                { header: t('designer.col.target'), cell: (m) => <MappingLink m={m} /> },
                { header: t('designer.col.transport'), cell: (m) => transportLabel(t, m.transport) },
                {
                  header: t('designer.col.format'),
                  cell: (m) => (m.hasSchema ? t('designer.withSchema', { format: m.format.toUpperCase() }) : t('designer.withoutSchema', { format: m.format.toUpperCase() })),
                },
                { header: t('designer.col.active'), cell: (m) => versionText(t, m.activeVersion), className: 'pm-nowrap' },
                { header: t('designer.col.draft'), cell: (m) => versionText(t, m.draftVersion), className: 'pm-nowrap' },
              ]}
            />
          </Section>
          <Section id="designer-rules-heading" title={t('designer.rulesHeading')}>
            <Paragraph data-size="sm">{t('designer.rulesIntro')}</Paragraph>
            <ul className="pm-link-list" data-testid="designer-profiles">
              {profiles.map(([id, name]) => (
                <li key={id}>
                  <Link asChild>
                    <RouterLink to={rulesHref(id)} aria-label={t('designer.editRules', { profile: name })}>
                      {name}
                    </RouterLink>
                  </Link>
                </li>
              ))}
            </ul>
          </Section>
        </>
      )}
    </div>
  );
}

function MappingLink({ m }: { m: MappingSummaryDto }) {
  const { t } = useTranslation();
  return (
    <Link asChild>
      <RouterLink to={mappingHref(m.profileId, m.target)} aria-label={t('designer.editMapping', { profile: m.profileName, target: m.targetName })}>
        {m.targetName}
      </RouterLink>
    </Link>
  );
}
