import { Alert, Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { RegistersView } from '../../../electron/ipc/replies.contract';
import { useFormat } from '../i18n/use-format.hook';
import { DataTable } from '../shared/data-table';
import { type Fact, FactList } from '../shared/fact-list';
import { Section } from '../shared/section';

type Person = NonNullable<RegistersView['person']>;
type Contact = NonNullable<RegistersView['contact']>;

const KRR_STATE_KEYS = { active: 'case.registers.krrStates.active', deleted: 'case.registers.krrStates.deleted', 'not-registered': 'case.registers.krrStates.notRegistered' } as const satisfies Record<Contact['state'], string>;

/** "Folkeregisteret og KRR": who the applicant is, where paper goes, and whether digital post may be used. */
export function CaseRegistersPanel({ registers }: { registers: RegistersView }) {
  const { t } = useTranslation();
  const { person, contact } = registers;
  return (
    <Section id="case-registers-heading" title={t('case.registers.heading')}>
      {!person && !contact ? (
        <Paragraph data-testid="registers-none">{t('case.registers.notLookedUp')}</Paragraph>
      ) : (
        <div className="pm-columns">
          <div>
            <Heading level={3} data-size="xs">
              {t('case.registers.folkeregister')}
            </Heading>
            {person ? <PersonFacts person={person} /> : <Paragraph data-testid="person-none">{t('case.registers.notLookedUp')}</Paragraph>}
          </div>
          <div>
            <Heading level={3} data-size="xs">
              {t('case.registers.krr')}
            </Heading>
            {contact ? <ContactFacts contact={contact} /> : <Paragraph data-testid="contact-none">{t('case.registers.notLookedUp')}</Paragraph>}
          </div>
        </div>
      )}
    </Section>
  );
}

/** "Hentet 29.11. kl. 10.15". */
function LookedUp({ at, testId }: { at: number; testId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Paragraph data-size="sm" className="pm-muted" data-testid={testId}>
      <time dateTime={format.machine(at)}>{t('case.registers.lookedUp', { date: format.dayMonth(at), time: format.time(at) })}</time>
    </Paragraph>
  );
}

function PersonFacts({ person }: { person: Person }) {
  const { t } = useTranslation();
  const format = useFormat();
  const strict = person.addressProtection === 'strengt-fortrolig' || person.addressProtection === 'strengt-fortrolig-utland';
  // Strengt fortrolig: nothing of the address is shown, whatever the hub sent.
  const address = strict ? (
    <Tag data-color="danger" data-size="sm" data-testid="address-protected">
      {t('case.registers.strictlyConfidential')}
    </Tag>
  ) : person.address ? (
    <span className="pm-address">
      {person.address.lines.map((line, i) => (
        <span key={i} className="pm-block">
          {line}
        </span>
      ))}
      <span className="pm-block">
        {person.address.postalCode} {person.address.postalPlace}
      </span>
      {person.address.country && <span className="pm-block">{person.address.country}</span>}
      {person.addressProtection === 'fortrolig' && (
        <Tag data-color="warning" data-size="sm" data-testid="address-confidential">
          {t('case.registers.confidential')}
        </Tag>
      )}
    </span>
  ) : (
    <span className="pm-muted">{t('case.registers.noAddress')}</span>
  );
  const facts: Fact[] = [
    { label: t('case.registers.name'), value: person.name, testId: 'person-name' },
    { label: t('case.registers.status'), value: t(`case.registers.personStatuses.${statusKey(person.status)}`), testId: 'person-status' },
    { label: t('case.registers.address'), value: address, testId: 'person-address' },
  ];
  return (
    <>
      <FactList facts={facts} />
      <Heading level={4} data-size="2xs">
        {t('case.registers.children')}
      </Heading>
      {/* a narrow pane (320 px) scrolls the table inside its own labelled, keyboard-reachable box, never the page */}
      <DataTable
        region={{ label: t('case.registers.children') }}
        rows={person.children}
        rowKey={(c) => c.personNumberMasked}
        empty={t('case.registers.noChildren')}
        caption={t('case.registers.children')}
        testId="person-children"
        columns={[
          { header: t('case.registers.childName'), cell: (c) => c.name ?? <span className="pm-muted">{t('case.registers.unnamed')}</span>, rowHeader: true },
          { header: t('case.registers.birthDate'), cell: (c) => (c.birthDate ? format.isoDate(c.birthDate) : t('common.empty')) },
          {
            header: t('case.registers.personNumber'),
            cell: (c) => (
              <span className="pm-code" aria-label={t('inbox.maskedFnr', { value: c.personNumberMasked })}>
                {c.personNumberMasked}
              </span>
            ),
          },
          { header: t('case.registers.inApplication'), cell: (c) => (c.inApplication ? t('common.yes') : t('common.empty')) },
        ]}
      />
      {person.notChildren.length > 0 && (
        <Alert data-color="warning" data-testid="person-not-children">
          {t('case.registers.notChildren', { count: person.notChildren.length, numbers: person.notChildren.join(', ') })}
        </Alert>
      )}
      <LookedUp at={person.lookedUpAt} testId="person-looked-up" />
    </>
  );
}

function ContactFacts({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  const yesNo = (value: boolean) => (value ? t('common.yes') : t('common.no'));
  const orEmpty = (value: string | null) => value ?? <span className="pm-muted">{t('case.registers.noValue')}</span>;
  const facts: Fact[] = [
    { label: t('case.registers.krrState'), value: t(KRR_STATE_KEYS[contact.state]), testId: 'contact-state' },
    { label: t('case.registers.reserved'), value: yesNo(contact.reserved), testId: 'contact-reserved' },
    { label: t('case.registers.canNotify'), value: yesNo(contact.canNotify), testId: 'contact-can-notify' },
    { label: t('case.registers.email'), value: orEmpty(contact.email), testId: 'contact-email' },
    { label: t('case.registers.mobile'), value: orEmpty(contact.mobile), testId: 'contact-mobile' },
  ];
  return (
    <>
      <FactList facts={facts} />
      <LookedUp at={contact.lookedUpAt} testId="contact-looked-up" />
    </>
  );
}

const PERSON_STATUSES = ['bosatt', 'utflyttet', 'doed', 'forsvunnet', 'ikke-bosatt', 'inaktiv'] as const;
/** Folkeregisteret's status as a label key; anything new falls back to "other". */
const statusKey = (s: string): (typeof PERSON_STATUSES)[number] | 'other' => ((PERSON_STATUSES as readonly string[]).includes(s) ? (s as (typeof PERSON_STATUSES)[number]) : 'other');
