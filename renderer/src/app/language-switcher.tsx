import { Label, Select } from '@digdir/designsystemet-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage, isUiLanguage, setLanguage, type UiLanguage } from '../i18n/i18n';

// Each language named in itself, so a user can find their own whatever is showing.
const NAMES: Record<UiLanguage, string> = { nb: 'Norsk bokmål', nn: 'Norsk nynorsk', en: 'English' };

/** In the user's panel the label sits above the select; `inline` puts it beside, for the header's line. */
export function LanguageSwitcher({ inline = false }: { inline?: boolean }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  return (
    <div className={inline ? 'pm-lang pm-lang--inline' : 'pm-lang'}>
      <Label htmlFor={id} data-size="sm">
        {t('app.language')}
      </Label>
      <Select
        id={id}
        width="auto"
        data-size="sm"
        value={currentLanguage(i18n)}
        onChange={(event) => {
          const value = event.target.value;
          if (isUiLanguage(value)) void setLanguage(i18n, value);
        }}
      >
        {(Object.keys(NAMES) as UiLanguage[]).map((lng) => (
          <Select.Option key={lng} value={lng} lang={lng}>
            {NAMES[lng]}
          </Select.Option>
        ))}
      </Select>
    </div>
  );
}
