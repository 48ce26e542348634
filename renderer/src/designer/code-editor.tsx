import { Label, Paragraph, Textarea, ValidationMessage } from '@digdir/designsystemet-react';
import { type UIEvent, useId, useRef } from 'react';

interface Props {
  label: string;
  description?: string;
  value: string;
  onChange: (value: string) => void;
  /** Shown under the field and tied to it (aria-describedby, aria-invalid). */
  error?: string;
  rows?: number;
  testId?: string;
}

/**
 * A plain textarea in a monospace font with line numbers beside it, so "linje 4" in a problem
 * can be found. Tab still moves focus (no keyboard trap); the numbers are hidden from screen
 * readers, which have their own line navigation.
 */
export function CodeEditor({ label, description, value, onChange, error, rows = 18, testId }: Props) {
  const id = useId();
  const gutter = useRef<HTMLPreElement>(null);
  const lines = value.split('\n').length;
  const describedBy = [description ? `${id}-desc` : null, error ? `${id}-err` : null].filter(Boolean).join(' ') || undefined;
  const follow = (event: UIEvent<HTMLTextAreaElement>) => {
    if (gutter.current) gutter.current.scrollTop = event.currentTarget.scrollTop;
  };
  return (
    <div className="pm-code-field">
      <Label htmlFor={id}>{label}</Label>
      {description && (
        <Paragraph id={`${id}-desc`} data-size="sm" className="pm-muted">
          {description}
        </Paragraph>
      )}
      <div className="pm-code-editor">
        <pre className="pm-code-gutter" ref={gutter} aria-hidden="true">
          {Array.from({ length: lines }, (_, i) => i + 1).join('\n')}
        </pre>
        <Textarea
          id={id}
          className="pm-code-input"
          value={value}
          rows={rows}
          wrap="off"
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          onChange={(event) => onChange(event.target.value)}
          onScroll={follow}
          data-testid={testId}
        />
      </div>
      {error && (
        <ValidationMessage id={`${id}-err`} data-testid={testId ? `${testId}-error` : undefined}>
          {error}
        </ValidationMessage>
      )}
    </div>
  );
}
