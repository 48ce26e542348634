import { Textfield } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { Period } from './archive-labels';

interface Props {
  value: Period;
  onChange: (p: Period) => void;
  /** Shown under the field it concerns, once the user tried to submit. */
  problem?: { field: 'from' | 'to'; message: string } | null;
  testId: string;
}

/** Fra dato and Til dato as native date inputs (the browser's own picker, keyboard included). */
export function PeriodFields({ value, onChange, problem, testId }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <Textfield
        className="pm-archive-date"
        type="date"
        label={t('archivist.period.from')}
        value={value.from}
        required
        onChange={(e) => onChange({ ...value, from: e.target.value })}
        error={problem?.field === 'from' ? problem.message : undefined}
        data-testid={`${testId}-from`}
      />
      <Textfield
        className="pm-archive-date"
        type="date"
        label={t('archivist.period.to')}
        value={value.to}
        required
        onChange={(e) => onChange({ ...value, to: e.target.value })}
        error={problem?.field === 'to' ? problem.message : undefined}
        data-testid={`${testId}-to`}
      />
    </>
  );
}
