import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mapForm } from '../../electron/core/profiles/field-mapper';
import { parseProfile } from '../../electron/core/profiles/profile.schema';
import type { LoadedProfile } from '../../electron/core/profiles/profile.types';
import { loadProfiles } from '../../integrations/shared/profiles/profile-loader';
import { createFormReader } from '../../integrations/shared/xml/form-reader';
import { parseXmlSafe } from '../../integrations/shared/xml/safe-xml';
import { createWorkerEngine, docFileName, type XmllintEngine } from '../../integrations/shared/xml/xmllint-engine';
import { DEFAULT_SHAPE_LIMITS, scanXmlShape } from '../../integrations/shared/xml/xml-prescan';
import { createXsdValidator } from '../../integrations/shared/xml/xsd-validator';
import { validPermisjon } from '../fixtures/valid-permisjon';

/** #12 item 16: the shape limits before any parser, and a validator one form cannot sink. */

const registry = loadProfiles({ dirs: [{ dir: path.resolve(__dirname, '../../resources/profiles'), origin: 'shipped' }], altinnOrg: 'kommune' }, { parseProfile }).registry;
const permisjon = registry.byId('permisjon-skole') as LoadedProfile;
const NS = 'urn:no:kommune:skjema:permisjon-skole:v1';
const form = (inner: string, rootAttrs = '') => `<?xml version="1.0" encoding="utf-8"?>\n<PermisjonSoknad xmlns="${NS}"${rootAttrs}>${inner}</PermisjonSoknad>`;
const attrs = (n: number, value = '') => Array.from({ length: n }, (_, i) => ` a${i}="${value}"`).join('');
const MB = 1024 * 1024;

const validator = createXsdValidator();
const reader = createFormReader({ maxFormBytes: 5 * MB }, { mapForm, validator });
afterAll(() => validator.close());

describe('#12 item 16: shape limits before the parser', () => {
  it('#12 item 16: refuses too many attributes on one element, and in all', () => {
    // xmlns counts: 1 + 100 passes the default of 100
    expect(parseXmlSafe(form('', attrs(100)), { maxBytes: MB })).toMatchObject({ ok: false, code: 'too-large', reason: expect.stringMatching(/element .* flere enn 100 attributter/) });
    expect(parseXmlSafe(form('', attrs(99)), { maxBytes: MB })).toMatchObject({ ok: true });
    const spread = form(Array.from({ length: 30 }, () => `<x${attrs(50)}/>`).join(''));
    expect(parseXmlSafe(spread, { maxBytes: MB, maxAttributes: 1000 })).toMatchObject({ ok: false, code: 'too-large', reason: 'Skjemaet har flere enn 1000 attributter.' });
    expect(parseXmlSafe(spread, { maxBytes: MB, maxAttributes: 1501 })).toMatchObject({ ok: true }); // 30 × 50, and xmlns
  });

  it('#12 item 16: refuses 400,000 attributes on one element in one pass, fast and without a parse tree', async () => {
    const hostile = new TextEncoder().encode(form('', Array.from({ length: 400_000 }, (_, i) => ` a${i.toString(36)}=""`).join('')));
    expect(hostile.byteLength).toBeLessThan(5 * MB);
    const heap = process.memoryUsage().heapUsed;
    const t = performance.now();
    const r = await reader.read(hostile, permisjon);
    expect(r).toMatchObject({ ok: false, code: 'too-large', reason: expect.stringMatching(/attributter/) });
    expect(performance.now() - t).toBeLessThan(1000);
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(64 * MB);
  });

  it('#12 item 16: refuses a long attribute value, in either quote', () => {
    expect(parseXmlSafe(form('', ` v="${'x'.repeat(100_000)}"`), { maxBytes: MB })).toMatchObject({ ok: false, code: 'too-large', reason: expect.stringMatching(/attributtverdi på mer enn 10000 tegn/) });
    expect(parseXmlSafe(form('', ` v='${'x'.repeat(10_001)}'`), { maxBytes: MB })).toMatchObject({ ok: false, reason: expect.stringMatching(/attributtverdi/) });
    expect(parseXmlSafe(form('', ` v="${'x'.repeat(10_000)}"`), { maxBytes: MB })).toMatchObject({ ok: true });
  });

  it('#12 item 16: refuses a long text, CDATA counted, markup between runs resetting it', () => {
    expect(parseXmlSafe(form(`<Skole>${'x'.repeat(MB + 1)}</Skole>`), { maxBytes: 5 * MB })).toMatchObject({ ok: false, code: 'too-large', reason: expect.stringMatching(/tekst på mer enn 1048576 tegn/) });
    expect(parseXmlSafe(form(`<Skole>${'x'.repeat(600)}<![CDATA[${'y'.repeat(600)}]]></Skole>`), { maxBytes: MB, maxTextLength: 1000 })).toMatchObject({ ok: false, reason: expect.stringMatching(/tekst/) });
    expect(parseXmlSafe(form(`<Skole>${'x'.repeat(600)}</Skole><Aarsak>${'y'.repeat(600)}</Aarsak>`), { maxBytes: MB, maxTextLength: 1000 })).toMatchObject({ ok: true });
  });

  it('#12 item 16: refuses 90,000 levels of nesting in the pre-scan, counting only open elements', () => {
    const deep = form('<d>'.repeat(90_000) + '</d>'.repeat(90_000));
    expect(scanXmlShape(deep, DEFAULT_SHAPE_LIMITS)).toBe('Skjemaet er nøstet dypere enn 64 nivåer.');
    const flat = form('<a><b/><c x="1"/></a>'.repeat(1000));
    expect(scanXmlShape(flat, { ...DEFAULT_SHAPE_LIMITS, maxDepth: 2 })).toBeNull();
    expect(scanXmlShape(flat, { ...DEFAULT_SHAPE_LIMITS, maxDepth: 1 })).toMatch(/nøstet dypere enn 1 nivåer/);
  });

  it('#12 item 16: is not fooled by ">" and "<" in values, comments, CDATA and processing instructions', () => {
    const tricky = form(`<!-- <a b="c" d="e"> --><?pi <x y="z"> ?><Skole v="a>b" w='<'><![CDATA[<q r="s">]]>tekst</Skole>`, ' z="1"');
    const one = { ...DEFAULT_SHAPE_LIMITS, maxAttributesPerElement: 2, maxDepth: 2, maxElements: 2 };
    expect(scanXmlShape(tricky, one)).toBeNull();
    expect(scanXmlShape(tricky, { ...one, maxAttributes: 2 })).toMatch(/flere enn 2 attributter/);
  });

  it('#12 item 16: scans in linear time whatever the shape, and stops on truncated input', () => {
    for (const s of ['<a b="', '<a', '<!--', '<![CDATA[', '<?x', '</', '<a =">" / b c>', '<<<<', '<a/ b="1">']) {
      expect(() => scanXmlShape(s, DEFAULT_SHAPE_LIMITS), s).not.toThrow();
    }
    const big = '<r>' + '<e a="1" b=\'2\'>t</e><!-- c -->'.repeat(100_000) + '</r>';
    const t = performance.now();
    expect(scanXmlShape(big, { ...DEFAULT_SHAPE_LIMITS, maxElements: 200_000, maxAttributes: 300_000 })).toBeNull();
    expect(performance.now() - t).toBeLessThan(500);
  });
});

describe('#12 item 16: the validator, bounded and isolated', () => {
  it('#12 item 16: keeps the first error lines per document, not one per attribute', async () => {
    const engine = createWorkerEngine({ timeoutMs: 30_000, maxMemoryMiB: 128 });
    try {
      const noisy = form('', attrs(5000, 'x'.repeat(50)));
      const run = await engine.run(permisjon.xsd, [noisy, noisy]);
      const lines = run.stderr.trim().split('\n');
      expect(lines.filter((l) => l.startsWith('d0.xml:')).length).toBeLessThanOrEqual(20);
      expect(lines).toContain('d0.xml fails to validate');
      expect(lines).toContain('d1.xml fails to validate');
      expect(run.stderr.length).toBeLessThan(64 * 1024);
      expect(run.stderr).toMatch(/linjer utelatt/);
    } finally {
      await engine.close();
    }
  });

  it('#12 item 16: a form that exhausts the memory limit alone is too-large; the forms in its batch are answered', async () => {
    const small = createXsdValidator({ maxMemoryMiB: 20 });
    const smallReader = createFormReader({ maxFormBytes: 16 * MB }, { mapForm, validator: small });
    try {
      const valid = validPermisjon();
      const heavy = form(`<Skole>${'x'.repeat(100)}</Skole>`.repeat(99_000));
      const [a, b, c] = await Promise.all([small.validate(valid, permisjon.xsd), small.validate(heavy, permisjon.xsd), small.validate(valid, permisjon.xsd)]);
      expect(a).toEqual({ valid: true });
      expect(c).toEqual({ valid: true });
      expect(b).toMatchObject({ valid: false, kind: 'too-large', errors: [{ message: expect.stringMatching(/mer enn 20 MiB minne/) }] });
      expect(await smallReader.read(new TextEncoder().encode(heavy), permisjon)).toMatchObject({ ok: false, code: 'too-large', reason: expect.stringMatching(/minne/) });
    } finally {
      await small.close();
    }
  });

  it('#12 item 16: a batch that times out is run again one form at a time: only the slow form fails', async () => {
    const runs: number[] = [];
    const scripted: XmllintEngine = {
      async run(_xsd, docs) {
        runs.push(docs.length);
        if (docs.some((d) => d.includes('SLOW'))) throw new Error('XSD-validering tok mer enn 30000 ms');
        return { exitCode: 0, stderr: docs.map((_, i) => `${docFileName(i)} validates`).join('\n') };
      },
      async close() {},
    };
    const v = createXsdValidator({ engine: scripted });
    const results = await Promise.allSettled(['<a/>', '<SLOW/>', '<b/>', '<c/>'].map((x) => v.validate(x, 'xsd')));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(runs).toEqual([4, 1, 1, 1, 1]);
    await v.close();
  });
});
