import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { MappingTarget } from '../../electron/core/ports/payload-mapper.port';
import { toCsv } from '../../integrations/internal/mapping/csv-payload.serialiser';
import { mappingTargetOf } from '../../integrations/internal/mapping/mapping-target';
import { createPayloadMapper } from '../../integrations/internal/mapping/payload-mapper';
import { xsdMessage } from '../../integrations/internal/mapping/payload-schema.validator';
import { toXml } from '../../integrations/internal/mapping/xml-payload.serialiser';
import { createXsdValidator } from '../../integrations/shared/xml/xsd-validator';
import { tempDir } from '../helpers/temp-dir';

const FNR = '12058812345';
const json: MappingTarget = { format: 'json', schema: null };
const xsd = createXsdValidator({ engine: 'library' });
const mapper = createPayloadMapper({ xsd });
afterAll(() => xsd.close());

const SCHEMA = JSON.stringify({
  type: 'object',
  required: ['fnr', 'navn', 'epost'],
  additionalProperties: false,
  properties: { fnr: { type: 'string', pattern: '^\\d{11}$' }, navn: { type: 'string', maxLength: 5 }, epost: { type: 'string', format: 'email' }, barn: { type: 'array', minItems: 1 } },
});

const XSD = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:test:ist" xmlns="urn:test:ist" elementFormDefault="qualified">
  <xs:element name="Soknad">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="Fnr"><xs:simpleType><xs:restriction base="xs:string"><xs:pattern value="\\d{11}"/></xs:restriction></xs:simpleType></xs:element>
        <xs:element name="Oppstart" type="xs:date"/>
        <xs:element name="Barn" maxOccurs="unbounded" type="xs:string"/>
      </xs:sequence>
      <xs:attribute name="versjon" type="xs:int" use="required"/>
    </xs:complexType>
  </xs:element>
</xs:schema>`;

describe('XML serialiser', () => {
  it('writes the root, nested elements, repeated arrays, attributes, the namespace and escaped text', () => {
    const r = toXml({
      Soknad: {
        '@xmlns': 'urn:test:ist',
        '@versjon': 2,
        '@merknad': 'a "b" <c> & d\ne',
        Navn: 'Kari & Ola <Nordmann>',
        Barn: [{ Navn: 'Per' }, { Navn: 'Pål' }],
        Tom: '',
        Mangler: null,
        Beløp: { '@valuta': 'NOK', '#text': 1500 },
        Aktiv: true,
      },
    });
    expect(r).toEqual({
      ok: true,
      text: [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<Soknad xmlns="urn:test:ist" versjon="2" merknad="a &quot;b&quot; &lt;c&gt; &amp; d&#xA;e">',
        '  <Navn>Kari &amp; Ola &lt;Nordmann&gt;</Navn>',
        '  <Barn>',
        '    <Navn>Per</Navn>',
        '  </Barn>',
        '  <Barn>',
        '    <Navn>Pål</Navn>',
        '  </Barn>',
        '  <Tom/>',
        '  <Beløp valuta="NOK">1500</Beløp>',
        '  <Aktiv>true</Aktiv>',
        '</Soknad>',
        '',
      ].join('\n'),
    });
  });

  it('drops characters XML cannot carry and reports a bad name or shape with its path', () => {
    expect(toXml({ R: { A: 'x\u0001y' } })).toMatchObject({ ok: true, text: expect.stringContaining('<A>xy</A>') });
    expect(toXml({ R: { 'ugyldig navn': 'x' } })).toEqual({ ok: false, problems: [{ stage: 'serialise', message: '«ugyldig navn» er ikke et gyldig XML-elementnavn', at: 'R.ugyldig navn' }] });
    expect(toXml({ A: 1, B: 2 })).toMatchObject({ ok: false, problems: [{ stage: 'serialise', at: '$' }] });
    expect(toXml({ R: { '@a': { b: 1 } } })).toMatchObject({ ok: false, problems: [{ at: 'R.@a' }] });
  });
});

describe('CSV serialiser', () => {
  it('quotes per RFC 4180, ends lines with CRLF, writes a header, neutralises formulas and leaves a telephone number as the citizen gave it', () => {
    const r = toCsv([
      { navn: 'Nordmann; Kari', merknad: 'sa "hei"\nog gikk', tall: -5, formel: '=HYPERLINK("http://x")' },
      { navn: '+4791234567', merknad: '@SUM(A1)', tall: 3, formel: '-2+3' },
    ]);
    expect(r).toEqual({
      ok: true,
      text: 'navn;merknad;tall;formel\r\n"Nordmann; Kari";"sa ""hei""\nog gikk";-5;"\'=HYPERLINK(""http://x"")"\r\n+4791234567;\'@SUM(A1);3;\'-2+3\r\n',
    });
  });

  it('takes the configured columns and delimiter, one object as one row, and reports what does not fit', () => {
    expect(toCsv({ b: 'B', a: 'A', c: null }, { columns: ['a', 'b', 'c'], delimiter: ',' })).toEqual({ ok: true, text: 'a,b,c\r\nA,B,\r\n' });
    expect(toCsv([{ a: 1 }, { a: 2, b: 3 }])).toEqual({ ok: false, problems: [{ stage: 'serialise', message: 'feltet «b» er ikke en kolonne (a)', at: '[1].b' }] });
    expect(toCsv([{ a: { x: 1 } }])).toMatchObject({ ok: false, problems: [{ at: '[0].a' }] });
    expect(toCsv('tekst')).toMatchObject({ ok: false, problems: [{ stage: 'serialise' }] });
  });
});

describe('payload mapper', () => {
  it('maps JSON, leaving out undefined values (also in arrays)', async () => {
    const r = await mapper.run('{ "navn": navn, "mangler": ingen, "liste": [barn.navn, ingen] }', json, { navn: 'Kari', barn: [{ navn: 'Ola' }, { navn: 'Per' }] });
    expect(r).toEqual({ ok: true, payload: { navn: 'Kari', liste: ['Ola', 'Per'] }, text: null });
  });

  it('serialises to XML and CSV by the target', async () => {
    const xml = await mapper.run('{ "R": { "@xmlns": "urn:x", "A": a } }', { format: 'xml', schema: null }, { a: '1 < 2' });
    expect(xml).toMatchObject({ ok: true, text: '<?xml version="1.0" encoding="UTF-8"?>\n<R xmlns="urn:x">\n  <A>1 &lt; 2</A>\n</R>\n' });
    const csv = await mapper.run('rows.{ "x": x, "y": y }', { format: 'csv', schema: null, csv: { columns: ['y', 'x'] } }, { rows: [{ x: 1, y: 'a' }, { x: 2, y: 'b' }] });
    expect(csv).toMatchObject({ ok: true, text: 'y;x\r\na;1\r\nb;2\r\n' });
  });

  it('reports a syntax error with its position, and an evaluation error without the value', async () => {
    expect(mapper.check('{ "a": b ')).toEqual([{ stage: 'syntax', message: expect.stringContaining('[S0'), at: expect.stringMatching(/^posisjon \d+$/) }]);
    expect(mapper.check('{ "a": b }')).toEqual([]);
    expect(mapper.check('  ')).toEqual([{ stage: 'syntax', message: 'Uttrykket er tomt' }]);
    const r = await mapper.run('$number(fnr) + $number(navn)', json, { fnr: FNR, navn: 'Kari Nordmann' });
    expect(r).toMatchObject({ ok: false, problems: [{ stage: 'evaluate', message: expect.stringContaining('D3030') }] });
    expect(JSON.stringify(r)).not.toContain('Kari');
    const e = await mapper.run('$error("feil for " & fnr)', json, { fnr: FNR });
    expect(JSON.stringify(e)).not.toContain(FNR);
    expect(await mapper.run('ingen', json, {})).toMatchObject({ ok: false, problems: [{ stage: 'evaluate', message: expect.stringContaining('ingen verdi') }] });
  });

  it('stops a runaway expression after about a second', async () => {
    const t0 = Date.now();
    const r = await mapper.run('( $f := function($n) { $n = 0 ? 1 : $f($n - 1) + $f($n - 1) }; $f(40) )', json, {});
    expect(r).toEqual({ ok: false, problems: [{ stage: 'evaluate', message: 'Uttrykket brukte mer enn 1000 ms og ble stoppet (en uendelig løkke?)', at: expect.stringMatching(/^posisjon/) }] });
    expect(Date.now() - t0).toBeLessThan(5000);
    // endless recursion is stopped by the depth guard
    expect(await mapper.run('( $f := function($n) { $f($n + 1) + 1 }; $f(0) )', json, {})).toMatchObject({ ok: false, problems: [{ stage: 'evaluate', message: expect.stringContaining('rekursjon') }] });
  });

  it('checks JSON Schema with ajv: path and rule, never the value', async () => {
    const target: MappingTarget = { format: 'json', schema: { kind: 'json-schema', text: SCHEMA } };
    const r = await mapper.run('{ "fnr": fnr & "x", "navn": navn, "epost": "ikke-epost-kari", "ekstra": 1, "barn": [] }', target, { fnr: FNR, navn: 'Kari Nordmann' });
    expect(r.ok).toBe(false);
    const problems = r.ok ? [] : r.problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        { stage: 'schema', message: 'feltet «ekstra» er ikke tillatt her', at: '/' },
        { stage: 'schema', message: 'følger ikke mønsteret ^\\d{11}$', at: '/fnr' },
        { stage: 'schema', message: 'skal ha høyst 5 tegn', at: '/navn' },
        { stage: 'schema', message: 'skal ha formatet email', at: '/epost' },
        { stage: 'schema', message: 'skal ha minst 1 elementer', at: '/barn' },
      ]),
    );
    const text = JSON.stringify(problems);
    for (const value of [FNR, 'Kari', 'ikke-epost']) expect(text).not.toContain(value);
    expect(await mapper.run('{ "fnr": fnr, "navn": "Kari", "epost": "k@example.no" }', target, { fnr: FNR })).toMatchObject({ ok: true });
  });

  it('compiles a schema in the dialect it names (2020-12), and reports a schema that cannot be used', async () => {
    const s2020 = JSON.stringify({ $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'array', prefixItems: [{ type: 'string' }] });
    expect(await mapper.run('[1, 2]', { format: 'json', schema: { kind: 'json-schema', text: s2020 } }, {})).toEqual({ ok: false, problems: [{ stage: 'schema', message: 'skal være av typen string', at: '/0' }] });
    expect(await mapper.run('{ "a": 1 }', { format: 'json', schema: { kind: 'json-schema', text: '{ "type": ' } }, {})).toMatchObject({ ok: false, problems: [{ stage: 'schema', message: expect.stringContaining('kan ikke brukes') }] });
  });

  it('checks XSD with the repo validator: element and rule with the line, never the value', async () => {
    const target: MappingTarget = { format: 'xml', schema: { kind: 'xsd', text: XSD } };
    const expr = '{ "Soknad": { "@xmlns": "urn:test:ist", "@versjon": v, "Fnr": fnr, "Oppstart": dato, "Barn": barn } }';
    const good = await mapper.run(expr, target, { v: 1, fnr: FNR, dato: '2026-08-17', barn: ['Ola', 'Per'] });
    expect(good).toMatchObject({ ok: true, text: expect.stringContaining('<Barn>Per</Barn>') });
    const bad = await mapper.run(expr, target, { v: 'to', fnr: 'Kari12345', dato: '17.08.2026', barn: ['Ola'] });
    expect(bad.ok).toBe(false);
    const problems = bad.ok ? [] : bad.problems;
    expect(problems.length).toBeGreaterThanOrEqual(2);
    for (const p of problems) expect(p).toMatchObject({ stage: 'schema', at: expect.stringMatching(/^linje \d+$/) });
    expect(problems.map((p) => p.message)).toEqual(expect.arrayContaining([expect.stringMatching(/^Elementet «\{urn:test:ist\}Fnr»: verdien bryter regelen «pattern»$/), expect.stringMatching(/Oppstart».*typen «xs:date»/)]));
    const text = JSON.stringify(problems);
    for (const value of ['Kari12345', '17.08.2026', '"to"', "'to'"]) expect(text).not.toContain(value);
  });

  it('rejects (to be tried again) when the XSD check itself fails, without what xmllint said', async () => {
    const failing = { validate: () => Promise.reject(new Error(`xmllint avsluttet med kode 3: d0.xml:2: <Fnr>${FNR}</Fnr>`)), close: async () => {} };
    const m = createPayloadMapper({ xsd: failing });
    const run = m.run('{ "Soknad": { "Fnr": fnr } }', { format: 'xml', schema: { kind: 'xsd', text: XSD } }, { fnr: FNR });
    await expect(run).rejects.toThrow('XSD-valideringen stoppet (tidsavbrudd eller teknisk feil)');
    await expect(run).rejects.not.toThrow(FNR);
  });

  it('takes the quoted values out of xmllint messages it does not know', () => {
    expect(xsdMessage({ line: 3, message: "Element 'A': The value 'Kari' is odd in 'some' way." })).toEqual({ stage: 'schema', message: 'Elementet «A»: The value «…» is odd in «…» way.', at: 'linje 3' });
  });
});

describe('mapping target', () => {
  it('gives JSON for REST and SOAP, the file format and CSV options for a file drop, and reads the schema from resources', () => {
    const res = tempDir('pm-mt-');
    fs.mkdirSync(path.join(res, 'internal'));
    fs.writeFileSync(path.join(res, 'internal', 'x.schema.json'), SCHEMA);
    fs.writeFileSync(path.join(res, 'internal', 'x.xsd'), XSD);
    const rest = { name: 'R', enabled: true, transport: 'rest', manualFallback: false, schema: 'internal/x.schema.json', rest: {} } as never;
    expect(mappingTargetOf(rest, res)).toEqual({ format: 'json', schema: { kind: 'json-schema', text: SCHEMA } });
    const file = { name: 'F', enabled: true, transport: 'file', manualFallback: false, file: { dir: '/tmp/x', format: 'csv', csv: { columns: ['a'], delimiter: ',' } } } as never;
    expect(mappingTargetOf(file, res)).toEqual({ format: 'csv', schema: null, csv: { columns: ['a'], delimiter: ',' } });
    const xml = { name: 'X', enabled: true, transport: 'file', manualFallback: false, schema: 'internal/x.xsd', file: { dir: '/tmp/x', format: 'xml' } } as never;
    expect(mappingTargetOf(xml, res)).toMatchObject({ format: 'xml', schema: { kind: 'xsd' } });
    expect(() => mappingTargetOf({ ...(rest as object), schema: 'internal/mangler.json' } as never, res)).toThrow(/mangler\.json/);
  });
});
