import { Alert, Paragraph } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { DesignVersionDto, MappingSummaryDto } from '../../../electron/ipc/designer.contract';
import { useAction } from '../bridge/use-action.hook';
import { useQuery } from '../bridge/use-query.hook';
import { ErrorAlert } from '../shared/error-alert';
import { FactList } from '../shared/fact-list';
import { LoadingState } from '../shared/loading-state';
import { PageHeading } from '../shared/page-heading';
import { useNow } from '../shared/use-now.hook';
import { CodeEditor } from './code-editor';
import { DesignHistory } from './design-history';
import { transportLabel } from './designer-labels';
import { BackToDesigner, EditingFrom, startingVersion } from './designer-parts';
import { DraftActions } from './draft-actions';
import { MappingPreview } from './mapping-preview';
import { PreviewSourcePicker } from './preview-source';
import { type PreviewSource, useMappingPreview } from './use-mapping-preview.hook';
import './designer.css';

/** One mapping (profile × target): the JSONata, its live preview, draft → active, history. */
export function MappingEditorPage() {
  const { t } = useTranslation();
  const { profileId = '', target = '' } = useParams();
  const list = useQuery('mappings.list', {});
  const versions = useQuery('mappings.versions', { profileId, target });
  const summary = list.data?.find((m) => m.profileId === profileId && m.target === target);
  const error = list.error ?? versions.error;

  return (
    <div className="pm-page pm-page--wide">
      <BackToDesigner />
      <PageHeading title={summary ? t('designer.mapping.title', { profile: summary.profileName, target: summary.targetName }) : t('nav.designerMapping')} />
      {error && (
        <ErrorAlert
          error={error}
          onRetry={() => {
            list.reload();
            versions.reload();
          }}
        />
      )}
      {list.data && !summary && (
        <Alert data-color="warning" className="pm-alert">
          <Paragraph>{t('designer.notFound')}</Paragraph>
        </Alert>
      )}
      {!error && (!list.data || !versions.data) && <LoadingState label={t('designer.loading')} />}
      {summary && versions.data && (
        <MappingEditor
          key={`${profileId}/${target}`}
          summary={summary}
          versions={versions.data}
          reload={() => {
            versions.reload();
            list.reload();
          }}
        />
      )}
    </div>
  );
}

interface EditorProps {
  summary: MappingSummaryDto;
  versions: DesignVersionDto[];
  reload: () => void;
}

function MappingEditor({ summary, versions, reload }: EditorProps) {
  const { t } = useTranslation();
  const now = useNow();
  const ref = { profileId: summary.profileId, target: summary.target };
  const [baseline, setBaseline] = useState(() => startingVersion(versions)?.body ?? '');
  const [body, setBody] = useState(baseline);
  const [source, setSource] = useState<PreviewSource | null>({ kind: 'sample' });
  const preview = useMappingPreview(ref.profileId, ref.target, body, source);
  const saveDraft = useAction('mappings.saveDraft');
  const activate = useAction('mappings.activate');
  const diff = useAction('mappings.diff');
  const draft = versions.find((v) => v.status === 'draft');

  const format = summary.format.toUpperCase();
  const facts = [
    { label: t('designer.col.target'), value: summary.targetName, testId: 'mapping-target' },
    { label: t('designer.col.transport'), value: transportLabel(t, summary.transport), testId: 'mapping-transport' },
    {
      label: t('designer.col.format'),
      value: summary.hasSchema ? t('designer.withSchema', { format }) : t('designer.withoutSchema', { format }),
      testId: 'mapping-format',
    },
  ];

  return (
    <>
      <FactList facts={facts} />
      <div className="pm-designer-grid">
        <div className="pm-stack pm-designer-editor">
          <EditingFrom versions={versions} />
          <CodeEditor
            label={t('designer.mapping.editorLabel')}
            description={t('designer.mapping.editorHint')}
            value={body}
            onChange={setBody}
            testId="mapping-body"
            rows={22}
          />
          <DraftActions
            body={body}
            dirty={body !== baseline}
            draftVersion={draft?.version ?? null}
            save={(b, note) => saveDraft({ ...ref, body: b, ...(note ? { note } : {}) })}
            activate={(version) => activate({ ...ref, version })}
            activateBody={t('designer.mapping.activateBody', { target: summary.targetName })}
            onChanged={(v) => {
              setBaseline(v.body);
              reload();
            }}
          />
        </div>
        <div className="pm-stack pm-designer-side">
          <PreviewSourcePicker onChange={setSource} />
          <MappingPreview targetName={summary.targetName} format={summary.format} value={preview.value} error={preview.error} pending={preview.pending} />
        </div>
      </div>
      <DesignHistory versions={versions} now={now} diff={(from, to) => diff({ ...ref, from, to })} onOpen={(v) => setBody(v.body)} />
    </>
  );
}
