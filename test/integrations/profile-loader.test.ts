import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProfile } from '../../electron/core/profiles/profile.schema';
import { formatLoadErrors } from '../../integrations/shared/profiles/profile-check';
import { exportProfile, importProfile, writeProfileFolder } from '../../integrations/shared/profiles/profile-exchange';
import { loadProfiles } from '../../integrations/shared/profiles/profile-loader';
import { tempDir } from '../helpers/temp-dir';

const SHIPPED = path.resolve(__dirname, '../../resources/profiles');
const deps = { parseProfile };
const shipped = { dir: SHIPPED, origin: 'shipped' as const };

// profile.json as plain JSON, to break on purpose
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** A municipality folder with a copy of a shipped profile, changed by `edit`. */
function municipalityWith(id: string, edit: (profile: Json, folder: string) => void, as = id): string {
  const dir = tempDir('pm-profiles-');
  const folder = path.join(dir, as);
  fs.cpSync(path.join(SHIPPED, id), folder, { recursive: true });
  const file = path.join(folder, 'profile.json');
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  edit(json, folder);
  fs.writeFileSync(file, JSON.stringify(json, null, 2));
  return dir;
}

describe('profile loader', () => {
  it('loads the six shipped profiles without errors and indexes their source keys', () => {
    const r = loadProfiles({ dirs: [shipped], altinnOrg: 'bergen' }, deps);
    expect(formatLoadErrors(r.errors)).toBe('');
    expect(r.registry.all().map((p) => p.id).sort()).toEqual(['ansatt-permisjon', 'barnehageplass', 'helse-omsorg', 'permisjon-skole', 'samtykke-bading', 'sfo-plass']);
    const reg = r.registry;
    expect(reg.bySourceKey('bergen/permisjon-skole')?.id).toBe('permisjon-skole');
    expect(reg.bySourceKey('5321:1')?.id).toBe('permisjon-skole');
    expect(reg.bySourceKey('bergen/a2-5324-2')?.id).toBe('helse-omsorg');
    expect(reg.bySourceKey('oslo/permisjon-skole')).toBeUndefined();
    expect(reg.bySourceKey('5321:2')).toBeUndefined();
    const helse = reg.byId('helse-omsorg');
    expect(helse).toMatchObject({ id: 'helse-omsorg', version: 1, origin: 'shipped' });
    expect(helse?.xsd).toContain('HelseOmsorgSoknad');
  });

  it('takes the org from the profile when it names one', () => {
    const dir = municipalityWith('sfo-plass', (p) => (p.sources.altinn3.org = 'ks'));
    const r = loadProfiles({ dirs: [shipped, { dir, origin: 'municipality' }], altinnOrg: 'bergen' }, deps);
    expect(r.registry.bySourceKey('ks/sfo-plass')?.origin).toBe('municipality');
    expect(r.registry.bySourceKey('bergen/sfo-plass')).toBeUndefined();
    expect(r.replaced).toEqual([{ id: 'sfo-plass', file: path.join(SHIPPED, 'sfo-plass', 'profile.json'), by: path.join(dir, 'sfo-plass', 'profile.json') }]);
  });

  it('reports a bad profile by file and key, and still loads the rest', () => {
    const dir = municipalityWith('barnehageplass', (p) => {
      p.fields.desiredStart.type = 'dato';
    });
    const r = loadProfiles({ dirs: [shipped, { dir, origin: 'municipality' }], altinnOrg: 'bergen' }, deps);
    expect(r.errors).toEqual([{ file: path.join(dir, 'barnehageplass', 'profile.json'), key: 'fields.desiredStart.type', message: expect.any(String) }]);
    expect(formatLoadErrors(r.errors)).toMatch(/barnehageplass[/\\]profile\.json: fields\.desiredStart\.type: /);
    expect(r.registry.byId('barnehageplass')?.origin).toBe('shipped');
    expect(r.registry.all()).toHaveLength(6);
  });

  it('checks field and list paths against the XSD', () => {
    const dir = municipalityWith('permisjon-skole', (p) => {
      p.fields.school.path = 'Skolen';
      p.fields.periodFrom.path = 'Periode';
      p.lists.children.fields.grade.path = 'Klasse';
      p.lists.children.path = 'Barna';
      p.fields.applicantName.path = 'Barna/Barn/Navn';
    });
    const r = loadProfiles({ dirs: [{ dir, origin: 'municipality' }], altinnOrg: 'bergen' }, deps);
    const byKey = Object.fromEntries(r.errors.map((e) => [e.key, e.message]));
    expect(byKey['fields.school.path']).toMatch(/«Skolen» finnes ikke under PermisjonSoknad i form\.xsd/);
    expect(byKey['fields.periodFrom.path']).toMatch(/har underelementer/);
    expect(byKey['fields.applicantName.path']).toMatch(/kan gjentas.*bruk lists/);
    expect(byKey['lists.children.path']).toMatch(/kan ikke gjentas/);
    expect(r.registry.all()).toEqual([]);
  });

  it('checks root element, namespace, a missing XSD, bad JSON and folder name', () => {
    const wrongRoot = municipalityWith('sfo-plass', (p) => {
      p.form.rootElement = 'SFOSoknad';
      p.form.namespace = 'urn:feil';
    });
    const noXsd = municipalityWith('helse-omsorg', (_p, folder) => fs.rmSync(path.join(folder, 'form.xsd')));
    const badJson = municipalityWith('barnehageplass', () => undefined);
    fs.writeFileSync(path.join(badJson, 'barnehageplass', 'profile.json'), '{ "id": ');
    const renamed = municipalityWith('permisjon-skole', () => undefined, 'permisjon');
    const dirs = [wrongRoot, noXsd, badJson, renamed].map((dir) => ({ dir, origin: 'municipality' as const }));
    const keys = loadProfiles({ dirs, altinnOrg: 'bergen' }, deps).errors.map((e) => `${path.basename(path.dirname(e.file))}:${e.key}`);
    expect(keys.sort()).toEqual(['barnehageplass:(fil)', 'helse-omsorg:form.xsd', 'permisjon:id', 'sfo-plass:form.namespace', 'sfo-plass:form.rootElement']);
  });

  it('refuses two profiles claiming the same Altinn app', () => {
    const dir = municipalityWith('sfo-plass', (p) => {
      p.id = 'sfo-plass-2';
      p.sources.altinn3.app = 'permisjon-skole';
      delete p.sources.altinn2;
    }, 'sfo-plass-2');
    const r = loadProfiles({ dirs: [shipped, { dir, origin: 'municipality' }], altinnOrg: 'bergen' }, deps);
    expect(r.errors.map((e) => [e.key, e.message])).toEqual([['sources', expect.stringMatching(/«bergen\/permisjon-skole» brukes også av «permisjon-skole»/)]]);
    expect(r.registry.byId('sfo-plass-2')).toBeUndefined();
  });
});

describe('profile export and import', () => {
  const reg = loadProfiles({ dirs: [shipped], altinnOrg: 'bergen' }, deps).registry;

  it('round-trips every shipped profile through one self-contained file', () => {
    for (const lp of reg.all()) {
      const text = exportProfile(lp);
      const file = JSON.parse(text);
      expect(file).toMatchObject({ format: 'postmottak-profile', formatVersion: 1 });
      expect(file.files[lp.profile.form.xsd].text).toBe(lp.xsd);
      const back = importProfile(text, deps, `${lp.id}.json`);
      if (!back.ok) throw new Error(formatLoadErrors(back.errors));
      expect(back.profile.profile).toEqual(lp.profile);
      expect(back.profile.xsd).toBe(lp.xsd);
      expect(back.profile.origin).toBe('imported');
    }
  });

  it('installs an imported profile into a municipality folder that then loads', () => {
    const lp = reg.byId('helse-omsorg')!;
    const imported = importProfile(exportProfile(lp), deps);
    if (!imported.ok) throw new Error('import');
    const dir = tempDir('pm-install-');
    writeProfileFolder(imported.profile, dir);
    const r = loadProfiles({ dirs: [{ dir, origin: 'municipality' }], altinnOrg: 'bergen' }, deps);
    expect(r.errors).toEqual([]);
    expect(r.registry.byId('helse-omsorg')?.profile).toEqual(lp.profile);
    expect(fs.readdirSync(path.join(dir, 'helse-omsorg')).sort()).toEqual(['form.xsd', 'mappings', 'profile.json']);
  });

  it('refuses a changed XSD, a wrong format and an invalid profile, naming the key', () => {
    const text = exportProfile(reg.byId('permisjon-skole')!);
    const tampered = JSON.parse(text);
    tampered.files['form.xsd'].text = tampered.files['form.xsd'].text.replace('maxOccurs="10"', 'maxOccurs="99"');
    const r1 = importProfile(JSON.stringify(tampered), deps, 'delt.json');
    expect(r1.ok || r1.errors).toEqual([{ file: 'delt.json', key: 'files.form.xsd.sha256', message: expect.stringMatching(/sjekksummen/) }]);

    const r2 = importProfile(JSON.stringify({ ...JSON.parse(text), format: 'noe-annet' }), deps);
    expect(r2.ok || r2.errors[0]?.key).toBe('format');

    const bad = JSON.parse(text);
    bad.profile.roles.applicant.personNumber = 'nope';
    const r3 = importProfile(JSON.stringify(bad), deps);
    expect(r3.ok || r3.errors.map((e) => e.key)).toEqual(['profile.roles.applicant.personNumber']);
  });
});
