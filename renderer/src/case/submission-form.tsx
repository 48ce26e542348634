import { Heading, Paragraph, Table } from '@digdir/designsystemet-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SubmissionDetail } from '../../../electron/ipc/contract';
import { useFormat } from '../i18n/use-format.hook';

type Form = NonNullable<SubmissionDetail['form']>;
type FormList = Form['lists'][number];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * One value as the applicant meant it, in the reader's format: dates as «23.05.2027» (never
 * ISO), yes/no in words, several lines kept. The contract carries form values as text, so the
 * shape of the value decides (the profile's field type does not cross yet).
 */
export function FormValue({ value }: { value: string | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (value === null || value.trim() === '') return <span className="pm-muted">{t('common.empty')}</span>;
  const v = value.trim();
  if (ISO_DATE.test(v)) return <time dateTime={v}>{format.calendarDate(v)}</time>;
  const dt = ISO_DATE_TIME.exec(v);
  if (dt) {
    // with a zone it is an instant (shown in Norwegian time); without, the clock the applicant wrote
    const shown = dt[4] ? format.dateTime(Date.parse(v)) : `${format.calendarDate(dt[1]!)} ${dt[2]}:${dt[3]}`;
    return <time dateTime={v}>{shown}</time>;
  }
  if (v === 'true') return <>{t('common.yes')}</>;
  if (v === 'false') return <>{t('common.no')}</>;
  return <span className={value.includes('\n') ? 'pm-pre' : undefined}>{value}</span>;
}

/**
 * The form as the service profile maps it: labelled fields, and each repeating group (the
 * children, …) as a small table. The surrounding pane names it, so it has no heading of its own.
 */
export function SubmissionForm({ form, listHeadingLevel = 3 }: { form: SubmissionDetail['form']; listHeadingLevel?: 3 | 4 }) {
  const { t } = useTranslation();
  if (!form) {
    return (
      <Paragraph data-testid="submission-form" data-size="sm">
        {t('submission.form.none')}
      </Paragraph>
    );
  }
  return (
    <div className="pm-app-form" data-testid="submission-form">
      {form.fields.length === 0 ? (
        <Paragraph data-size="sm">{t('submission.form.noFields')}</Paragraph>
      ) : (
        <dl className="pm-app-fields">
          {form.fields.map((field) => (
            <div key={field.key} className="pm-app-field" data-testid={`form-field-${field.key}`}>
              <dt>{field.label}</dt>
              <dd>
                <FormValue value={field.value} />
              </dd>
            </div>
          ))}
        </dl>
      )}
      {form.lists.map((list) => (
        <FormListTable key={list.key} list={list} headingLevel={listHeadingLevel} />
      ))}
    </div>
  );
}

function FormListTable({ list, headingLevel }: { list: FormList; headingLevel: 3 | 4 }) {
  const { t } = useTranslation();
  const headingId = useId();
  // Columns in first-seen order across all items, so a value missing in one item leaves an empty cell.
  const columns = new Map<string, string>();
  for (const item of list.items) for (const cell of item) if (!columns.has(cell.key)) columns.set(cell.key, cell.label);

  return (
    <div className="pm-app-list" data-testid={`form-list-${list.key}`}>
      <Heading level={headingLevel} data-size="2xs" id={headingId}>
        {list.label}
      </Heading>
      {list.items.length === 0 ? (
        <Paragraph data-size="sm">{t('submission.form.listEmpty')}</Paragraph>
      ) : (
        // a data table may scroll in its own labelled box; its cells wrap first, so at 320 px it rarely has to
        <div className="pm-table-scroll" role="region" aria-labelledby={headingId} tabIndex={0}>
          <Table zebra border data-color="neutral" data-size="sm" className="pm-table pm-app-table" aria-labelledby={headingId}>
            <Table.Head>
              <Table.Row>
                {[...columns].map(([key, label]) => (
                  <Table.HeaderCell key={key}>{label}</Table.HeaderCell>
                ))}
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {list.items.map((item, i) => (
                <Table.Row key={i}>
                  {[...columns.keys()].map((key) => (
                    <Table.Cell key={key}>
                      <FormValue value={item.find((cell) => cell.key === key)?.value ?? null} />
                    </Table.Cell>
                  ))}
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
    </div>
  );
}
