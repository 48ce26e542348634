import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFLICT_MESSAGE, ConfigWriteError, diffValues, readConfigFile, saveConfigSection } from '../../electron/app/config/config-writer';
import { loadConfig } from '../../electron/app/config/load-config';
import { tempDir } from '../helpers/temp-dir';

const YAML_TEXT = `# Postmottak – Eksempel kommune
version: 1
timezone: Europe/Oslo # norsk tid
integrations:
  # sak/arkiv (Noark 5)
  archive:
    transport: noark5-rest
    noark5:
      url: http://127.0.0.1:8080/noark5 # testarkivet
      timeoutMs: 30000 # tretti sekunder
      auth:
        kind: basic
        username: postmottak
        password: { secret: ARKIV_PASSORD }
`;

function write(name: string, text: string, mode = 0o640): string {
  const f = path.join(tempDir('pm-cfgw-'), name);
  fs.writeFileSync(f, text, { mode });
  fs.chmodSync(f, mode);
  return f;
}

const archivePath = ['integrations', 'archive'] as const;

describe('config writer', () => {
  it('edits YAML keeping every comment and the untouched layout, and the file still loads', () => {
    const file = write('postmottak.yaml', YAML_TEXT);
    const snap = readConfigFile(file);
    const section = structuredClone(snap.raw.integrations as Record<string, Record<string, unknown>>).archive!;
    (section.noark5 as Record<string, unknown>).url = 'http://127.0.0.1:9999/noark5';
    (section.noark5 as Record<string, unknown>).timeoutMs = 45000;
    const r = saveConfigSection(file, archivePath, section, snap.hash);

    const text = fs.readFileSync(file, 'utf8');
    for (const comment of ['# Postmottak – Eksempel kommune', '# norsk tid', '# sak/arkiv (Noark 5)', '# testarkivet', '# tretti sekunder']) expect(text).toContain(comment);
    expect(text).toContain('url: http://127.0.0.1:9999/noark5 # testarkivet');
    expect(text).toContain('timeoutMs: 45000 # tretti sekunder');
    // only the two values changed: every other line is as written
    const changedLines = text.split('\n').filter((l, i) => l !== YAML_TEXT.split('\n')[i]);
    expect(changedLines).toHaveLength(2);
    expect(r.changes).toEqual([
      { key: 'integrations.archive.noark5.url', before: 'http://127.0.0.1:8080/noark5', after: 'http://127.0.0.1:9999/noark5' },
      { key: 'integrations.archive.noark5.timeoutMs', before: 30000, after: 45000 },
    ]);
    expect(loadConfig(file).config.integrations.archive).toMatchObject({ noark5: { url: 'http://127.0.0.1:9999/noark5', timeoutMs: 45000 } });
    expect(r.config.integrations.archive).toMatchObject({ noark5: { url: 'http://127.0.0.1:9999/noark5' } });
    // the mode is kept and no temp file is left behind
    expect(fs.statSync(file).mode & 0o777).toBe(0o640);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['postmottak.yaml']);
  });

  it('removes a key cleared in the form, so the schema default applies again', () => {
    const file = write('postmottak.yml', YAML_TEXT);
    const snap = readConfigFile(file);
    const section = structuredClone((snap.raw.integrations as Record<string, Record<string, Record<string, unknown>>>).archive!);
    section.noark5!.timeoutMs = '';
    saveConfigSection(file, archivePath, section, snap.hash);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toContain('timeoutMs');
    expect(text).toContain('# testarkivet');
    expect(loadConfig(file).config.integrations.archive).toMatchObject({ noark5: { timeoutMs: 30000 } });
  });

  it('writes JSON pretty with two spaces, key order kept and new keys last', () => {
    const json = { version: 1, timezone: 'Europe/Oslo', integrations: { archive: { transport: 'noark5-rest', noark5: { url: 'http://127.0.0.1:8080/a', timeoutMs: 30000 } } }, jobs: { concurrency: 2 } };
    const file = write('postmottak.json', JSON.stringify(json, null, 2) + '\n');
    const snap = readConfigFile(file);
    saveConfigSection(file, archivePath, { transport: 'noark5-rest', noark5: { url: 'http://127.0.0.1:8080/b', timeoutMs: 30000, arkivdel: 'Søknader' } }, snap.hash);
    const text = fs.readFileSync(file, 'utf8');
    const expected = structuredClone(json) as typeof json & { integrations: { archive: { noark5: Record<string, unknown> } } };
    expected.integrations.archive.noark5.url = 'http://127.0.0.1:8080/b';
    expected.integrations.archive.noark5.arkivdel = 'Søknader';
    expect(text).toBe(JSON.stringify(expected, null, 2) + '\n');
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['version', 'timezone', 'integrations', 'jobs']);
  });

  it('refuses when the file changed on disk since it was read, and leaves that change alone', () => {
    const file = write('postmottak.yaml', YAML_TEXT);
    const snap = readConfigFile(file);
    fs.appendFileSync(file, '# endret av en annen\n');
    const section = (snap.raw.integrations as Record<string, unknown>).archive;
    let err: unknown;
    try {
      saveConfigSection(file, archivePath, section, snap.hash);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigWriteError);
    expect(err).toMatchObject({ code: 'conflict', message: CONFLICT_MESSAGE });
    expect(fs.readFileSync(file, 'utf8')).toBe(YAML_TEXT + '# endret av en annen\n');
  });

  it('refuses a bad value naming the field, and writes nothing', () => {
    const file = write('postmottak.yaml', YAML_TEXT);
    const snap = readConfigFile(file);
    const section = structuredClone((snap.raw.integrations as Record<string, Record<string, Record<string, unknown>>>).archive!);
    section.noark5!.url = 'ikke en adresse';
    section.noark5!.timeoutMs = 5;
    let err: ConfigWriteError | undefined;
    try {
      saveConfigSection(file, archivePath, section, snap.hash);
    } catch (e) {
      err = e as ConfigWriteError;
    }
    expect(err?.code).toBe('invalid');
    expect(err?.problems.map((p) => p.key).sort()).toEqual(['integrations.archive.noark5.timeoutMs', 'integrations.archive.noark5.url']);
    // zod's Norwegian messages
    expect(err?.problems.find((p) => p.key.endsWith('timeoutMs'))?.message).toMatch(/1000/);
    expect(fs.readFileSync(file, 'utf8')).toBe(YAML_TEXT);
  });

  it('diffs leaves key by key', () => {
    expect(diffValues({ a: 1, b: { c: 'x', d: [1] } }, { a: 1, b: { c: 'y', d: [1, 2] }, e: true }, ['s'])).toEqual([
      { key: 's.b.c', before: 'x', after: 'y' },
      { key: 's.b.d', before: [1], after: [1, 2] },
      { key: 's.e', before: undefined, after: true },
    ]);
  });
});
