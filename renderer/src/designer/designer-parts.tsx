import { Link, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { DesignVersionDto } from '../../../electron/ipc/designer.contract';

/** Back to the designer's overview, as the case page links back to the inbox. */
export function BackToDesigner() {
  const { t } = useTranslation();
  return (
    <div>
      <Link asChild>
        <RouterLink to="/designer" className="pm-back">
          {t('designer.back')}
        </RouterLink>
      </Link>
    </div>
  );
}

/** Where the editor's text came from: the draft, a copy of the active version, or nothing yet. */
export function EditingFrom({ versions }: { versions: DesignVersionDto[] }) {
  const { t } = useTranslation();
  const draft = versions.find((v) => v.status === 'draft');
  const active = versions.find((v) => v.status === 'active');
  const text = draft
    ? t('designer.editing.draft', { n: draft.version })
    : active
      ? t('designer.editing.active', { n: active.version })
      : t('designer.editing.new');
  return (
    <Paragraph data-size="sm" className="pm-muted" data-testid="design-editing">
      {text}
    </Paragraph>
  );
}

/** The text to start editing from: the draft if there is one, else the active version. */
export const startingVersion = (versions: DesignVersionDto[]): DesignVersionDto | undefined =>
  versions.find((v) => v.status === 'draft') ?? versions.find((v) => v.status === 'active');
