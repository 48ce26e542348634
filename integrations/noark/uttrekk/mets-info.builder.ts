import type { ExtractionMeta } from '../../../electron/core/ports/archive-extraction.port';
import { type Dates } from './uttrekk.mapper';
import { XmlStreamWriter, type ClosedXmlFile } from './xml-stream.writer';

/**
 * The METS info.xml written beside the package's .tar, as Arkade 5 makes it
 * (arkade5 src/Arkivverket.Arkade.Core/Metadata/MetsCreator.cs, InfoXmlCreator.cs): root mets with
 * OBJID (the package UUID), PROFILE RA_METS_eARD, TYPE SIP; metsHdr with CREATEDATE, altRecordIDs and
 * agents; one fileGrp holding the .tar with its SHA-256 checksum and size; an empty structMap div.
 * Named <uuid>.xml as Arkade names it (ArchiveMetadata.GetInfoXmlFileName). Valid against
 * resources/noark5-uttrekk/mets/info.xsd (the eARD profile's METS), which requires ≥ 3 agents and
 * ≥ 3 altRecordIDs and spells the checksum type «SHA-256» (Arkade's enum SHA256 serialises to it).
 */

const NS = { mets: 'http://www.loc.gov/METS/', xlink: 'http://www.w3.org/1999/xlink', xsi: 'http://www.w3.org/2001/XMLSchema-instance' } as const;

export interface InfoXmlInput {
  meta: ExtractionMeta;
  dates: Dates;
  uuid: string;
  tar: { name: string; sha256: string; size: number; createdAt: number };
}

export async function writeInfoXml(file: string, input: InfoXmlInput): Promise<ClosedXmlFile> {
  const { meta, dates, tar } = input;
  const w = new XmlStreamWriter(file).declaration();
  w.open('mets:mets', {
    'xmlns:mets': NS.mets,
    'xmlns:xlink': NS.xlink,
    'xmlns:xsi': NS.xsi,
    OBJID: `UUID:${input.uuid}`,
    LABEL: `${meta.archiveTitle} – ${meta.scope.arkivdel} ${meta.scope.from}–${meta.scope.to}`,
    TYPE: 'SIP',
    PROFILE: 'http://xml.ra.se/METS/RA_METS_eARD.xml',
  });
  w.open('mets:metsHdr', { CREATEDATE: dates.dateTime(meta.producedAt) });
  const agent = (attrs: Record<string, string>, name: string, notes: string[] = []) => {
    w.open('mets:agent', attrs).leaf('mets:name', name);
    for (const n of notes) w.leaf('mets:note', n);
    w.close('mets:agent');
  };
  agent({ ROLE: 'ARCHIVIST', TYPE: 'ORGANIZATION' }, meta.arkivskaper.name);
  agent({ ROLE: 'OTHER', OTHERROLE: 'SUBMITTER', TYPE: 'ORGANIZATION' }, meta.arkivskaper.name);
  agent({ ROLE: 'OTHER', OTHERROLE: 'SUBMITTER', TYPE: 'INDIVIDUAL' }, meta.producedBy);
  agent({ ROLE: 'CREATOR', TYPE: 'ORGANIZATION' }, meta.arkivskaper.name);
  agent({ ROLE: 'ARCHIVIST', TYPE: 'OTHER', OTHERTYPE: 'SOFTWARE' }, meta.systemName, [meta.systemVersion, 'Noark 5', '5.0'].filter(Boolean));
  w.leaf('mets:altRecordID', `Noark 5-arkivuttrekk: ${meta.archiveTitle}, arkivdel ${meta.scope.arkivdel}`, { TYPE: 'DELIVERYSPECIFICATION' });
  w.leaf('mets:altRecordID', meta.scope.from, { TYPE: 'STARTDATE' });
  w.leaf('mets:altRecordID', meta.scope.to, { TYPE: 'ENDDATE' });
  w.close('mets:metsHdr');
  w.open('mets:fileSec').open('mets:fileGrp', { ID: 'fileGroup001', USE: 'FILES' });
  w.open('mets:file', {
    ID: 'fileId_0',
    MIMETYPE: 'application/tar',
    USE: 'Datafile',
    CHECKSUMTYPE: 'SHA-256',
    CHECKSUM: tar.sha256.toLowerCase(),
    SIZE: String(tar.size),
    CREATED: dates.dateTime(tar.createdAt),
  });
  // FLocat is empty by definition (METS: «NOTE: <FLocat> is an empty element»): the one self-closing tag
  w.raw(`<mets:FLocat xlink:href="file:${escapeAttr(tar.name)}" LOCTYPE="URL" xlink:type="simple"/>`);
  w.close('mets:file').close('mets:fileGrp').close('mets:fileSec');
  w.open('mets:structMap').raw('<mets:div/>').close('mets:structMap');
  w.close('mets:mets');
  return w.end();
}

const escapeAttr = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
