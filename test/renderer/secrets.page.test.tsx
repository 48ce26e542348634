// @vitest-environment jsdom
import './helpers/setup-dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SecretRowDto, SecretsListDto } from '../../electron/ipc/secrets.contract';
import { fail, ok } from '../../renderer/src/bridge/bridge';
import { FakeBridge, type FakeHandlers } from '../../renderer/src/bridge/fake-bridge';
import { deskUserFixture, NOW, sessionFixture, statusFixture } from './helpers/fixtures';
import { renderApp } from './helpers/render-app';

const IDA = deskUserFixture({ account: 'ida', name: 'Ida IT-drift', roles: ['it-admin'], groups: [] });
const DAY = 86_400_000;

function row(overrides: Partial<SecretRowDto> = {}): SecretRowDto {
  return {
    name: 'virksomhet',
    kind: 'pkcs12',
    subject: 'C=NO, O=Demo kommune, CN=Demo kommune Postmottak',
    issuer: 'C=NO, O=Buypass AS, CN=Buypass Class 3 CA 3',
    notBefore: NOW - 300 * DAY,
    notAfter: NOW + 12 * DAY,
    daysLeft: 12,
    expiry: 'warning',
    fingerprint: 'AB:CD:EF',
    importedAt: NOW - DAY,
    importedBy: 'ida',
    source: 'store',
    previous: null,
    refs: ['integrations.altinn.maskinporten.privateKey'],
    ...overrides,
  };
}

const listOf = (rows: SecretRowDto[], protection: SecretsListDto['store']['protection'] = 'encrypted'): SecretsListDto => ({
  store: { kind: protection === 'plain' ? 'env+file' : 'env+encrypted-file', protection, writable: true },
  warningDays: 30,
  rows,
});

function bridge(handlers: FakeHandlers = {}, rows: SecretRowDto[] = [row()], protection: SecretsListDto['store']['protection'] = 'encrypted') {
  return new FakeBridge({
    'system.status': () => ok(statusFixture()),
    'session.get': () => ok(sessionFixture({ user: IDA })),
    'secrets.list': () => ok(listOf(rows, protection)),
    ...handlers,
  });
}

describe('Nøkler og sertifikater', () => {
  it('lists names with expiry as date, days left and a warning tag, where the config uses them, and never a value', async () => {
    const expired = row({ name: 'gammel', notAfter: NOW - 3 * DAY, daysLeft: -3, expiry: 'expired', refs: [] });
    const password = row({ name: 'noark.password', kind: 'secret', subject: null, issuer: null, notAfter: null, notBefore: null, daysLeft: null, expiry: null, fingerprint: null, refs: ['integrations.archive.noark5.auth.password'] });
    renderApp(bridge({}, [expired, password, row()]), { path: '/sertifikater' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Nøkler og sertifikater' })).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Lagrede nøkler, sertifikater og passord' });
    const v = within(table).getByTestId('secret-virksomhet');
    expect(within(v).getByTestId('secret-expiry-virksomhet').textContent).toMatch(/^\d{2}\.\d{2}\.\d{4} \(om 12 dager\) Utløper snart$/);
    // where it is used: the integration by name, the rest of the config path as the file has it
    expect(within(v).getByText('maskinporten.privateKey').closest('li')!.textContent).toBe('Altinn 3 (innsendinger) maskinporten.privateKey');
    expect(within(v).getByText('Sertifikat med nøkkel (PKCS#12)')).toBeTruthy();
    expect(within(v).getByText('Utsteder: C=NO, O=Buypass AS, CN=Buypass Class 3 CA 3')).toBeTruthy();
    // referenced: no delete; unreferenced: delete offered
    expect(within(v).queryByRole('button', { name: 'Slett: virksomhet' })).toBeNull();
    const g = within(table).getByTestId('secret-gammel');
    expect(within(g).getByTestId('secret-expiry-gammel').textContent).toContain('(utløpt for 3 dager siden) Utløpt');
    expect(within(g).getByRole('button', { name: 'Slett: gammel' })).toBeTruthy();
    expect(within(table).getByTestId('secret-noark.password').textContent).toContain('Utløper ikke');
    // the store encrypts: a note, no warning
    expect(screen.getByTestId('secrets-store-note').textContent).toContain('AES-256-GCM');
    expect(screen.queryByTestId('secrets-store-warning')).toBeNull();
  });

  it('warns plainly when the headless host keeps secrets unencrypted, saying how to set the key', async () => {
    renderApp(bridge({}, [row()], 'plain'), { path: '/sertifikater' });
    const warning = await screen.findByTestId('secrets-store-warning');
    expect(within(warning).getByRole('heading', { name: 'Hemmelighetene lagres ukryptert' })).toBeTruthy();
    expect(warning.textContent).toContain('POSTMOTTAK_SECRETS_KEY');
    expect(warning.textContent).toContain('openssl rand -base64 32');
  });

  it('imports a file with its passphrase, shows the expiry and warnings, and clears the passphrase', async () => {
    const b = bridge({
      'secrets.import': () =>
        ok({ name: 'virksomhet', kind: 'pkcs12', rotation: false, applied: true, warnings: ['Sertifikatet utløper om 12 dager. Bestill et nytt i god tid.'], row: row() }),
    });
    renderApp(b, { path: '/sertifikater' });
    const form = await screen.findByTestId('secret-import-form');
    fireEvent.click(within(form).getByRole('button', { name: 'Importer' }));
    expect(await within(form).findByText('Skriv inn et navn.')).toBeTruthy();
    fireEvent.change(within(form).getByLabelText('Navn'), { target: { value: 'virksomhet' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Importer' }));
    expect(await within(form).findByText('Velg en fil.')).toBeTruthy();
    const bytes = new Uint8Array([0x30, 0x82, 0x01, 0x02, 0xff]);
    fireEvent.change(within(form).getByLabelText('Fil'), { target: { files: [new File([bytes], 'virksomhet.p12', { type: 'application/x-pkcs12' })] } });
    const pass = within(form).getByLabelText('Passord til filen', { exact: false });
    expect(pass.getAttribute('type')).toBe('password');
    fireEvent.change(pass, { target: { value: 'hemmelig' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Importer' }));
    const result = await screen.findByTestId('secret-import-result');
    expect(result.textContent).toContain('«virksomhet» er importert.');
    expect(result.textContent).toMatch(/Utløper \d{2}\.\d{2}\.\d{4} \(om 12 dager\)\./);
    expect(result.textContent).toContain('Bestill et nytt i god tid.');
    expect(result.textContent).toContain('Integrasjonene som bruker navnet, er koblet opp på nytt med den nye verdien.');
    expect(b.callsTo('secrets.import')).toEqual([{ name: 'virksomhet', fileName: 'virksomhet.p12', base64: Buffer.from(bytes).toString('base64'), passphrase: 'hemmelig' }]);
    expect((pass as HTMLInputElement).value).toBe('');
  });

  it('shows the hub’s refusal of a wrong passphrase in words', async () => {
    const b = bridge({ 'secrets.import': () => fail('conflict', 'Passordet passer ikke til «v.p12».') });
    renderApp(b, { path: '/sertifikater' });
    const form = await screen.findByTestId('secret-import-form');
    fireEvent.change(within(form).getByLabelText('Navn'), { target: { value: 'v' } });
    fireEvent.change(within(form).getByLabelText('Fil'), { target: { files: [new File([new Uint8Array([1])], 'v.p12')] } });
    fireEvent.click(within(form).getByRole('button', { name: 'Importer' }));
    expect(await within(form).findByText('Passordet passer ikke til «v.p12».')).toBeTruthy();
  });

  it('rotation: shows the kept previous value with its expiry, confirms through a dialog, and «Importer ny verdi» fills in the name', async () => {
    let rows = [row({ name: 'altinn.key', previous: { ...row(), notAfter: NOW + 5 * DAY, daysLeft: 5, fingerprint: 'OLD' }, daysLeft: 365, notAfter: NOW + 365 * DAY, expiry: 'ok' })];
    const b = new FakeBridge({
      'system.status': () => ok(statusFixture()),
      'session.get': () => ok(sessionFixture({ user: IDA })),
      'secrets.list': () => ok(listOf(rows)),
      'secrets.confirmRotation': ({ name }) => {
        rows = rows.map((r) => ({ ...r, previous: null }));
        return ok({ name });
      },
    });
    renderApp(b, { path: '/sertifikater' });
    const prev = await screen.findByTestId('secret-previous-altinn.key');
    expect(prev.textContent).toContain('Den forrige verdien beholdes til den nye har virket.');
    expect(prev.textContent).toContain('(om 5 dager) Utløper snart');
    fireEvent.click(screen.getByRole('button', { name: 'Importer ny verdi: altinn.key' }));
    expect((within(screen.getByTestId('secret-import-form')).getByLabelText('Navn') as HTMLInputElement).value).toBe('altinn.key');

    fireEvent.click(screen.getByRole('button', { name: 'Den nye virker – fjern den gamle: altinn.key' }));
    const dialog = await screen.findByTestId('secret-confirm-dialog');
    expect(within(dialog).getByRole('heading', { name: 'Fjerne den gamle verdien av «altinn.key»?' })).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Fjern den gamle' }));
    expect((await screen.findByTestId('secret-action-result')).textContent).toBe('Den gamle verdien av «altinn.key» er fjernet.');
    expect(b.callsTo('secrets.confirmRotation')).toEqual([{ name: 'altinn.key' }]);
    await waitFor(() => expect(screen.queryByTestId('secret-previous-altinn.key')).toBeNull());
  });

  it('sets a password write-only and clears the field', async () => {
    const b = bridge({ 'secrets.set': ({ name }) => ok({ name, rotation: false, applied: false }) });
    renderApp(b, { path: '/sertifikater' });
    const form = await screen.findByTestId('secret-set-form');
    fireEvent.change(within(form).getByLabelText('Navn'), { target: { value: 'smtp.password' } });
    const value = within(form).getByLabelText('Verdi') as HTMLInputElement;
    expect(value.type).toBe('password');
    fireEvent.change(value, { target: { value: 's3cret' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Lagre' }));
    expect((await screen.findByTestId('secret-set-result')).textContent).toBe('«smtp.password» er lagret.');
    expect(b.callsTo('secrets.set')).toEqual([{ name: 'smtp.password', value: 's3cret' }]);
    expect(value.value).toBe('');
  });

  it('is in the nav for IT only', async () => {
    const { unmount } = renderApp(bridge(), { path: '/' });
    expect(await screen.findByRole('link', { name: 'Nøkler og sertifikater' })).toBeTruthy();
    unmount();
    renderApp(bridge({ 'session.get': () => ok(sessionFixture()) }), { path: '/' });
    // a caseworker lands on Innboks (#14)
    expect(await screen.findByRole('heading', { level: 1, name: 'Innboks' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Nøkler og sertifikater' })).toBeNull();
  });

  it('is complete in nynorsk and English', async () => {
    renderApp(bridge(), { path: '/sertifikater', language: 'nn' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Nøklar og sertifikat' })).toBeTruthy();
    expect(screen.getByTestId('secret-expiry-virksomhet').textContent).toContain('om 12 dagar');
  });
});
