import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProfile } from '../../electron/core/profiles/profile.schema';
import { exportProfile, importProfile, writeProfileFolder } from '../../integrations/shared/profiles/profile-exchange';
import { loadProfiles, MAX_MAPPING_BYTES } from '../../integrations/shared/profiles/profile-loader';
import { tempDir } from '../helpers/temp-dir';

/** #15: a profile's routes name JSONata mappings in its folder; they load, travel with an export and install with an import. */

const SHIPPED = path.resolve(__dirname, '../../resources/profiles');
const deps = { parseProfile };
const load = (dir: string, origin: 'shipped' | 'municipality' = 'municipality') => loadProfiles({ dirs: [{ dir, origin }], altinnOrg: 'bergen' }, deps);

/** A municipality folder with a copy of the kindergarten profile, its mapping changed by `edit`. */
function copyWith(edit: (mappingFile: string) => void): { dir: string; file: string } {
  const dir = tempDir('pm-mappings-');
  fs.cpSync(path.join(SHIPPED, 'barnehageplass'), path.join(dir, 'barnehageplass'), { recursive: true });
  const file = path.join(dir, 'barnehageplass', 'mappings', 'ist-barnehage.jsonata');
  edit(file);
  return { dir, file };
}

describe('profile mappings', () => {
  it('reads each route mapping into LoadedProfile.mappings by target', () => {
    const r = load(SHIPPED, 'shipped');
    const kindergarten = r.registry.byId('barnehageplass')!;
    expect(kindergarten.mappings).toEqual({ 'ist-barnehage': fs.readFileSync(path.join(SHIPPED, 'barnehageplass', 'mappings', 'ist-barnehage.jsonata'), 'utf8') });
    expect(r.registry.byId('samtykke-bading')!.mappings).toEqual({});
  });

  it('reports a missing, too large or unparsable mapping file by name and leaves the profile out', () => {
    const missing = copyWith((f) => fs.rmSync(f));
    const r1 = load(missing.dir);
    expect(r1.errors).toEqual([{ file: missing.file, key: 'routing.targets.0.mapping', message: 'mappings/ist-barnehage.jsonata kan ikke leses: filen finnes ikke' }]);
    expect(r1.registry.byId('barnehageplass')).toBeUndefined();

    const big = copyWith((f) => fs.writeFileSync(f, `"${'x'.repeat(MAX_MAPPING_BYTES)}"`));
    expect(load(big.dir).errors).toEqual([{ file: big.file, key: 'routing.targets.0.mapping', message: expect.stringContaining('større enn 256 KB') }]);

    const broken = copyWith((f) => fs.writeFileSync(f, '{ "Soknad": { "Navn": applicant.name '));
    const r3 = load(broken.dir);
    expect(r3.errors).toEqual([{ file: broken.file, key: 'routing.targets.0.mapping', message: expect.stringMatching(/^syntaksfeil i JSONata ved posisjon \d+: /) }]);
  });

  it('exports the mappings (the active version where given), imports them checked, and installs them', () => {
    const lp = load(SHIPPED, 'shipped').registry.byId('barnehageplass')!;
    const shippedText = lp.mappings!['ist-barnehage']!;
    const plain = JSON.parse(exportProfile(lp));
    expect(plain.files['mappings/ist-barnehage.jsonata'].text).toBe(shippedText);

    const active = `/* versjon 3 */\n${shippedText}`;
    const text = exportProfile(lp, { 'ist-barnehage': active });
    const back = importProfile(text, deps, 'delt.json');
    expect(back.ok && back.profile.mappings).toEqual({ 'ist-barnehage': active });

    const dir = tempDir('pm-import-');
    writeProfileFolder((back as { ok: true; profile: typeof lp }).profile, dir);
    expect(fs.readFileSync(path.join(dir, 'barnehageplass', 'mappings', 'ist-barnehage.jsonata'), 'utf8')).toBe(active);
    const reloaded = load(dir);
    expect(reloaded.errors).toEqual([]);
    expect(reloaded.registry.byId('barnehageplass')!.mappings).toEqual({ 'ist-barnehage': active });
  });

  it('refuses an export whose mapping is missing, edited or not JSONata', () => {
    const lp = load(SHIPPED, 'shipped').registry.byId('barnehageplass')!;
    const data = JSON.parse(exportProfile(lp));
    const without = structuredClone(data);
    delete without.files['mappings/ist-barnehage.jsonata'];
    expect(importProfile(JSON.stringify(without), deps, 'a.json')).toEqual({
      ok: false,
      errors: [{ file: 'a.json', key: 'files.mappings/ist-barnehage.jsonata', message: 'mappingen profilen viser til (routing.targets.0.mapping), mangler i filen' }],
    });
    const edited = structuredClone(data);
    edited.files['mappings/ist-barnehage.jsonata'].text += ' & "x"';
    expect(importProfile(JSON.stringify(edited), deps, 'b.json')).toMatchObject({ ok: false, errors: [{ key: 'files.mappings/ist-barnehage.jsonata.sha256' }] });
    const broken = JSON.parse(exportProfile(lp, { 'ist-barnehage': '{ "a": ' }));
    expect(importProfile(JSON.stringify(broken), deps, 'c.json')).toMatchObject({ ok: false, errors: [{ key: 'files.mappings/ist-barnehage.jsonata', message: expect.stringContaining('syntaksfeil') }] });
  });
});
