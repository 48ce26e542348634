import { Fragment } from 'react';

/** A technical identifier ('noark.archive-incoming') that may wrap only after its dots. */
export function TechName({ value, className }: { value: string; className?: string }) {
  const parts = value.split('.');
  return (
    <code className={className ? `pm-code ${className}` : 'pm-code'}>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 && '.'}
          {i > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </code>
  );
}
