import type { ExtractionMeta } from '../../../electron/core/ports/archive-extraction.port';
import { XmlStreamWriter, type ClosedXmlFile } from './xml-stream.writer';

/**
 * arkivuttrekk.xml (ADDML 8.3), element for element as the official template
 * ../shared/specs/noark/noark5-uttrekk/examples/arkivuttrekk-mal-noark5-v5.0.xml (noark5-standard
 * vedlegg 5): the general part (recordCreators, systemType, systemName, archive, archivalPeriod), the
 * dataObject «Noark 5-arkivuttrekk» with type/version and additionalInfo, and one dataObject per XML
 * file with its checksum, its schemas and numberOfOccurrences. Checksums (SHA-256) cover every XML and
 * XSD but arkivuttrekk.xml and addml.xsd, and metadatakatalog.xsd's only at its first occurrence.
 */

const NS = { addml: 'http://www.arkivverket.no/standarder/addml', xsi: 'http://www.w3.org/2001/XMLSchema-instance' } as const;

export interface AddmlFile {
  name: string;
  sha256: string;
}

export interface AddmlDataObject {
  name: 'arkivstruktur' | 'endringslogg' | 'loependeJournal' | 'offentligJournal';
  file: AddmlFile;
  schema: AddmlFile;
  /** numberOfOccurrences: element name → count. */
  occurrences: [string, number][];
}

export interface AddmlInput {
  meta: ExtractionMeta;
  metadatakatalog: AddmlFile;
  dataObjects: AddmlDataObject[];
  antallDokumentfiler: number;
  inneholderSkjermetInformasjon: boolean;
}

type W = XmlStreamWriter;

const value = (w: W, v: string | number) => w.leaf('value', v);
const prop = (w: W, name: string, body: (w: W) => void, attrs: Record<string, string> = {}) => {
  w.open('property', { ...attrs, name });
  body(w);
  w.close('property');
};
const props = (w: W, body: (w: W) => void) => {
  w.open('properties');
  body(w);
  w.close('properties');
};
const xml10 = (w: W) =>
  prop(w, 'format', () => {
    value(w, 'XML');
    props(w, () => prop(w, 'version', () => value(w, '1.0')));
  });
const checksum = (w: W, sha256: string) =>
  prop(w, 'checksum', () =>
    props(w, () => {
      prop(w, 'algorithm', () => value(w, 'SHA-256'));
      prop(w, 'value', () => value(w, sha256));
    }),
  );
/** <property name="file"> with name, format and checksum (or the name alone for a repeated schema). */
const fileProp = (w: W, f: AddmlFile, full: boolean) =>
  prop(w, 'file', () =>
    props(w, () => {
      prop(w, 'name', () => value(w, f.name));
      if (full) {
        xml10(w);
        checksum(w, f.sha256);
      }
    }),
  );
const schemaProp = (w: W, f: AddmlFile, main: boolean, full: boolean) =>
  prop(w, 'schema', () => {
    if (main) value(w, 'main');
    props(w, () => {
      fileProp(w, f, full);
      if (full) {
        prop(w, 'type', () => {
          value(w, 'XML Schema');
          props(w, () => prop(w, 'version', () => value(w, '1.0')));
        });
      }
    });
  });

export async function writeAddml(file: string, input: AddmlInput): Promise<ClosedXmlFile> {
  const { meta } = input;
  const w = new XmlStreamWriter(file).declaration();
  const add = (name: string, body: () => void) => {
    w.open('additionalElement', { name });
    body();
    w.close('additionalElement');
  };
  w.open('addml', { xmlns: NS.addml, 'xmlns:xsi': NS.xsi, 'xsi:schemaLocation': `${NS.addml} addml.xsd`, name: 'Noark 5-arkivuttrekk' });
  w.open('dataset').leaf('description', 'Noark 5-arkivuttrekk');
  w.open('reference');
  w.open('context').open('additionalElements');
  add('recordCreators', () => {
    w.open('additionalElements');
    add('recordCreator', () => value(w, meta.arkivskaper.name));
    w.close('additionalElements');
  });
  add('systemType', () => value(w, 'Sakarkiv (Noark-5)'));
  add('systemName', () => value(w, `${meta.systemName} ${meta.systemVersion}`.trim()));
  add('archive', () => value(w, meta.archiveTitle));
  w.close('additionalElements').close('context');
  w.open('content').open('additionalElements');
  add('archivalPeriod', () =>
    props(w, () => {
      prop(w, 'startDate', () => value(w, meta.scope.from));
      prop(w, 'endDate', () => value(w, meta.scope.to));
    }),
  );
  w.close('additionalElements').close('content');
  w.close('reference');

  w.open('dataObjects').open('dataObject', { name: 'Noark 5-arkivuttrekk' });
  props(w, () =>
    prop(w, 'info', () =>
      props(w, () => {
        prop(w, 'type', () => {
          value(w, 'Noark 5');
          props(w, () => prop(w, 'version', () => value(w, '5.0')));
        });
        prop(w, 'additionalInfo', () =>
          props(w, () => {
            // «mykt» skille: a case file opened in the period stays in it until closed, with the entries
            // registered after the period's end (replies); open case files are left out, not moved
            prop(w, 'periode', () =>
              props(w, () => {
                prop(w, 'inngaaendeSkille', () => value(w, 'mykt'));
                prop(w, 'utgaaendeSkille', () => value(w, 'mykt'));
              }),
            );
            const bool = (name: string, v: boolean) => prop(w, name, () => value(w, String(v)), { dataType: 'boolean' });
            bool('inneholderSkjermetInformasjon', input.inneholderSkjermetInformasjon);
            bool('omfatterDokumenterSomErKassert', false);
            bool('inneholderDokumenterSomSkalKasseres', false);
            bool('inneholderVirksomhetsspesifikkeMetadata', false);
            prop(w, 'antallDokumentfiler', () => value(w, input.antallDokumentfiler), { dataType: 'integer' });
          }),
        );
      }),
    ),
  );
  w.open('dataObjects');
  let katalogDone = false;
  for (const d of input.dataObjects) {
    w.open('dataObject', { name: d.name });
    props(w, () => {
      fileProp(w, d.file, true);
      schemaProp(w, d.schema, true, true);
      schemaProp(w, input.metadatakatalog, false, !katalogDone);
      katalogDone = true;
      prop(w, 'info', () =>
        props(w, () => {
          for (const [element, count] of d.occurrences) {
            prop(w, 'numberOfOccurrences', () => {
              value(w, element);
              props(w, () => {
                prop(w, 'elementPath', () => value(w, `//${element}`));
                prop(w, 'value', () => value(w, count), { dataType: 'integer' });
              });
            });
          }
        }),
      );
    });
    w.close('dataObject');
  }
  w.close('dataObjects');
  w.close('dataObject').close('dataObjects');
  w.close('dataset').close('addml');
  return w.end();
}
