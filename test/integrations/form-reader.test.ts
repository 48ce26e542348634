import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mapForm } from '../../electron/core/profiles/field-mapper';
import { parseProfile } from '../../electron/core/profiles/profile.schema';
import type { LoadedProfile } from '../../electron/core/profiles/profile.types';
import { loadProfiles } from '../../integrations/shared/profiles/profile-loader';
import { createFormReader } from '../../integrations/shared/xml/form-reader';
import { parseXmlSafe } from '../../integrations/shared/xml/safe-xml';
import { createXsdValidator, parseRunOutput, XsdSchemaError } from '../../integrations/shared/xml/xsd-validator';

const registry = loadProfiles({ dirs: [{ dir: path.resolve(__dirname, '../../resources/profiles'), origin: 'shipped' }], altinnOrg: 'kommune' }, { parseProfile }).registry;
const permisjon = registry.byId('permisjon-skole') as LoadedProfile;
const NS = 'urn:no:kommune:skjema:permisjon-skole:v1';

const child = (name: string, fnr: string, grade: number) => `<Barn><Navn>${name}</Navn><Fodselsnummer>${fnr}</Fodselsnummer><Trinn>${grade}</Trinn></Barn>`;
function permisjonXml(o: { school?: string | null; from?: string; reason?: string; prefix?: boolean } = {}): string {
  const p = o.prefix ? 'ps:' : '';
  const body = `
  <Innsender>
    <Navn>Kari Nordmann</Navn>
    <Fodselsnummer>01017012343</Fodselsnummer>
    <Adresse><Gateadresse>Storgata 1</Gateadresse><Postnummer>0155</Postnummer><Poststed>Oslo</Poststed></Adresse>
    <Epost>kari@example.no</Epost>
  </Innsender>
  <Barna>
    ${child('Ola Nordmann', '31120950153', 8)}
    ${child('Per Nordmann', '29020051386', 3)}
    ${child('Åse Nordmann', '15038545660', 1)}
  </Barna>
  ${o.school === null ? '' : `<Skole>${o.school ?? 'Nordby skole'}</Skole>`}
  <Periode><FraDato>${o.from ?? '2026-05-04'}</FraDato><TilDato>2026-05-08</TilDato></Periode>
  <Aarsak>${o.reason ?? 'Bryllup &amp; familie &#x1F389;'}</Aarsak>
`;
  const withPrefix = o.prefix ? body.replace(/<(\/?)([A-Z])/g, `<$1${p}$2`) : body;
  return `<?xml version="1.0" encoding="utf-8"?>\n<${p}PermisjonSoknad xmlns${o.prefix ? ':ps' : ''}="${NS}">${withPrefix}</${p}PermisjonSoknad>\n`;
}

const bytes = (s: string) => new TextEncoder().encode(s);
const validator = createXsdValidator();
const reader = createFormReader({ maxFormBytes: 64 * 1024 }, { mapForm, validator });
afterAll(() => validator.close());

describe('form reader: hostile input', () => {
  it('refuses an external entity (XXE) as dtd-forbidden, before parsing', async () => {
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<PermisjonSoknad xmlns="${NS}"><Skole>&e;</Skole></PermisjonSoknad>`;
    const r = await reader.read(bytes(xxe), permisjon);
    expect(r).toMatchObject({ ok: false, code: 'dtd-forbidden' });
    expect(JSON.stringify(r)).not.toMatch(/root:|daemon:/);
  });

  it('refuses billion laughs as dtd-forbidden at once, without memory growth', async () => {
    const lol = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE lolz [',
      ' <!ENTITY lol "lol">',
      ...Array.from({ length: 9 }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`),
      ']>',
      '<lolz>&lol9;</lolz>',
    ].join('\n');
    const heap = process.memoryUsage().heapUsed;
    const t = performance.now();
    const r = await reader.read(bytes(lol), permisjon);
    expect(performance.now() - t).toBeLessThan(100);
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(20 * 1024 * 1024);
    expect(r).toMatchObject({ ok: false, code: 'dtd-forbidden' });
  });

  it('finds a DTD whatever its case or place, and a lone ENTITY declaration', () => {
    for (const x of ['<!doctype a><a/>', '<!-- x --><!DocType a SYSTEM "http://evil/x.dtd"><a/>', '<a><!ENTITY x "y"></a>']) {
      expect(parseXmlSafe(x, { maxBytes: 1000 }), x).toMatchObject({ ok: false, code: 'dtd-forbidden' });
    }
  });

  it('refuses an oversize form as too-large before reading it', async () => {
    const big = new Uint8Array(10 * 1024 * 1024).fill(0x3c); // 10 MB of '<'
    const t = performance.now();
    expect(await reader.read(big, permisjon)).toMatchObject({ ok: false, code: 'too-large' });
    expect(performance.now() - t).toBeLessThan(50);
    const justOver = permisjonXml({ reason: 'x'.repeat(64 * 1024) });
    expect(await reader.read(bytes(justOver), permisjon)).toMatchObject({ ok: false, code: 'too-large', reason: expect.stringMatching(/grensen er 65536/) });
  });

  it('refuses deep nesting and huge element counts as too-large', () => {
    const deep = `${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}`;
    expect(parseXmlSafe(deep, { maxBytes: 1e6 })).toMatchObject({ ok: false, code: 'too-large', reason: expect.stringMatching(/nøstet/) });
    const many = `<a>${'<b/>'.repeat(2000)}</a>`;
    expect(parseXmlSafe(many, { maxBytes: 1e6, maxElements: 1000 })).toMatchObject({ ok: false, code: 'too-large' });
  });

  it('refuses what is not well-formed', async () => {
    const cases = [
      permisjonXml().replace('</Skole>', '</Skolen>'),
      permisjonXml({ reason: 'Fest &nbsp; og moro' }),
      permisjonXml({ reason: 'A & B' }),
      `${permisjonXml()}<Annen/>`,
      'bare tekst',
    ];
    for (const x of cases) expect(await reader.read(bytes(x), permisjon), x.slice(0, 80)).toMatchObject({ ok: false, code: 'not-well-formed' });
    // a control character passes fast-xml-parser; libxml2 refuses it, and that is not-well-formed too
    const control = await reader.read(bytes(permisjonXml().replace('Kari', 'Ka\u0001ri')), permisjon);
    expect(control).toMatchObject({ ok: false, code: 'not-well-formed', reason: expect.stringMatching(/invalid Char value 1/) });
    const latin1 = bytes(permisjonXml());
    latin1[latin1.indexOf(0xc3)] = 0xe5; // a lone byte that is not UTF-8
    expect(await reader.read(latin1, permisjon)).toMatchObject({ ok: false, code: 'not-well-formed', reason: expect.stringMatching(/UTF-8/) });
  });

  it('reads ISO-8859-1, UTF-16 with a BOM, and a UTF-16 label on UTF-8 bytes; still finds a DTD in UTF-16', async () => {
    const latin = Buffer.from(permisjonXml().replace('encoding="utf-8"', 'encoding="ISO-8859-1"').replace(' &#x1F389;', ''), 'latin1');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(permisjonXml().replace('encoding="utf-8"', 'encoding="utf-16"'), 'utf16le')]);
    const relabelled = bytes(permisjonXml().replace('encoding="utf-8"', 'encoding="utf-16"'));
    for (const input of [latin, utf16, relabelled]) {
      const r = await reader.read(input, permisjon);
      if (!r.ok) throw new Error(`${r.code}: ${r.reason}`);
      expect(r.form.lists.children?.[2]?.name).toBe('Åse Nordmann');
    }
    const dtd16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<?xml version="1.0" encoding="utf-16"?><!DOCTYPE x SYSTEM "file:///etc/passwd"><x/>', 'utf16le')]);
    expect(await reader.read(dtd16, permisjon)).toMatchObject({ ok: false, code: 'dtd-forbidden' });
    expect(await reader.read(bytes('<?xml version="1.0" encoding="klingon"?><x/>'), permisjon)).toMatchObject({ ok: false, code: 'not-well-formed', reason: expect.stringMatching(/klingon/) });
  });

  it('refuses another form or another namespace as wrong-root', async () => {
    const other = `<BarnehageSoknad><Innsender/></BarnehageSoknad>`;
    expect(await reader.read(bytes(other), permisjon)).toMatchObject({ ok: false, code: 'wrong-root', reason: expect.stringMatching(/BarnehageSoknad.*PermisjonSoknad/) });
    const wrongNs = permisjonXml().replace(NS, 'urn:no:kommune:skjema:permisjon-skole:v2');
    expect(await reader.read(bytes(wrongNs), permisjon)).toMatchObject({ ok: false, code: 'wrong-root' });
  });
});

describe('form reader: schema validation and mapping', () => {
  it('gives the schema’s own message with the line when a required element is missing', async () => {
    const r = await reader.read(bytes(permisjonXml({ school: null })), permisjon);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('schema-invalid');
    expect(r.reason).toMatch(/^linje \d+: Element '\{urn:no:kommune:skjema:permisjon-skole:v1\}Periode': This element is not expected\. Expected is \( \{.*\}Skole \)\./);
  });

  it('names the element and value for a bad date and a bad fødselsnummer pattern', async () => {
    const badDate = await reader.read(bytes(permisjonXml({ from: '2026-13-01' })), permisjon);
    expect(badDate).toMatchObject({ ok: false, code: 'schema-invalid', reason: expect.stringMatching(/FraDato.*'2026-13-01'.*xs:date/) });
    const badFnr = await reader.read(bytes(permisjonXml().replace('01017012343', '0101701234X')), permisjon);
    expect(badFnr).toMatchObject({ ok: false, code: 'schema-invalid', reason: expect.stringMatching(/Fodselsnummer.*0101701234X/) });
  });

  it('maps a valid form with several children, prefixes or not', async () => {
    for (const prefix of [false, true]) {
      const r = await reader.read(bytes(permisjonXml({ prefix })), permisjon);
      if (!r.ok) throw new Error(`${r.code}: ${r.reason}`);
      expect(r.form.applicant).toMatchObject({ name: 'Kari Nordmann', personNumber: '01017012343', email: 'kari@example.no' });
      expect(r.form.lists.children?.map((c) => c.name)).toEqual(['Ola Nordmann', 'Per Nordmann', 'Åse Nordmann']);
      expect(r.form.fields.reason).toBe('Bryllup & familie 🎉');
      expect(r.form.title).toBe('Søknad om permisjon fra undervisning – Ola Nordmann, Per Nordmann og Åse Nordmann – Nordby skole');
      expect(r.form.titlePublic).toBe('Søknad om permisjon fra undervisning – ***** – Nordby skole');
    }
  });

  it('keeps results apart when many forms are validated in one batch', async () => {
    const inputs = Array.from({ length: 300 }, (_, i) => (i % 7 === 3 ? permisjonXml({ from: `2026-0${(i % 9) + 1}-32` }) : permisjonXml({ school: `Skole ${i}` })));
    const results = await Promise.all(inputs.map((x) => reader.read(bytes(x), permisjon)));
    results.forEach((r, i) => {
      if (i % 7 === 3) expect(r, String(i)).toMatchObject({ ok: false, code: 'schema-invalid', reason: expect.stringContaining(`'2026-0${(i % 9) + 1}-32'`) });
      else expect(r.ok && r.form.fields.school, String(i)).toBe(`Skole ${i}`);
    });
  });

  it('throws (does not quarantine) when the XSD itself is broken', async () => {
    const broken = { ...permisjon, xsd: permisjon.xsd.replace('type="Periode"', 'type="Periodd"') };
    await expect(reader.read(bytes(permisjonXml()), broken)).rejects.toBeInstanceOf(XsdSchemaError);
  });

  it('keeps answering across worker recycling, and throws when validation hangs', async () => {
    const recycling = createXsdValidator({ recycleAfterRuns: 2 });
    try {
      for (let i = 0; i < 7; i++) expect(await recycling.validate(permisjonXml({ school: i % 2 ? null : 'S' }), permisjon.xsd)).toMatchObject({ valid: i % 2 === 0 });
    } finally {
      await recycling.close();
    }
    const hung = createXsdValidator({ timeoutMs: 1 });
    const hungReader = createFormReader({ maxFormBytes: 64 * 1024 }, { mapForm, validator: hung });
    try {
      await expect(hungReader.read(bytes(permisjonXml()), permisjon)).rejects.toThrow(/tok mer enn 1 ms/);
    } finally {
      await hung.close();
    }
  });

  it('reads xmllint output per document', () => {
    const out = parseRunOutput(
      ["d0.xml validates", "d1.xml:4: element X: Schemas validity error : Element 'X': bad.", 'd1.xml fails to validate', 'd2.xml:1: parser error : Start tag expected'].join('\n'),
      4,
    );
    expect(out.map((o) => o.status)).toEqual(['valid', 'invalid', 'unparsable', 'unknown']);
    expect(out[1]?.errors).toEqual([{ line: 4, message: "Element 'X': bad." }]);
  });
});

describe('xmllint-wasm timings', () => {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

  it('validates one form in a few milliseconds warm, and batches well', async () => {
    const xml = permisjonXml();
    for (let i = 0; i < 20; i++) await validator.validate(xml, permisjon.xsd); // warm: worker, wasm tier-up
    const single: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t = performance.now();
      expect(await validator.validate(xml, permisjon.xsd)).toEqual({ valid: true });
      single.push(performance.now() - t);
    }
    const n = 1000;
    const t = performance.now();
    const all = await Promise.all(Array.from({ length: n }, () => validator.validate(xml, permisjon.xsd)));
    const batched = (performance.now() - t) / n;
    expect(all.every((r) => r.valid)).toBe(true);
    console.log(`xmllint-wasm (persistent worker): one form warm, median ${median(single).toFixed(2)} ms; ${n} concurrent: ${batched.toFixed(3)} ms per form (${Math.round(1000 / batched)} forms/s)`);
    expect(median(single)).toBeLessThan(50);
  });

  it('the library engine (xmllint-wasm validateXML, a new worker per call) gives the same answers, slower', async () => {
    const lib = createXsdValidator({ engine: 'library' });
    try {
      expect(await lib.validate(permisjonXml(), permisjon.xsd)).toEqual({ valid: true });
      expect(await lib.validate(permisjonXml({ school: null }), permisjon.xsd)).toMatchObject({ valid: false, kind: 'invalid', errors: [{ message: expect.stringMatching(/Skole/) }] });
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        await lib.validate(permisjonXml(), permisjon.xsd);
        times.push(performance.now() - t);
      }
      console.log(`xmllint-wasm validateXML() per call: median ${median(times).toFixed(1)} ms`);
    } finally {
      await lib.close();
    }
  });
});
