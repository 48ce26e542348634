import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from '../helpers/integration-error';
import { validateXML } from 'xmllint-wasm';
import type { PendingRef } from '../../electron/core/ingest/submission';
import type { SubmissionSource } from '../../electron/core/ports/submission-source.port';
import { createAltinn2DownloadQueueAdapter } from '../../integrations/altinn/altinn2-download-queue.adapter';
import { parseAltinnDateTime } from '../../integrations/altinn/altinn2.mapper';
import { A2_FAULT, downloadQueueExtension, DOWNLOAD_QUEUE_PATH, type A2QueueState } from '../../integrations/altinn/simulator/download-queue.simulator';
import type { SeedSubmission } from '../../integrations/altinn/simulator/sim-types';

const USER = 'kommune-agency-sys';
const PASSWORD = 'S3cret!pass<&>word';
const WSDL_FILE = path.resolve(__dirname, '../../resources/wsdl/altinn2/DownloadQueueExternalBasic.svc.wsdl');
const TNS = 'http://www.altinn.no/services/Archive/DownloadQueue/2012/08';
const ACTION = (op: string) => (op === 'Test' ? 'http://www.altinn.no/services/2009/10/IAltinnContractBase/Test' : `${TNS}/IDownloadQueueExternalBasic/${op}`);

// --- fixtures --------------------------------------------------------------------------------

const T0 = Date.UTC(2026, 0, 12, 8, 30, 0, 123); // winter time in Oslo
const FORM_XML =
  '<?xml version="1.0" encoding="utf-8"?>\r\n<Skjema dataFormatProvider="SERES" dataFormatId="6543" dataFormatVersion="45678">' +
  '<Soker><Navn>Åse Øren &amp; Sønn</Navn><Fnr>{PNR}</Fnr></Soker>\n\t<Merknad>  a &lt; b &gt; c "sitat" \'x\'  </Merknad></Skjema>\n';
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), randomBytes(200), Buffer.from('\n%%EOF\n')]);
const ATTACHMENT = Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256));

function seed(i: number, over: { completedAt?: number; serviceCode?: string; a2?: boolean } = {}): SeedSubmission {
  const personNumber = `0101701${String(2000 + i).padStart(4, '0')}`;
  const serviceCode = over.serviceCode ?? '4711';
  return {
    profileId: 'permisjon-skole',
    instanceGuid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    partyId: String(50000000 + i),
    personNumber,
    appId: `kommune/a2-${serviceCode}-1`,
    ...(over.a2 === false ? {} : { altinn2: { archiveReference: `AR${1000000 + i}`, serviceCode, serviceEditionCode: 1, reporteeType: 'Person' as const } }),
    createdAt: (over.completedAt ?? T0 + i * 60_000) - 3_600_000,
    completedAt: over.completedAt ?? T0 + i * 60_000,
    formXml: FORM_XML.replace('{PNR}', personNumber),
    receiptPdf: PDF,
    attachments: [{ dataType: 'legeerklaering', filename: 'legeerklæring.pdf', contentType: 'application/pdf', bytes: ATTACHMENT }],
  };
}

class TestQueue implements A2QueueState {
  readonly purged = new Set<string>();
  readonly purgeCalls: string[] = [];
  constructor(readonly seeds: SeedSubmission[]) {}
  a2Queue() {
    return this.seeds.filter((s) => s.altinn2 && !this.purged.has(s.altinn2.archiveReference)).sort((a, b) => a.completedAt - b.completedAt);
  }
  a2Item(ref: string) {
    return this.seeds.find((s) => s.altinn2?.archiveReference === ref);
  }
  purge(ref: string) {
    if (!this.a2Item(ref) || this.purged.has(ref)) return false;
    this.purged.add(ref);
    return true;
  }
  countPurgeCall(ref: string) {
    this.purgeCalls.push(ref);
  }
}

interface Sim {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

async function startSim(state: A2QueueState): Promise<Sim> {
  const server = http.createServer((_req, res) => {
    res.statusCode = 404;
    res.end();
  });
  downloadQueueExtension({ systemUserName: USER, systemPassword: PASSWORD })(server, state);
  await new Promise((r) => setImmediate(r)); // soap takes over the listeners on the next tick
  const requests: string[] = [];
  server.prependListener('request', (req: http.IncomingMessage) => {
    if (!req.url?.startsWith(DOWNLOAD_QUEUE_PATH) || req.method !== 'POST') return;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => requests.push(Buffer.concat(chunks).toString('utf8')));
  });
  return listenOn(server, DOWNLOAD_QUEUE_PATH, requests);
}

async function listenOn(server: http.Server, p: string, requests: string[] = []): Promise<Sim> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${p}`,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

function rawServer(handler: http.RequestListener): Promise<Sim> {
  return listenOn(http.createServer(handler), DOWNLOAD_QUEUE_PATH);
}

const adapter = (url: string, over: Partial<Parameters<typeof createAltinn2DownloadQueueAdapter>[0]> = {}, deps?: Parameters<typeof createAltinn2DownloadQueueAdapter>[1]) =>
  createAltinn2DownloadQueueAdapter({ url, systemUserName: USER, systemPassword: PASSWORD, timeoutMs: 5_000, ...over }, deps);

async function listAll(source: SubmissionSource): Promise<PendingRef[]> {
  const out: PendingRef[] = [];
  for await (const page of source.listPending()) out.push(...page);
  return out;
}


const refOf = (s: SeedSubmission): PendingRef => ({
  source: 'altinn2',
  sourceId: s.altinn2!.archiveReference,
  a2ArchiveRef: s.altinn2!.archiveReference,
  serviceKey: `${s.altinn2!.serviceCode}:1`,
  lastChanged: s.completedAt,
});

function envelope(op: string, inner: string, ns = TNS): string {
  return `<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><${op} xmlns="${ns}">${inner}</${op}></s:Body></s:Envelope>`;
}

async function post(url: string, op: string, body: string): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"${ACTION(op)}"` }, body });
  return { status: res.status, text: await res.text() };
}

// --- schema validation: the WSDL's embedded schemas plus a minimal SOAP 1.1 envelope ---------

const SOAP_ENV_XSD = `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="http://schemas.xmlsoap.org/soap/envelope/" targetNamespace="http://schemas.xmlsoap.org/soap/envelope/">
  <xs:element name="Envelope"><xs:complexType><xs:sequence>
    <xs:element ref="tns:Header" minOccurs="0"/><xs:element ref="tns:Body"/>
  </xs:sequence><xs:anyAttribute namespace="##other" processContents="lax"/></xs:complexType></xs:element>
  <xs:element name="Header"><xs:complexType><xs:sequence><xs:any namespace="##other" processContents="lax" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType></xs:element>
  <xs:element name="Body"><xs:complexType><xs:sequence><xs:any namespace="##any" processContents="strict" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType></xs:element>
  <xs:element name="Fault"><xs:complexType><xs:sequence>
    <xs:element name="faultcode" type="xs:QName"/><xs:element name="faultstring" type="xs:string"/>
    <xs:element name="faultactor" type="xs:anyURI" minOccurs="0"/>
    <xs:element name="detail" minOccurs="0"><xs:complexType><xs:sequence><xs:any namespace="##any" processContents="lax" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType></xs:element>
  </xs:sequence></xs:complexType></xs:element>
</xs:schema>`;

function schemaFiles(): { main: string; preload: { fileName: string; contents: string }[] } {
  const wsdl = fs.readFileSync(WSDL_FILE, 'utf8');
  const blocks = [...wsdl.matchAll(/<(xsd?):schema\b[\s\S]*?<\/\1:schema>/g)].map((m) => ({ prefix: m[1]!, xml: m[0] }));
  const byNs = new Map<string, string>();
  blocks.forEach((b, i) => byNs.set(/targetNamespace="([^"]+)"/.exec(b.xml)![1]!, `wsdl-${i}.xsd`));
  const preload = blocks.map((b, i) => {
    const ns = /targetNamespace="([^"]+)"/.exec(b.xml)![1]!;
    let xml = b.xml.replace(/<(xsd?):import namespace="([^"]+)"\/>/g, (_m, p: string, n: string) => `<${p}:import namespace="${n}" schemaLocation="${byNs.get(n)}"/>`);
    const root = /^<xsd?:schema\b[^>]*>/.exec(xml)![0];
    let decl = root.includes(`xmlns:${b.prefix}=`) ? '' : ` xmlns:${b.prefix}="http://www.w3.org/2001/XMLSchema"`;
    if (!root.includes('xmlns:tns=')) decl += ` xmlns:tns="${ns}"`;
    xml = xml.replace(root, root.replace(/>$/, `${decl}>`));
    return { fileName: `wsdl-${i}.xsd`, contents: xml };
  });
  preload.push({ fileName: 'soap-envelope.xsd', contents: SOAP_ENV_XSD });
  const imports = [...byNs].map(([ns, f]) => `<xs:import namespace="${ns}" schemaLocation="${f}"/>`).join('');
  const main = `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:test:all"><xs:import namespace="http://schemas.xmlsoap.org/soap/envelope/" schemaLocation="soap-envelope.xsd"/>${imports}</xs:schema>`;
  return { main, preload };
}

function validate(docs: string[]) {
  const { main, preload } = schemaFiles();
  return validateXML({
    xml: docs.map((contents, i) => ({ fileName: `doc-${i}.xml`, contents })),
    schema: [{ fileName: 'main.xsd', contents: main }],
    preload,
    maxMemoryPages: 4096,
  });
}

async function expectValid(docs: string[]): Promise<void> {
  const result = await validate(docs);
  expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
  expect(result.valid).toBe(true);
}

// --- the tests -------------------------------------------------------------------------------

describe('Altinn 2 DownloadQueue: adapter against the SOAP simulator', () => {
  const seeds = [seed(3), seed(1), seed(2, { serviceCode: '4712' }), seed(4, { a2: false })];
  const state = new TestQueue(seeds);
  let sim: Sim;
  beforeAll(async () => {
    sim = await startSim(state);
  });
  afterAll(() => sim.close());

  it('lists the queue oldest first, as PendingRefs', async () => {
    const refs = await listAll(adapter(sim.url));
    expect(refs).toEqual([refOf(seeds[1]!), { ...refOf(seeds[2]!), serviceKey: '4712:1' }, refOf(seeds[0]!)]);
  });

  it('filters by service code when configured', async () => {
    const refs = await listAll(adapter(sim.url, { serviceCodes: ['4712'] }));
    expect(refs.map((r) => r.sourceId)).toEqual(['AR1000002']);
  });

  it('fetches form, receipt PDF and attachment byte for byte', async () => {
    const s = seeds[1]!;
    const sub = await adapter(sim.url).fetch(refOf(s));
    expect(sub.ref).toEqual(refOf(s));
    expect(sub.submittedAt).toBe(s.completedAt);
    expect(sub.reportee).toEqual({ partyId: null, personNumber: s.personNumber, organisationNumber: null });
    expect(sub.parts.map((p) => [p.role, p.dataType, p.filename, p.contentType])).toEqual([
      ['form', 'form', null, 'application/xml'],
      ['receipt-pdf', 'formset-pdf', null, 'application/pdf'],
      ['attachment', 'legeerklaering', 'legeerklæring.pdf', 'application/pdf'],
    ]);
    expect(Buffer.from(sub.parts[0]!.bytes).equals(Buffer.from(s.formXml, 'utf8'))).toBe(true);
    expect(Buffer.from(sub.parts[1]!.bytes).equals(PDF)).toBe(true);
    expect(Buffer.from(sub.parts[2]!.bytes).equals(ATTACHMENT)).toBe(true);
  });

  it('confirm purges; the item leaves the list; a repeated confirm still succeeds', async () => {
    const source = adapter(sim.url);
    const s = seeds[0]!;
    await source.confirm(refOf(s));
    expect((await listAll(source)).map((r) => r.sourceId)).not.toContain('AR1000003');
    await source.confirm(refOf(s)); // e.g. the retry after a crash before we recorded the purge
    expect(state.purgeCalls.filter((r) => r === 'AR1000003')).toHaveLength(2);
    // the archive keeps purged items: fetching it again still works
    expect((await source.fetch(refOf(s))).parts).toHaveLength(3);
  });

  it('bad credentials are auth errors, and the password stays out of the message', async () => {
    const bad = adapter(sim.url, { systemPassword: `${PASSWORD}-wrong` });
    for (const call of [listAll(bad), bad.fetch(refOf(seeds[1]!)), bad.confirm(refOf(seeds[1]!))]) {
      const e = await failure(call);
      expect(e.kind).toBe('auth');
      expect(e.message).toMatch(/AltinnFault 6/);
      expect(e.message).not.toContain(PASSWORD);
      expect(JSON.stringify({ ...e, cause: e.cause })).not.toContain(PASSWORD);
    }
    expect(state.purged.has('AR1000001')).toBe(false);
    const unknownUser = await failure(listAll(adapter(sim.url, { systemUserName: 'nobody' })));
    expect(unknownUser.kind).toBe('auth');
  });

  it('an unknown archive reference on fetch is permanent; messages carry no person numbers', async () => {
    const e = await failure(adapter(sim.url).fetch({ ...refOf(seeds[1]!), sourceId: 'AR999', a2ArchiveRef: 'AR999' }));
    expect(e.kind).toBe('permanent');
    expect(e.message).toContain('AR999');
    expect(e.message).not.toMatch(/\d{11}/);
  });

  it("sends requests that are valid against the WSDL's schemas", async () => {
    sim.requests.length = 0;
    const source = adapter(sim.url);
    await listAll(source);
    await source.fetch(refOf(seeds[1]!));
    await source.confirm(refOf(seeds[2]!));
    const ops = sim.requests.map((r) => /<soap:Body><(\w+)/.exec(r)?.[1]);
    expect(ops).toEqual(['GetDownloadQueueItems', 'GetArchivedFormTaskBasicDQ', 'GetFormSetPdfBasic', 'PurgeItem']);
    expect(sim.requests[2]).toContain('<systemName>');
    await expectValid(sim.requests);
  });
});

describe('Altinn 2 DownloadQueue: the simulator speaks the WSDL', () => {
  const seeds = [seed(1), seed(2)];
  let sim: Sim;
  beforeAll(async () => {
    sim = await startSim(new TestQueue(seeds));
  });
  afterAll(() => sim.close());
  const creds = `<systemUserName>${USER}</systemUserName><systemPassword>${PASSWORD.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</systemPassword>`;
  const pdfCreds = creds.replace(/systemUserName/g, 'systemName');

  it('answers hand-written requests with schema-valid, namespace-qualified bodies', async () => {
    const list = await post(sim.url, 'GetDownloadQueueItems', envelope('GetDownloadQueueItems', creds));
    expect(list.status).toBe(200);
    expect(list.text).toContain('<GetDownloadQueueItemsResult xmlns:a="http://schemas.altinn.no/services/Archive/DownloadQueue/2012/08"');
    expect(list.text).toContain('<a:ArchiveReference>AR1000001</a:ArchiveReference><a:ArchivedDate>2026-01-12T09:31:00.123+01:00</a:ArchivedDate>');
    expect(list.text).toContain('<a:ReporteeType>Person</a:ReporteeType>');
    const task = await post(sim.url, 'GetArchivedFormTaskBasicDQ', envelope('GetArchivedFormTaskBasicDQ', `${creds}<archiveReference>AR1000002</archiveReference><languageID>1044</languageID><includeXmlNamespace>false</includeXmlNamespace>`));
    expect(task.text).toContain('<a:DataFormatID>6543</a:DataFormatID><a:DataFormatVersionID>45678</a:DataFormatVersionID>');
    const pdf = await post(sim.url, 'GetFormSetPdfBasic', envelope('GetFormSetPdfBasic', `${pdfCreds}<archiveReference>AR1000002</archiveReference><languageId>1044</languageId>`));
    expect(pdf.text).toContain(`<GetFormSetPdfBasicResult>${PDF.toString('base64')}</GetFormSetPdfBasicResult>`);
    const purge = await post(sim.url, 'PurgeItem', envelope('PurgeItem', `${creds}<archiveReference>AR1000002</archiveReference>`));
    expect(purge.text).toContain('<PurgeItemResult>OK</PurgeItemResult>');
    const test = await post(sim.url, 'Test', envelope('Test', '', 'http://www.altinn.no/services/2009/10'));
    expect(test.status).toBe(200);
    const again = await post(sim.url, 'PurgeItem', envelope('PurgeItem', `${creds}<archiveReference>AR1000002</archiveReference>`));
    expect(again.status).toBe(500);
    expect(again.text).toContain(`<ErrorID>${A2_FAULT.notInQueue}</ErrorID>`);
    await expectValid([list.text, task.text, pdf.text, purge.text, test.text, again.text]);
  });

  it('the schema check is not vacuous: items in the operation namespace (what `soap` would write) fail', async () => {
    const wrong = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><GetDownloadQueueItemsResponse xmlns="${TNS}"><GetDownloadQueueItemsResult><DownloadQueueItemBE><ArchiveReference>AR1</ArchiveReference></DownloadQueueItemBE></GetDownloadQueueItemsResult></GetDownloadQueueItemsResponse></s:Body></s:Envelope>`;
    const result = await validate([wrong]);
    expect(result.valid).toBe(false);
    expect(result.errors[0]?.message).toContain('DownloadQueueItemBE');
  });

  it('faults carry an AltinnFault detail in its namespace', async () => {
    const r = await post(sim.url, 'GetDownloadQueueItems', envelope('GetDownloadQueueItems', `<systemUserName>${USER}</systemUserName><systemPassword>nope</systemPassword>`));
    expect(r.status).toBe(500);
    expect(r.text).toMatch(/<soap:Fault><faultcode>soap:Client<\/faultcode><faultstring>[^<]+<\/faultstring><detail><AltinnFault xmlns="http:\/\/www\.altinn\.no\/services\/common\/fault\/2009\/10"/);
    expect(r.text).toContain(`<ErrorID>${A2_FAULT.authenticationFailed}</ErrorID>`);
    await expectValid([r.text]);
  });

  it('reads parameters as WCF does: unqualified ones do not count, GetFormSetPdfBasic wants systemName', async () => {
    const unqualified = `<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><d:GetDownloadQueueItems xmlns:d="${TNS}"><systemUserName>${USER}</systemUserName><systemPassword>x</systemPassword></d:GetDownloadQueueItems></s:Body></s:Envelope>`;
    expect((await post(sim.url, 'GetDownloadQueueItems', unqualified)).text).toContain(`<ErrorID>${A2_FAULT.invalidSystem}</ErrorID>`);
    const wrongField = await post(sim.url, 'GetFormSetPdfBasic', envelope('GetFormSetPdfBasic', `${creds}<archiveReference>AR1000001</archiveReference><languageId>1044</languageId>`));
    expect(wrongField.text).toContain(`<ErrorID>${A2_FAULT.invalidSystem}</ErrorID>`);
    const mismatch = await post(sim.url, 'PurgeItem', envelope('GetDownloadQueueItems', creds));
    expect(mismatch.status).toBe(500);
    expect(mismatch.text).toContain('ContractFilter mismatch');
  });
});

describe('Altinn 2 DownloadQueue: 500-item cap', () => {
  it('returns the 500 oldest; the next appears once one is purged', async () => {
    const seeds = Array.from({ length: 501 }, (_, i) => seed(500 - i)); // stored newest first
    const sim = await startSim(new TestQueue(seeds));
    try {
      const source = adapter(sim.url);
      const refs = await listAll(source);
      expect(refs).toHaveLength(500);
      expect(refs[0]!.sourceId).toBe('AR1000000');
      expect(refs.map((r) => r.lastChanged)).toEqual([...refs.map((r) => r.lastChanged)].sort((a, b) => a - b));
      expect(refs.map((r) => r.sourceId)).not.toContain('AR1000500');
      await source.confirm(refs[0]!);
      expect((await listAll(source)).at(-1)!.sourceId).toBe('AR1000500');
    } finally {
      await sim.close();
    }
  });
});

describe('Altinn 2 DownloadQueue: transport failures', () => {
  const s = seed(1);

  it('server down is transient', async () => {
    const gone = await rawServer(() => {});
    const url = gone.url;
    await gone.close();
    const e = await failure(listAll(adapter(url)));
    expect(e.kind).toBe('transient');
    expect(e.message).toContain('ECONNREFUSED');
  });

  it('a server that never answers times out as transient', async () => {
    const silent = await rawServer(() => {});
    try {
      const e = await failure(adapter(silent.url, { timeoutMs: 200 }).fetch(refOf(s)));
      expect(e.kind).toBe('transient');
    } finally {
      await silent.close();
    }
  });

  it('maps HTTP statuses and malformed bodies', async () => {
    let answer: (res: http.ServerResponse) => void = () => {};
    const raw = await rawServer((req, res) => {
      req.resume();
      req.on('end', () => answer(res));
    });
    const now = Date.parse('2026-03-01T12:00:00Z');
    const source = adapter(raw.url, {}, { clock: { now: () => now } });
    const run = async (fn: (res: http.ServerResponse) => void) => {
      answer = fn;
      return failure(source.confirm(refOf(s)));
    };
    try {
      let e = await run((res) => res.writeHead(429, { 'Retry-After': '7' }).end());
      expect([e.kind, e.retryAfterMs]).toEqual(['rate-limited', 7000]);
      e = await run((res) => res.writeHead(429, { 'Retry-After': new Date(now + 30_000).toUTCString() }).end('<html>slow down</html>'));
      expect([e.kind, e.retryAfterMs]).toEqual(['rate-limited', 30_000]);
      e = await run((res) => res.writeHead(503, { 'Content-Type': 'text/html' }).end('<html><body>Service Unavailable<br></body></html>'));
      expect(e.kind).toBe('transient');
      e = await run((res) => res.writeHead(502).end());
      expect(e.kind).toBe('transient');
      e = await run((res) => res.writeHead(200, { 'Content-Type': 'text/xml' }).end('<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><PurgeItemRes'));
      expect(e.kind).toBe('transient');
      e = await run((res) => res.writeHead(404).end());
      expect(e.kind).toBe('permanent');
      e = await run((res) => res.writeHead(401).end());
      expect(e.kind).toBe('auth');
      answer = (res) => res.writeHead(200, { 'Content-Type': 'text/xml' }).end('<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><Unexpected/></s:Body></s:Envelope>');
      e = await failure(listAll(source));
      expect(e.kind).toBe('transient');
    } finally {
      await raw.close();
    }
  });

  it('a missing WSDL is a permanent configuration error', async () => {
    const e = await failure(listAll(adapter('http://127.0.0.1:9/x', {}, { wsdlPath: '/nonexistent/DownloadQueue.wsdl' })));
    expect(e.kind).toBe('permanent');
  });
});

describe('Altinn 2 DownloadQueue: MTOM responses (what the real binding sends)', () => {
  it('resolves xop:Include references to the MIME parts', async () => {
    const s = seed(1);
    const boundary = 'uuid:5b3e6a7c-0000-4000-8000-000000000001';
    const mtom = (op: string, result: string, binaries: Buffer[]) => {
      const head = [`--${boundary}`, 'Content-ID: <http://tempuri.org/0>', 'Content-Transfer-Encoding: 8bit', 'Content-Type: application/xop+xml;charset=utf-8;type="text/xml"', '', ''].join('\r\n');
      const xml = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><${op}Response xmlns="${TNS}">${result}</${op}Response></s:Body></s:Envelope>`;
      const parts = binaries.map((b, i) =>
        Buffer.concat([Buffer.from(`\r\n--${boundary}\r\nContent-ID: <http://tempuri.org/1/${i}>\r\nContent-Transfer-Encoding: binary\r\nContent-Type: application/octet-stream\r\n\r\n`), b]),
      );
      return Buffer.concat([Buffer.from(head + xml), ...parts, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    };
    const xop = (i: number) => `<xop:Include href="cid:http%3A%2F%2Ftempuri.org%2F1%2F${i}" xmlns:xop="http://www.w3.org/2004/08/xop/include"/>`;
    const raw = await rawServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const action = String(req.headers.soapaction);
        const body = action.includes('GetFormSetPdfBasic')
          ? mtom('GetFormSetPdfBasic', `<GetFormSetPdfBasicResult>${xop(0)}</GetFormSetPdfBasicResult>`, [PDF])
          : mtom(
              'GetArchivedFormTaskBasicDQ',
              `<GetArchivedFormTaskBasicDQResult xmlns:a="http://schemas.altinn.no/services/Archive/ReporteeArchive/2012/08" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">` +
                `<a:ArchiveReference>AR1000001</a:ArchiveReference><a:ArchiveTimeStamp>2026-01-12T09:31:00.123</a:ArchiveTimeStamp>` +
                `<a:Attachments><a:ArchivedAttachmentDQBE><a:AttachmentData>${xop(0)}</a:AttachmentData><a:AttachmentType>application/pdf</a:AttachmentType><a:FileName>v.pdf</a:FileName><a:AttachmentTypeName>vedlegg</a:AttachmentTypeName></a:ArchivedAttachmentDQBE></a:Attachments>` +
                `<a:Forms><a:ArchivedFormDQBE><a:FormData>&lt;a/&gt;</a:FormData><a:ParentReference i:nil="true"/></a:ArchivedFormDQBE></a:Forms>` +
                `<a:Reportee>910000001</a:Reportee></GetArchivedFormTaskBasicDQResult>`,
              [ATTACHMENT],
            );
        res.writeHead(200, { 'Content-Type': `multipart/related; type="application/xop+xml"; start="<http://tempuri.org/0>"; boundary="${boundary}"; start-info="text/xml"` }).end(body);
      });
    });
    try {
      const sub = await adapter(raw.url).fetch(refOf(s));
      expect(Buffer.from(sub.parts[1]!.bytes).equals(PDF)).toBe(true);
      expect(Buffer.from(sub.parts[2]!.bytes).equals(ATTACHMENT)).toBe(true);
      expect(Buffer.from(sub.parts[0]!.bytes).toString()).toBe('<a/>');
      expect(sub.reportee).toEqual({ partyId: null, personNumber: null, organisationNumber: '910000001' });
      expect(sub.submittedAt).toBe(s.completedAt); // offset-less time read as Oslo time
    } finally {
      await raw.close();
    }
  });
});

describe('parseAltinnDateTime', () => {
  it('reads offsets, Z and offset-less Oslo wall time (both sides of DST)', () => {
    expect(parseAltinnDateTime('2026-01-12T09:31:00.123+01:00')).toBe(Date.UTC(2026, 0, 12, 8, 31, 0, 123));
    expect(parseAltinnDateTime('2026-01-12T08:31:00Z')).toBe(Date.UTC(2026, 0, 12, 8, 31));
    expect(parseAltinnDateTime('2026-01-12T09:31:00')).toBe(Date.UTC(2026, 0, 12, 8, 31));
    expect(parseAltinnDateTime('2026-07-01T12:00:00.1234567')).toBe(Date.UTC(2026, 6, 1, 10, 0, 0, 123));
    expect(parseAltinnDateTime('yesterday')).toBeNaN();
  });
});
