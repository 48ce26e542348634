import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHub, type Hub } from '../../electron/app/create-hub';
import type { AppConfig } from '../../electron/app/config/config.schema';
import { loadConfig } from '../../electron/app/config/load-config';
import { NO_FILE_MESSAGE, nextRuns, shownChanges } from '../../electron/app/features/integrations-admin.feature';
import { createEnvSecretStore } from '../../electron/app/secrets/env-secret-store';
import { createFileSecretStore } from '../../electron/app/secrets/file-secret-store';
import type { SecretStore } from '../../electron/core/ports/secret-store.port';
import { silentLogger } from '../../electron/core/ports/logger.port';
import type { IntegrationListDto, IntegrationSectionDto, ProbeResultDto, SaveResultDto } from '../../electron/ipc/integrations-admin.contract';
import { tempDir } from '../helpers/temp-dir';
import { testHub } from '../helpers/test-hub';

const YAML_TEXT = `# Postmottak – testkommune
version: 1
jobs:
  pollIntervalMs: 50
access:
  users:
    tester: { name: Ida IT, roles: [it-admin] }
integrations:
  # sak/arkiv
  archive:
    transport: noark5-rest
    noark5:
      url: http://127.0.0.1:9/noark5 # testarkivet
      timeoutMs: 30000
      auth:
        kind: basic
        username: postmottak
        password: { secret: ARKIV_A }
`;

let hub: Hub | undefined;
afterEach(async () => {
  await hub?.stop();
  hub = undefined;
});

async function hubOnFile(reload: ((c: AppConfig) => Promise<void>) | null, o: { secrets?: SecretStore } = {}) {
  const dir = tempDir('pm-intadm-');
  const file = path.join(dir, 'postmottak.yaml');
  fs.writeFileSync(file, YAML_TEXT, { mode: 0o600 });
  const secrets = o.secrets ?? createFileSecretStore(path.join(dir, 'secrets.json'));
  if (!o.secrets) await secrets.set('ARKIV_A', 'hemmelig-a');
  hub = await createHub({
    dataDir: path.join(dir, 'data'),
    config: loadConfig(file).config,
    demo: false,
    host: 'test',
    version: '0.0.0-test',
    secrets,
    actor: 'tester',
    logger: silentLogger,
    configFile: file,
    ...(reload ? { reload } : {}),
  });
  return { hub, file };
}

async function call<T>(h: Hub, channel: string, input: unknown): Promise<T> {
  const r = await h.invoke(channel, input);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

describe('Integrasjoner: the feature through a hub', () => {
  it('lists a card per configured integration with endpoint, secret reference by name and limits', async () => {
    const { hub: h } = await hubOnFile(null);
    const list = await call<IntegrationListDto>(h, 'integrationsAdmin.list', {});
    expect(list.editable).toBe(true);
    expect(list.cards.map((c) => c.key)).toEqual(['archive']);
    const archive = list.cards[0]!;
    expect(archive).toMatchObject({ enabled: true, kind: 'noark5-rest', healthKey: 'archive', section: 'integrations.archive' });
    expect(archive.endpoints).toEqual([{ field: 'noark5.url', value: 'http://127.0.0.1:9/noark5' }]);
    expect(archive.credentials).toEqual([{ field: 'noark5.auth.password', secret: 'ARKIV_A', exists: true }]);
    expect(archive.limits).toEqual([{ field: 'noark5.timeoutMs', value: 30000 }]);
    expect(JSON.stringify(list)).not.toContain('hemmelig-a');
    expect(list.available.map((a) => a.key)).toEqual(['altinn', 'altinn2', 'correspondence', 'registers', 'print']);
  });

  it('finds a secret in the environment store under its variable name (POSTMOTTAK_SECRET_ARKIV_A for ARKIV_A)', async () => {
    const { hub: h } = await hubOnFile(null, { secrets: createEnvSecretStore({ POSTMOTTAK_SECRET_ARKIV_A: 'hemmelig-a', POSTMOTTAK_SECRET_MP_KEY: 'k' }) });
    const list = await call<IntegrationListDto>(h, 'integrationsAdmin.list', {});
    expect(list.cards[0]!.credentials).toEqual([{ field: 'noark5.auth.password', secret: 'ARKIV_A', exists: true }]);
    const s = await call<IntegrationSectionDto>(h, 'integrationsAdmin.get', { key: 'archive' });
    // names the config can reference: the prefix is not part of the reference
    expect(s.secretNames).toEqual(['ARKIV_A', 'MP_KEY']);
  });

  it('reads a section as written, with its JSON Schema and the secret names (never the values)', async () => {
    const { hub: h } = await hubOnFile(null);
    const s = await call<IntegrationSectionDto>(h, 'integrationsAdmin.get', { key: 'archive' });
    expect(s.values).toEqual({ transport: 'noark5-rest', noark5: { url: 'http://127.0.0.1:9/noark5', timeoutMs: 30000, auth: { kind: 'basic', username: 'postmottak', password: { secret: 'ARKIV_A' } } } });
    expect(Object.keys((s.schema.properties ?? {}) as object)).toEqual(expect.arrayContaining(['transport', 'noark5', 'geointegrasjon']));
    expect(s.secretNames).toEqual(['ARKIV_A']);
    expect(s.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('validates with the file’s schema and names the bad field inside the section', async () => {
    const { hub: h } = await hubOnFile(null);
    const s = await call<IntegrationSectionDto>(h, 'integrationsAdmin.get', { key: 'archive' });
    const bad = structuredClone(s.values) as { noark5: { url: string } };
    bad.noark5.url = 'ftp://arkiv';
    const v = await call<{ ok: boolean; problems: { key: string; field: string }[] }>(h, 'integrationsAdmin.validate', { key: 'archive', values: bad });
    expect(v.ok).toBe(false);
    expect(v.problems.length).toBeGreaterThan(0);
    expect(new Set(v.problems.map((p) => `${p.key} ${p.field}`))).toEqual(new Set(['integrations.archive.noark5.url noark5.url']));
  });

  it('saves to the file (comments kept), audits who and what with secrets by name only, and reloads with the new config', async () => {
    const reload = vi.fn(async (_c: AppConfig) => undefined);
    const { hub: h, file } = await hubOnFile(reload);
    const s = await call<IntegrationSectionDto>(h, 'integrationsAdmin.get', { key: 'archive' });
    const next = structuredClone(s.values) as { noark5: { url: string; auth: { password: { secret: string } } } };
    next.noark5.url = 'http://127.0.0.1:19/noark5';
    next.noark5.auth.password = { secret: 'ARKIV_B' };
    const r = await call<SaveResultDto>(h, 'integrationsAdmin.save', { key: 'archive', values: next, hash: s.hash });
    expect(r).toMatchObject({ saved: true, applied: true, message: 'Lagret og tatt i bruk.' });

    const text = fs.readFileSync(file, 'utf8');
    expect(text).toContain('url: http://127.0.0.1:19/noark5 # testarkivet');
    expect(text).toContain('# sak/arkiv');
    expect(reload).toHaveBeenCalledTimes(1);
    expect(reload.mock.calls[0]![0].integrations.archive).toMatchObject({ noark5: { url: 'http://127.0.0.1:19/noark5', auth: { password: { secret: 'ARKIV_B' } } } });

    const entry = (await h.audit.recent(5)).find((e) => e.action === 'integrations.config-saved')!;
    expect(entry).toMatchObject({ actor: 'tester', subject: 'integrations.archive' });
    expect(entry.details.changes).toEqual([
      { key: 'integrations.archive.noark5.url', before: 'http://127.0.0.1:9/noark5', after: 'http://127.0.0.1:19/noark5' },
      { key: 'integrations.archive.noark5.auth.password', before: { secret: 'ARKIV_A' }, after: { secret: 'ARKIV_B' } },
    ]);
    expect(JSON.stringify(entry)).not.toContain('hemmelig-a');

    // a second save with the old hash: the file changed since that read
    const again = await call<SaveResultDto>(h, 'integrationsAdmin.save', { key: 'archive', values: s.values, hash: s.hash });
    expect(again).toMatchObject({ saved: false, message: 'Filen er endret av noen andre – last inn på nytt.' });
  });

  it('hides any value under a password-, secret- or token-like key as «skjult», and fødselsnummer', () => {
    const shown = shownChanges([
      { key: 'integrations.correspondence.resources', before: { 'token-svar': 'abc' }, after: { 'token-svar': 'def' } },
      { key: 'integrations.x.password', before: 'klartekst', after: 'annen' },
      { key: 'integrations.x.clientSecret', before: { secret: 'A' }, after: { secret: 'B' } },
      { key: 'integrations.x.note', before: 'for 01017000027', after: null },
    ]);
    expect(shown).toEqual([
      { key: 'integrations.correspondence.resources', before: { 'token-svar': '«skjult»' }, after: { 'token-svar': '«skjult»' } },
      { key: 'integrations.x.password', before: '«skjult»', after: '«skjult»' },
      { key: 'integrations.x.clientSecret', before: { secret: 'A' }, after: { secret: 'B' } },
      { key: 'integrations.x.note', before: 'for 010170*****', after: null },
    ]);
  });

  it('goes back to the previous file when the new config cannot start, and says so', async () => {
    const reload = vi.fn(async () => {
      throw new Error('hemmeligheten «ARKIV_B» finnes ikke');
    });
    const { hub: h, file } = await hubOnFile(reload);
    const s = await call<IntegrationSectionDto>(h, 'integrationsAdmin.get', { key: 'archive' });
    const next = structuredClone(s.values) as { noark5: { timeoutMs: number } };
    next.noark5.timeoutMs = 45000;
    const r = await call<SaveResultDto>(h, 'integrationsAdmin.save', { key: 'archive', values: next, hash: s.hash });
    expect(r.saved).toBe(false);
    expect(r.applied).toBe(false);
    expect(r.message).toContain('hemmeligheten «ARKIV_B» finnes ikke');
    expect(r.message).toContain('kjører videre med det forrige');
    expect(fs.readFileSync(file, 'utf8')).toBe(YAML_TEXT);
    expect((await h.audit.recent(5)).map((e) => e.action)).toEqual(expect.arrayContaining(['integrations.config-saved', 'integrations.config-rolled-back']));
  });

  it('refuses a save that does not pass the schema, with the field named, and leaves the file', async () => {
    const { hub: h, file } = await hubOnFile(null);
    const s = await call<IntegrationSectionDto>(h, 'integrationsAdmin.get', { key: 'archive' });
    const next = structuredClone(s.values) as { noark5: { timeoutMs: number } };
    next.noark5.timeoutMs = 1;
    const r = await call<SaveResultDto>(h, 'integrationsAdmin.save', { key: 'archive', values: next, hash: s.hash });
    expect(r.saved).toBe(false);
    expect(r.problems.map((p) => p.field)).toEqual(['noark5.timeoutMs']);
    expect(fs.readFileSync(file, 'utf8')).toBe(YAML_TEXT);
  });

  it('tests a connection on the form’s values (refusing invalid ones without calling) and audits the test', async () => {
    const { hub: h } = await hubOnFile(null);
    const invalid = await call<ProbeResultDto>(h, 'integrationsAdmin.test', { key: 'archive', values: { transport: 'noark5-rest' } });
    expect(invalid).toMatchObject({ ok: false, steps: [] });
    expect(invalid.problems.map((p) => p.field)).toEqual(['noark5']);
    const r = await call<ProbeResultDto>(h, 'integrationsAdmin.test', { key: 'archive' });
    // port 9 (discard) does not answer HTTP here: the probe fails and says where
    expect(r.ok).toBe(false);
    expect(r.steps.length).toBeGreaterThan(0);
    expect(r.steps.some((s) => !s.ok)).toBe(true);
    const tested = (await h.audit.recent(5)).find((e) => e.action === 'integrations.tested')!;
    expect(tested).toMatchObject({ actor: 'tester', subject: 'integrations.archive', details: { integration: 'archive', ok: false, unsaved: false } });
  });

  it('refuses to save in the demo (no file) with a clear message', async () => {
    let dataDir: string;
    ({ hub, dataDir } = await testHub());
    expect(dataDir).toBeTruthy();
    hub.users.switchTo('ida');
    const list = await call<IntegrationListDto>(hub, 'integrationsAdmin.list', {});
    expect(list).toMatchObject({ editable: false, readOnlyReason: NO_FILE_MESSAGE });
    const r = await call<SaveResultDto>(hub, 'integrationsAdmin.save', { key: 'archive', values: {}, hash: 'x' });
    expect(r).toMatchObject({ saved: false, message: NO_FILE_MESSAGE });
    // and only IT may call the channels
    hub.users.switchTo('kari');
    expect(await hub.invoke('integrationsAdmin.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('gives the next three runs of a schedule from the hub’s clock, in the config’s time zone', () => {
    const from = Date.UTC(2026, 11, 7, 13, 52, 30);
    expect(nextRuns('*/5 * * * *', 'Europe/Oslo', from)).toEqual([Date.UTC(2026, 11, 7, 13, 55), Date.UTC(2026, 11, 7, 14, 0), Date.UTC(2026, 11, 7, 14, 5)]);
    // 02:00 in Oslo is 01:00 UTC in winter
    expect(nextRuns('0 2 * * *', 'Europe/Oslo', from)).toEqual([Date.UTC(2026, 11, 8, 1), Date.UTC(2026, 11, 9, 1), Date.UTC(2026, 11, 10, 1)]);
  });
});
