import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyMergePatch, copyProfile, deepEqual, diffProfiles, type JsonValue } from '../../electron/core/profiles/profile-copy';
import { parseProfile, type ServiceProfile } from '../../electron/core/profiles/profile.schema';

const ROOT = path.resolve(__dirname, '../..');
const readJson = (rel: string): unknown => JSON.parse(fs.readFileSync(path.join(ROOT, rel), 'utf8'));
const load = (id: string): ServiceProfile => {
  const r = parseProfile(readJson(`resources/profiles/${id}/profile.json`));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.profile;
};

describe('JSON Merge Patch (RFC 7396)', () => {
  it('merges objects, removes with null, replaces arrays and values', () => {
    // examples from RFC 7396 appendix A
    expect(applyMergePatch({ a: 'b' }, { a: 'c' })).toEqual({ a: 'c' });
    expect(applyMergePatch({ a: 'b' }, { b: 'c' })).toEqual({ a: 'b', b: 'c' });
    expect(applyMergePatch({ a: 'b' }, { a: null })).toEqual({});
    expect(applyMergePatch({ a: ['b'] }, { a: 'c' })).toEqual({ a: 'c' });
    expect(applyMergePatch({ a: [{ b: 'c' }] }, { a: [1] })).toEqual({ a: [1] });
    expect(applyMergePatch({ e: null }, { a: 1 })).toEqual({ e: null, a: 1 });
    expect(applyMergePatch({}, { a: { bb: { ccc: null } } })).toEqual({ a: { bb: {} } });
  });

  it('diffs to the deepest differing keys', () => {
    expect(diffProfiles({ a: { b: 1, c: [1, 2] }, d: 1 }, { a: { b: 2, c: [1, 2] }, e: 1 })).toEqual(['a.b', 'd', 'e']);
    expect(deepEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
  });
});

describe('copyProfile', () => {
  const base = load('permisjon-skole');

  it('makes a new profile from a new id: version 1, basedOn the original, only the patched keys differ', () => {
    const r = copyProfile(base, { id: 'permisjon-skole-kortversjon', patch: { processing: { deadlineDays: 7 }, fields: { comment: null } } });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.profile).toMatchObject({ id: 'permisjon-skole-kortversjon', version: 1, basedOn: { id: 'permisjon-skole', version: 1 } });
    expect(r.changed.sort()).toEqual(['basedOn', 'fields.comment', 'id', 'processing.deadlineDays']);
    expect(base.fields.comment).toBeDefined(); // the original is untouched
  });

  it('makes the next version when the id stays, keeping basedOn', () => {
    const derived = copyProfile(base, { id: 'samtykke-x' });
    if (!derived.ok) throw new Error('copy');
    const next = copyProfile(derived.profile, { patch: { archive: { arkivdel: 'ELEV2026' } } });
    expect(next.ok && next.profile).toMatchObject({ id: 'samtykke-x', version: 2, basedOn: { id: 'permisjon-skole', version: 1 } });
  });

  it('refuses a patch that sets the keys the copy manages, or breaks the profile', () => {
    const managed = copyProfile(base, { patch: { version: 9 } });
    expect(managed.ok || managed.issues.map((i) => i.key)).toEqual(['version']);
    const broken = copyProfile(base, { id: 'brutt', patch: { fields: { school: null } } });
    expect(broken.ok || broken.issues.map((i) => i.key)).toEqual(expect.arrayContaining(['roles.title']));
  });

  it('samtykke-bading is permisjon-skole copied with exactly two form fields changed', () => {
    const shipped = load('samtykke-bading');
    const patch = readJson('test/fixtures/profiles/samtykke-bading.patch.json') as JsonValue;
    const r = copyProfile(base, { id: 'samtykke-bading', patch });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    // the shipped file is this copy, byte for byte in content
    expect(r.profile).toEqual(shipped);
    expect(shipped.basedOn).toEqual({ id: 'permisjon-skole', version: 1 });

    // the form: one top-level field and one child field replaced, nothing else
    const fieldChanges = r.changed.filter((k) => k.startsWith('fields.') || k.startsWith('lists.'));
    expect(fieldChanges.sort()).toEqual(['fields.consent', 'fields.reason', 'lists.children.fields.canSwim', 'lists.children.fields.grade']);
    expect(Object.keys(shipped.fields).filter((k) => !(k in base.fields))).toEqual(['consent']);
    expect(Object.keys(base.fields).filter((k) => !(k in shipped.fields))).toEqual(['reason']);
    for (const k of Object.keys(shipped.fields)) if (k !== 'consent') expect(shipped.fields[k], k).toEqual(base.fields[k]);

    // and the rest differs only where a consent form must
    const other = r.changed.filter((k) => !fieldChanges.includes(k)).map((k) => k.split('.').slice(0, 2).join('.'));
    expect([...new Set(other)].sort()).toEqual(
      ['archive.dokumenttype', 'basedOn', 'form.namespace', 'form.rootElement', 'id', 'name.en', 'name.nb', 'name.nn', 'reply.templates', 'roles.title', 'routing.targets', 'rules', 'sources.altinn2', 'sources.altinn3'].sort(),
    );
  });
});
