import { Paragraph, Spinner } from '@digdir/designsystemet-react';

/** Spinner with visible text; the text (not the icon) is what assistive tech reads. */
export function LoadingState({ label }: { label: string }) {
  return (
    <div className="pm-loading" role="status">
      <Spinner aria-hidden="true" data-size="md" />
      <Paragraph>{label}</Paragraph>
    </div>
  );
}
