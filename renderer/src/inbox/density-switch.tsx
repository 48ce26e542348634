import { ToggleGroup } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { type Density, DENSITIES } from './use-density.hook';

/** Compact (one line per case) or comfortable (two): a Designsystemet toggle group, remembered by useDensity. */
export function DensitySwitch({ value, onChange }: { value: Density; onChange: (next: Density) => void }) {
  const { t } = useTranslation();
  return (
    <ToggleGroup
      data-size="sm"
      aria-label={t('inboxWs.density.label')}
      value={value}
      onChange={(next) => onChange(next === 'comfortable' ? 'comfortable' : 'compact')}
      className="pm-inbox-density"
      data-testid="inbox-density"
    >
      {DENSITIES.map((d) => (
        <ToggleGroup.Item key={d} value={d}>
          {t(`inboxWs.density.${d}`)}
        </ToggleGroup.Item>
      ))}
    </ToggleGroup>
  );
}
