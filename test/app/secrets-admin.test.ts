import { generateKeyPairSync } from 'node:crypto';
import { importPKCS8 } from 'jose';
import forge from 'node-forge';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readCertificateFile } from '../../electron/app/secrets/certificate-import';
import { createEnvSecretStore } from '../../electron/app/secrets/env-secret-store';
import { layeredSecretStore } from '../../electron/app/secrets/file-secret-store';
import { createMemorySecretStore } from '../../electron/app/secrets/memory-secret-store';
import { createSecretsAdmin, expiryState, integrationOfPath, secretRefs, type SecretsAdminDeps } from '../../electron/app/secrets/secrets-admin.service';
import type { AuditEntry, AuditEntryInput } from '../../electron/core/ports/audit-log.port';
import type { IntegrationHealth } from '../../electron/core/ports/health.port';
import { integrationHealth } from '../helpers/integration-health.fixture';
import { FakeClock } from '../helpers/fake-clock';
import { makePkcs12, type Pkcs12Fixture } from '../helpers/pkcs12-fixture';

const DAY = 86_400_000;
const clock = new FakeClock();
const T0 = clock.now();
beforeEach(() => clock.set(T0));
let p12: Pkcs12Fixture;
let p12b: Pkcs12Fixture;
beforeAll(() => {
  p12 = makePkcs12({ now: clock.now(), daysValid: 20 });
  p12b = makePkcs12({ now: clock.now(), daysValid: 365, cn: 'Demo kommune Postmottak 2', passphrase: 'nytt-passord' });
});

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64');
const CONFIG = {
  integrations: {
    altinn: { maskinporten: { clientId: 'c', privateKey: { secret: 'altinn.key' } } },
    archive: { noark5: { auth: { kind: 'basic', password: { secret: 'noark.password' } } } },
    internal: { targets: [{ id: 'ist', auth: { password: { secret: 'noark.password' } } }] },
  },
};

function setup(o: { health?: IntegrationHealth[]; connectedAt?: number } = {}) {
  const secrets = createMemorySecretStore();
  const audit: AuditEntry[] = [];
  const deps: SecretsAdminDeps = {
    secrets,
    config: () => CONFIG,
    audit: {
      append: async (e: AuditEntryInput, at: number) => {
        const entry = { seq: audit.length + 1, at, actor: e.actor, action: e.action, subject: e.subject ?? null, details: e.details ?? {}, prevHash: '', hash: '' };
        audit.push(entry);
        return entry;
      },
      recent: async (n: number) => audit.slice(-n).reverse(),
    },
    uow: (fn) => fn(),
    health: o.health ? { integrations: async () => o.health! } : null,
    now: () => clock.now(),
    connectedAt: o.connectedAt ?? clock.now(),
  };
  return { admin: createSecretsAdmin(deps), secrets, audit };
}

const health = (integration: string, lastSuccessAt: number | null): IntegrationHealth => integrationHealth({ integration, state: 'ok', lastSuccessAt, successes: 1 });

describe('certificate import', () => {
  it('reads a PKCS#12 with its passphrase: the key as PKCS#8 PEM the Maskinporten client imports, and the public facts', async () => {
    const m = readCertificateFile(p12.p12, 'virksomhet.p12', p12.passphrase);
    expect(m.kind).toBe('pkcs12');
    expect(m.keyPem).toBe(p12.keyPem);
    expect(m.facts).toEqual({ subject: p12.subject, issuer: p12.subject, notBefore: expect.any(Number), notAfter: p12.notAfter, fingerprint: p12.fingerprint });
    expect(m.facts!.subject).toBe('C=NO, O=Demo kommune, serialNumber=999999999, CN=Demo kommune Postmottak');
    // the format integrations/shared/auth/maskinporten.client.ts reads
    await expect(importPKCS8(m.keyPem!, 'RS256')).resolves.toBeTruthy();
  });

  it('refuses a wrong passphrase and a file that is no certificate, in words', () => {
    expect(() => readCertificateFile(p12.p12, 'virksomhet.p12', 'feil')).toThrow('Passordet passer ikke til «virksomhet.p12». Skriv inn passordet du fikk sammen med sertifikatet');
    expect(() => readCertificateFile(Buffer.from('dette er et brev, ikke et sertifikat'), 'brev.pdf', undefined)).toThrow(
      'Filen «brev.pdf» er ikke et sertifikat eller en nøkkel Postmottak kan lese. Bruk PKCS#12 (.p12 eller .pfx med passord) eller PEM (.pem, .crt, .key).',
    );
  });

  it('reads PEM: certificate and key together, a PKCS#1 key alone (converted to PKCS#8), an encrypted key with its passphrase', async () => {
    const both = readCertificateFile(Buffer.from(p12.certPem + p12.keyPem), 'sert.pem', undefined);
    expect(both).toMatchObject({ kind: 'pem-certificate', keyPem: p12.keyPem });
    expect(both.facts!.fingerprint).toBe(p12.fingerprint);

    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pkcs1 = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const bare = readCertificateFile(Buffer.from(pkcs1), 'maskinporten.key', undefined);
    expect(bare).toMatchObject({ kind: 'private-key', certPem: null, facts: null });
    expect(bare.keyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    await expect(importPKCS8(bare.keyPem!, 'RS256')).resolves.toBeTruthy();

    const encrypted = privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'nokkelpassord' }).toString();
    expect(readCertificateFile(Buffer.from(encrypted), 'k.pem', 'nokkelpassord').keyPem).toBe(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    expect(() => readCertificateFile(Buffer.from(encrypted), 'k.pem', 'feil')).toThrow('Passordet passer ikke til nøkkelen i «k.pem».');
    expect(() => readCertificateFile(Buffer.from(encrypted), 'k.pem', undefined)).toThrow('Nøkkelen i «k.pem» er kryptert. Skriv inn passordet til nøkkelen.');
    // a certificate with someone else's key
    expect(() => readCertificateFile(Buffer.from(p12.certPem + pkcs1), 'feil.pem', undefined)).toThrow('Sertifikatet og den private nøkkelen i «feil.pem» hører ikke sammen');
  });

  it('reads a bare DER certificate', () => {
    const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(forge.pki.certificateFromPem(p12.certPem))).getBytes(), 'binary');
    expect(readCertificateFile(der, 'sert.cer', undefined)).toMatchObject({ kind: 'pem-certificate', keyPem: null, facts: { fingerprint: p12.fingerprint } });
  });
});

describe('secrets admin', () => {
  it('imports under the chosen name: the key where the integrations read it, the chain and facts beside it, audited without values', async () => {
    const { admin, secrets, audit } = setup();
    const r = await admin.importFile({ name: 'altinn.key', fileName: 'virksomhet.p12', base64: b64(p12.p12), passphrase: p12.passphrase }, 'ida');
    expect(r).toMatchObject({ name: 'altinn.key', kind: 'pkcs12', rotation: false, row: { daysLeft: 20, expiry: 'warning', fingerprint: p12.fingerprint } });
    expect(r.warnings).toEqual(['Sertifikatet utløper om 20 dager. Bestill et nytt i god tid.']);
    expect(await secrets.get('altinn.key')).toBe(p12.keyPem);
    expect(await secrets.get('altinn.key#cert')).toContain('-----BEGIN CERTIFICATE-----');
    const rows = await admin.list();
    const row = rows.find((x) => x.name === 'altinn.key')!;
    expect(row).toMatchObject({ source: 'store', kind: 'pkcs12', subject: p12.subject, notAfter: p12.notAfter, daysLeft: 20, expiry: 'warning', importedBy: 'ida', previous: null, refs: ['integrations.altinn.maskinporten.privateKey'] });
    // the password the config references but the store lacks
    expect(rows.find((x) => x.name === 'noark.password')).toMatchObject({ source: 'missing', refs: ['integrations.archive.noark5.auth.password', 'integrations.internal.targets[0].auth.password'] });
    expect(audit.map((a) => [a.actor, a.action, a.subject])).toEqual([['ida', 'secrets.imported', 'secret:altinn.key']]);
    expect(audit[0]!.details).toEqual({ kind: 'pkcs12', fingerprint: p12.fingerprint, notAfter: p12.notAfter, hasKey: true, rotation: false });
    const trail = JSON.stringify(audit);
    expect(trail).not.toContain(p12.passphrase);
    expect(trail).not.toContain(p12.keyPem.split('\n')[1]!);
    expect(await admin.certificates()).toEqual([
      { name: 'altinn.key', kind: 'pkcs12', subject: p12.subject, issuer: p12.subject, notBefore: expect.any(Number), notAfter: p12.notAfter, fingerprint: p12.fingerprint, importedAt: clock.now(), importedBy: 'ida', previousKept: false },
    ]);
  });

  it('refuses a wrong passphrase, a bad name and an oversized file, and accepts an expired certificate with a warning', async () => {
    const { admin, secrets } = setup();
    await expect(admin.importFile({ name: 'altinn.key', fileName: 'v.p12', base64: b64(p12.p12), passphrase: 'feil' }, 'ida')).rejects.toThrow(/Passordet passer ikke/);
    await expect(admin.importFile({ name: 'altinn key', fileName: 'v.p12', base64: b64(p12.p12), passphrase: p12.passphrase }, 'ida')).rejects.toThrow(/kan ikke brukes/);
    await expect(admin.importFile({ name: 'big', fileName: 'v.p12', base64: b64(Buffer.alloc(65 * 1024)), passphrase: 'x' }, 'ida')).rejects.toThrow(/større enn 64 KB/);
    expect(await secrets.names()).toEqual([]);
    const expired = makePkcs12({ now: clock.now() - 400 * DAY, daysValid: 30 });
    const r = await admin.importFile({ name: 'gammel', fileName: 'g.pfx', base64: b64(expired.p12), passphrase: expired.passphrase }, 'ida');
    expect(r.warnings[0]).toMatch(/^Sertifikatet er allerede utløpt/);
    expect(r.row.expiry).toBe('expired');
  });

  it('rotates without downtime: the new value is in force, the old kept (shown with its expiry) until IT confirms', async () => {
    const { admin, secrets, audit } = setup();
    await admin.importFile({ name: 'altinn.key', fileName: 'a.p12', base64: b64(p12.p12), passphrase: p12.passphrase }, 'ida');
    const r = await admin.importFile({ name: 'altinn.key', fileName: 'b.p12', base64: b64(p12b.p12), passphrase: p12b.passphrase }, 'ida');
    expect(r.rotation).toBe(true);
    expect(await secrets.get('altinn.key')).toBe(p12b.keyPem);
    expect(await secrets.get('altinn.key@previous')).toBe(p12.keyPem);
    const row = (await admin.list()).find((x) => x.name === 'altinn.key')!;
    expect(row).toMatchObject({ fingerprint: p12b.fingerprint, daysLeft: 365, expiry: 'ok', previous: { fingerprint: p12.fingerprint, daysLeft: 20, expiry: 'warning' } });
    // internal entries are never listed as names of their own
    expect((await admin.list()).map((x) => x.name)).toEqual(['altinn.key', 'noark.password']);
    expect((await admin.certificates())[0]!.previousKept).toBe(true);

    await admin.confirmRotation('altinn.key', 'ida');
    expect(await secrets.get('altinn.key@previous')).toBeUndefined();
    expect(await secrets.get('altinn.key@previous#meta')).toBeUndefined();
    expect((await admin.list()).find((x) => x.name === 'altinn.key')!.previous).toBeNull();
    await expect(admin.confirmRotation('altinn.key', 'ida')).rejects.toThrow(/ingen tidligere verdi/);
    expect(audit.map((a) => a.action)).toEqual(['secrets.imported', 'secrets.imported', 'secrets.rotation-confirmed']);
    expect(audit[2]!.details).toEqual({ by: 'it', removedFingerprint: p12.fingerprint });
  });

  it('rolls back to the previous value when the new one does not work', async () => {
    const { admin, secrets } = setup();
    await admin.setSecret('noark.password', 'gammelt', 'ida');
    await admin.setSecret('noark.password', 'nytt', 'ida');
    expect(await secrets.get('noark.password')).toBe('nytt');
    await admin.rollback('noark.password', 'ida');
    expect(await secrets.get('noark.password')).toBe('gammelt');
    expect(await secrets.get('noark.password@previous')).toBeUndefined();
  });

  it('confirms a rotation by itself once «Test tilkobling» or a job of an integration that uses the name has succeeded since', async () => {
    // a successful Test tilkobling of the Altinn card after the import
    const a = setup();
    await a.admin.importFile({ name: 'altinn.key', fileName: 'a.p12', base64: b64(p12.p12), passphrase: p12.passphrase }, 'ida');
    clock.advance(1000);
    await a.admin.importFile({ name: 'altinn.key', fileName: 'b.p12', base64: b64(p12b.p12), passphrase: p12b.passphrase }, 'ida');
    clock.advance(1000);
    a.audit.push({ seq: 99, at: clock.now(), actor: 'ida', action: 'integrations.tested', subject: 'integrations.archive', details: { integration: 'archive', ok: true }, prevHash: '', hash: '' });
    expect((await a.admin.list()).find((x) => x.name === 'altinn.key')!.previous).not.toBeNull(); // another integration's test does not count
    a.audit.push({ seq: 100, at: clock.now(), actor: 'ida', action: 'integrations.tested', subject: 'integrations.altinn2', details: { integration: 'altinn2', ok: true }, prevHash: '', hash: '' });
    expect((await a.admin.list()).find((x) => x.name === 'altinn.key')!.previous).toBeNull();
    expect(await a.secrets.get('altinn.key@previous')).toBeUndefined();
    expect(a.audit.at(-1)).toMatchObject({ actor: 'system', action: 'secrets.rotation-confirmed', details: { by: 'test-tilkobling' } });

    // a job success counts only when the integrations were connected after the import (else it ran on the old value)
    const importedAt = clock.now();
    const stale = setup({ health: [health('archive', importedAt + 5000)], connectedAt: importedAt - 1 });
    await stale.admin.setSecret('noark.password', 'gammelt', 'ida');
    await stale.admin.setSecret('noark.password', 'nytt', 'ida');
    expect((await stale.admin.list()).find((x) => x.name === 'noark.password')!.previous).not.toBeNull();
    const fresh = setup({ health: [health('archive', importedAt + 5000)], connectedAt: importedAt + 1000 });
    await fresh.admin.setSecret('noark.password', 'gammelt', 'ida');
    await fresh.admin.setSecret('noark.password', 'nytt', 'ida');
    expect((await fresh.admin.list()).find((x) => x.name === 'noark.password')!.previous).toBeNull();
  });

  it('refuses to delete a name the configuration references, and deletes one it does not', async () => {
    const { admin, secrets, audit } = setup();
    await admin.setSecret('noark.password', 'p', 'ida');
    await admin.importFile({ name: 'ubrukt', fileName: 'a.p12', base64: b64(p12.p12), passphrase: p12.passphrase }, 'ida');
    await expect(admin.remove('noark.password', 'ida')).rejects.toThrow(
      '«noark.password» kan ikke slettes fordi konfigurasjonen bruker den (integrations.archive.noark5.auth.password, integrations.internal.targets[0].auth.password).',
    );
    await admin.remove('ubrukt', 'ida');
    expect((await secrets.names()).sort()).toEqual(['noark.password', 'noark.password#meta']);
    expect(audit.at(-1)).toMatchObject({ action: 'secrets.deleted', subject: 'secret:ubrukt', details: { kind: 'pkcs12', fingerprint: p12.fingerprint } });
    await expect(admin.remove('ubrukt', 'ida')).rejects.toThrow(/Fant ingen hemmelighet/);
  });

  it('finds references anywhere in the configuration and maps them to the health keys', () => {
    expect([...secretRefs(CONFIG)]).toEqual([
      ['altinn.key', ['integrations.altinn.maskinporten.privateKey']],
      ['noark.password', ['integrations.archive.noark5.auth.password', 'integrations.internal.targets[0].auth.password']],
    ]);
    expect(integrationOfPath('integrations.altinn2.systemPassword')).toBe('altinn');
    expect(integrationOfPath('integrations.internal.targets[0].auth.password')).toBe('internal');
    expect(integrationOfPath('alerts.smtp.password')).toBe('smtp');
    expect(integrationOfPath('store.password')).toBeNull();
  });
});

describe('secrets admin over a layered store', () => {
  it('warns when an environment variable overrides the imported name', async () => {
    const secrets = layeredSecretStore(createEnvSecretStore({ POSTMOTTAK_SECRET_ALTINN_KEY: 'fra-miljø' }), createMemorySecretStore());
    const admin = createSecretsAdmin({ secrets, config: () => ({}), audit: { append: async () => ({}) as AuditEntry, recent: async () => [] }, uow: (fn) => fn(), health: null, now: () => clock.now(), connectedAt: 0 });
    const r = await admin.importFile({ name: 'altinn.key', fileName: 'a.p12', base64: b64(p12.p12), passphrase: p12.passphrase }, 'ida');
    expect(r.warnings).toContain('En miljøvariabel eller demoen gir allerede «altinn.key» en verdi, og den brukes i stedet for den du importerte. Fjern miljøvariabelen, eller bruk et annet navn.');
  });
});

describe('#17 review: the screen warns when the alert does (alerts.certificateWarnDays)', () => {
  it('uses the configured days, 30 by default', () => {
    const now = Date.UTC(2026, 11, 7);
    const in20 = now + 20 * 86_400_000;
    expect(expiryState(in20, now)).toBe('warning');
    expect(expiryState(in20, now, 10)).toBe('ok');
    expect(expiryState(now + 5 * 86_400_000, now, 10)).toBe('warning');
    expect(expiryState(now - 1, now, 10)).toBe('expired');
  });
});
