import { Fieldset, Radio, Textfield } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PreviewSource } from './use-mapping-preview.hook';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What the preview runs on: the profile's made-up sample, or a real case by its id. A case id
 * that is not (yet) a whole id asks for nothing, so half-typed ids do not produce errors.
 */
export function PreviewSourcePicker({ onChange }: { onChange: (source: PreviewSource | null) => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<'sample' | 'case'>('sample');
  const [publicId, setPublicId] = useState('');
  const trimmed = publicId.trim();
  const valid = UUID.test(trimmed);

  const choose = (next: 'sample' | 'case', id = publicId) => {
    setKind(next);
    setPublicId(id);
    const clean = id.trim();
    onChange(next === 'sample' ? { kind: 'sample' } : UUID.test(clean) ? { kind: 'case', publicId: clean.toLowerCase() } : null);
  };

  return (
    <Fieldset data-size="sm" className="pm-source">
      <Fieldset.Legend>{t('designer.mapping.source')}</Fieldset.Legend>
      <Radio name="preview-source" value="sample" label={t('designer.mapping.sourceSample')} checked={kind === 'sample'} onChange={() => choose('sample')} />
      <Radio name="preview-source" value="case" label={t('designer.mapping.sourceCase')} checked={kind === 'case'} onChange={() => choose('case')} />
      {kind === 'case' && (
        <Textfield
          label={t('designer.mapping.caseId')}
          description={t('designer.mapping.caseIdHint')}
          value={publicId}
          onChange={(e) => choose('case', e.target.value)}
          error={trimmed && !valid ? t('designer.mapping.caseIdInvalid') : undefined}
          autoComplete="off"
          spellCheck={false}
          data-testid="preview-case-id"
        />
      )}
    </Fieldset>
  );
}
