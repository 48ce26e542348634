import { Heading, Paragraph } from '@digdir/designsystemet-react';

/** The page's h1; focusable so the layout can move focus here after navigation. */
export function PageHeading({ title, intro }: { title: string; intro?: string }) {
  return (
    <div className="pm-page-head">
      <Heading level={1} data-size="lg" tabIndex={-1} className="pm-page-heading">
        {title}
      </Heading>
      {intro && <Paragraph className="pm-muted">{intro}</Paragraph>}
    </div>
  );
}
