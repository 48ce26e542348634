import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { DesignVersionDto } from '../../../electron/ipc/designer.contract';
import { useAction } from '../bridge/use-action.hook';
import { useQuery } from '../bridge/use-query.hook';
import { ErrorAlert } from '../shared/error-alert';
import { LoadingState } from '../shared/loading-state';
import { PageHeading } from '../shared/page-heading';
import { useNow } from '../shared/use-now.hook';
import { CodeEditor } from './code-editor';
import { DesignHistory } from './design-history';
import { BackToDesigner, EditingFrom, startingVersion } from './designer-parts';
import { DraftActions } from './draft-actions';
import { RuleTestRun } from './rule-test-run';
import './designer.css';

/** A profile's rules (json-rules-engine, as JSON): validation, «Testkjøring», draft → active, history. */
export function RulesEditorPage() {
  const { t } = useTranslation();
  const { profileId = '' } = useParams();
  const list = useQuery('mappings.list', {});
  const versions = useQuery('rules.versions', { profileId });
  // the profile's name comes with its mappings; a profile without one is named by its id
  const name = list.data?.find((m) => m.profileId === profileId)?.profileName ?? profileId;

  return (
    <div className="pm-page pm-page--wide">
      <BackToDesigner />
      <PageHeading title={t('designer.rules.title', { profile: name })} />
      {versions.error && <ErrorAlert error={versions.error} onRetry={versions.reload} />}
      {!versions.data && !versions.error && <LoadingState label={t('designer.loading')} />}
      {versions.data && <RulesEditor key={profileId} profileId={profileId} versions={versions.data} reload={versions.reload} />}
    </div>
  );
}

/** The JSON parser's complaint about the text, or null when it parses. */
function jsonProblem(body: string): string | null {
  try {
    JSON.parse(body);
    return null;
  } catch (cause) {
    return cause instanceof Error ? cause.message : String(cause);
  }
}

function RulesEditor({ profileId, versions, reload }: { profileId: string; versions: DesignVersionDto[]; reload: () => void }) {
  const { t } = useTranslation();
  const now = useNow();
  const [baseline, setBaseline] = useState(() => startingVersion(versions)?.body ?? '');
  const [body, setBody] = useState(baseline);
  const saveDraft = useAction('rules.saveDraft');
  const activate = useAction('rules.activate');
  const diff = useAction('rules.diff');
  const testRun = useAction('rules.testRun');
  const draft = versions.find((v) => v.status === 'draft');
  const problem = body.trim() ? jsonProblem(body) : null;

  return (
    <>
      <div className="pm-stack pm-designer-editor">
        <EditingFrom versions={versions} />
        <CodeEditor
          label={t('designer.rules.editorLabel')}
          description={t('designer.rules.editorHint')}
          value={body}
          onChange={setBody}
          error={problem ? t('designer.rules.jsonError', { message: problem }) : undefined}
          testId="rules-body"
          rows={22}
        />
        <DraftActions
          body={body}
          dirty={body !== baseline}
          draftVersion={draft?.version ?? null}
          save={(b, note) => saveDraft({ profileId, body: b, ...(note ? { note } : {}) })}
          activate={(version) => activate({ profileId, version })}
          activateBody={t('designer.rules.activateBody')}
          onChanged={(v) => {
            setBaseline(v.body);
            reload();
          }}
        />
      </div>
      <RuleTestRun run={(last) => testRun({ profileId, body, last })} />
      <DesignHistory versions={versions} now={now} diff={(from, to) => diff({ profileId, from, to })} onOpen={(v) => setBody(v.body)} />
    </>
  );
}
