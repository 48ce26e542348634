import { Label, Select } from '@digdir/designsystemet-react';
import { useId } from 'react';

interface Props<V extends string> {
  label: string;
  value: V;
  options: readonly (readonly [V, string])[];
  onChange: (value: V) => void;
  testId?: string;
  disabled?: boolean;
}

/** A native select with its visible label, as one filter field that wraps with the others. */
export function LabeledSelect<V extends string>({ label, value, options, onChange, testId, disabled }: Props<V>) {
  const id = useId();
  return (
    <div className="pm-filter-field">
      <Label htmlFor={id}>{label}</Label>
      <Select id={id} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as V)} data-testid={testId}>
        {options.map(([v, text]) => (
          <Select.Option key={v} value={v}>
            {text}
          </Select.Option>
        ))}
      </Select>
    </div>
  );
}
