import { Heading, Paragraph, Table } from '@digdir/designsystemet-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SubmissionDetail } from '../../../electron/ipc/contract';

type Form = NonNullable<SubmissionDetail['form']>;
type FormList = Form['lists'][number];

/** The form as the service profile maps it: labelled fields, and each repeating group as a small table. */
export function SubmissionForm({ form }: { form: SubmissionDetail['form'] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="submission-form-heading" className="pm-section" data-testid="submission-form">
      <Heading level={2} data-size="sm" id="submission-form-heading">
        {t('submission.form.heading')}
      </Heading>
      {!form ? (
        <Paragraph>{t('submission.form.none')}</Paragraph>
      ) : (
        <>
          {form.fields.length === 0 ? (
            <Paragraph>{t('submission.form.noFields')}</Paragraph>
          ) : (
            <dl className="pm-facts">
              {form.fields.map((field) => (
                <div key={field.key} className="pm-fact">
                  <dt>{field.label}</dt>
                  <dd>{field.value ?? t('common.empty')}</dd>
                </div>
              ))}
            </dl>
          )}
          {form.lists.map((list) => (
            <FormListTable key={list.key} list={list} />
          ))}
        </>
      )}
    </section>
  );
}

function FormListTable({ list }: { list: FormList }) {
  const { t } = useTranslation();
  const headingId = useId();
  // Columns in first-seen order across all items, so a value missing in one item leaves an empty cell.
  const columns = new Map<string, string>();
  for (const item of list.items) for (const cell of item) if (!columns.has(cell.key)) columns.set(cell.key, cell.label);

  return (
    <div className="pm-section pm-form-list" data-testid={`form-list-${list.key}`}>
      <Heading level={3} data-size="xs" id={headingId}>
        {list.label}
      </Heading>
      {list.items.length === 0 ? (
        <Paragraph>{t('submission.form.listEmpty')}</Paragraph>
      ) : (
        <div className="pm-table-scroll">
          <Table zebra border data-color="neutral" data-size="sm" className="pm-table pm-table--fit" aria-labelledby={headingId}>
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
                    <Table.Cell key={key}>{item.find((cell) => cell.key === key)?.value ?? t('common.empty')}</Table.Cell>
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
