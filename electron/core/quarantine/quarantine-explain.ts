import type { ServiceProfile } from '../profiles/profile.schema';

/**
 * Why a submission is in quarantine, in Norwegian a caseworker can act on: which field, what
 * was expected. The stored reason keeps the validator's own words (libxml2's English, the safe
 * parser's position), shown behind "Tekniske detaljer"; this turns its common messages into
 * sentences that name the field by the profile's label where the profile maps that element.
 */

export interface QuarantineProblem {
  /** The line in the form, when the validator gave one. */
  line: number | null;
  /** The profile's label of the element (or its name when the profile does not map it). */
  field: string | null;
  text: string;
}

export interface QuarantineExplanation {
  summary: string;
  problems: QuarantineProblem[];
}

/** A label for an element's local name, or null when the profile does not map it. */
export type LabelOf = (element: string) => string | null;

/** The profile's labels (bokmål) by element name: fields first, then lists and their fields. */
export function profileLabels(profile: Pick<ServiceProfile, 'fields' | 'lists'> | undefined): LabelOf {
  const labels = new Map<string, string>();
  const last = (path: string) => {
    const seg = path.slice(path.lastIndexOf('/') + 1);
    return seg.slice(seg.indexOf(':') + 1);
  };
  const add = (path: string, label: string) => {
    if (!labels.has(last(path))) labels.set(last(path), label);
  };
  if (profile) {
    for (const f of Object.values(profile.fields)) add(f.path, f.label.nb);
    for (const l of Object.values(profile.lists)) {
      add(l.path, l.label.nb);
      for (const f of Object.values(l.fields)) add(f.path, f.label.nb);
    }
  }
  return (element) => labels.get(element) ?? null;
}

const SUMMARIES: Record<string, string> = {
  'schema-invalid': 'Skjemadataene følger ikke tjenestens skjema (XSD), så søknaden kunne ikke leses automatisk.',
  'not-well-formed': 'Skjemadataene er ikke gyldig XML (ødelagt eller avkortet), så søknaden kunne ikke leses.',
  'dtd-forbidden': 'Skjemaet inneholder en dokumenttypedeklarasjon (DOCTYPE/ENTITY). Slike avvises av sikkerhetshensyn.',
  'wrong-root': 'Skjemadataene hører til en annen tjeneste enn den innsendingen kom fra.',
  'unknown-service': 'Ingen tjenesteprofil kjenner tjenesten innsendingen kom fra.',
  'too-large': 'Innsendingen er større enn det Postmottak tar imot.',
  'too-many-parts': 'Innsendingen har flere deler enn det Postmottak tar imot.',
  'missing-form': 'Innsendingen mangler skjemadata, eller har mer enn ett skjema.',
  'download-refused': 'Altinn kunne ikke levere innsendingen slik den er.',
};

const TYPES: Record<string, string> = {
  date: 'en dato (åååå-mm-dd)',
  dateTime: 'et tidspunkt (åååå-mm-ddTtt:mm:ss)',
  integer: 'et heltall',
  int: 'et heltall',
  long: 'et heltall',
  positiveInteger: 'et positivt heltall',
  nonNegativeInteger: 'et heltall (0 eller mer)',
  decimal: 'et tall',
  boolean: 'ja eller nei (true/false)',
  gYear: 'et årstall',
};

const name = (raw: string) => raw.replace(/^\{[^}]*\}/, '').replace(/^[^:]*:/, '');
const names = (list: string) =>
  list
    .split(',')
    .map((s) => name(s.trim()))
    .filter(Boolean);

/** One validator message → a Norwegian sentence, with the field it is about. */
export function translateMessage(message: string, labelOf: LabelOf): { field: string | null; text: string } {
  const label = (el: string) => labelOf(name(el)) ?? name(el);
  const quoted = (els: string[]) => els.map((e) => `«${label(e)}»`).join(' eller ');
  const m = /^Element '([^']+)':\s*(.*)$/s.exec(message.trim());
  const field = m ? label(m[1]!) : null;
  const rest = m ? m[2]! : message.trim();
  let r: RegExpExecArray | null;

  if ((r = /^This element is not expected\.(?: Expected is(?: one of)? \( ([^)]*) \)\.)?/.exec(rest))) {
    const expected = r[1] ? names(r[1]) : [];
    return {
      field,
      text: expected.length
        ? `Feltet «${field}» står der ${quoted(expected)} skulle ha stått: ${quoted(expected)} mangler eller står i feil rekkefølge.`
        : `Feltet «${field}» hører ikke hjemme her i skjemaet.`,
    };
  }
  if ((r = /^Missing child element\(s\)\.(?: Expected is(?: one of)? \( ([^)]*) \)\.)?/.exec(rest))) {
    const expected = r[1] ? names(r[1]) : [];
    return { field, text: expected.length ? `«${field}» mangler feltet ${quoted(expected)}.` : `«${field}» mangler et påkrevd felt.` };
  }
  if ((r = /^\[facet 'pattern'\] The value '([^']*)' is not accepted by the pattern '([^']*)'/.exec(rest))) {
    return { field, text: `«${field}» har verdien «${r[1]}», som ikke har riktig format (mønster ${r[2]}).` };
  }
  if ((r = /^\[facet 'enumeration'\] The value '([^']*)' is not an element of the set \{(.*)\}/.exec(rest))) {
    const allowed = r[2]!.split(',').map((s) => s.trim().replace(/^'|'$/g, ''));
    return { field, text: `«${field}» har verdien «${r[1]}», som ikke er et av de tillatte valgene (${allowed.join(', ')}).` };
  }
  if ((r = /^\[facet 'length'\] The value has a length of '(\d+)'; this differs from the allowed length of '(\d+)'/.exec(rest))) {
    return { field, text: `«${field}» skal ha ${r[2]} tegn, men har ${r[1]}.` };
  }
  if ((r = /^\[facet 'maxLength'\] The value has a length of '(\d+)'; this exceeds the allowed maximum length of '(\d+)'/.exec(rest))) {
    return { field, text: `«${field}» er for lang: ${r[1]} tegn, mens største tillatte lengde er ${r[2]}.` };
  }
  if ((r = /^\[facet 'minLength'\] The value has a length of '(\d+)'; this underruns the allowed minimum length of '(\d+)'/.exec(rest))) {
    return { field, text: `«${field}» er for kort: ${r[1]} tegn, mens minste tillatte lengde er ${r[2]}.` };
  }
  if ((r = /^\[facet '(max|min)(?:In|Ex)clusive'\] The value '([^']*)'/.exec(rest))) {
    return { field, text: `«${field}» har verdien «${r[2]}», som er ${r[1] === 'max' ? 'større' : 'mindre'} enn skjemaet tillater.` };
  }
  if ((r = /^'([^']*)' is not a valid value of the (?:atomic|list|union) type '(?:[\w-]+:)?(\w+)'/.exec(rest))) {
    const type = TYPES[r[2]!];
    return { field, text: type ? `«${field}» har verdien «${r[1]}», som ikke er ${type}.` : `«${field}» har verdien «${r[1]}», som ikke er gyldig (${r[2]}).` };
  }
  if ((r = /^'([^']*)' is not a valid value of the local atomic type/.exec(rest))) {
    return { field, text: `«${field}» har verdien «${r[1]}», som ikke er gyldig.` };
  }
  if (/^Character content other than whitespace is not allowed/.test(rest)) {
    return { field, text: `«${field}» inneholder tekst der skjemaet bare tillater felt.` };
  }
  // not well-formed: libxml2's parser, and the safe parser's messages in the same words
  if ((r = /Premature end of data in tag (\S+)(?: line (\d+))?(?: \(unclosed: ([^)]*)\))?/.exec(rest))) {
    const open = r[3] ? names(r[3]) : [name(r[1]!)];
    return {
      field: label(r[1]!),
      text: `Skjemaet slutter brått (det er avkortet): ${open.map((e) => `«${label(e)}»`).join(', ')} ble aldri avsluttet.`,
    };
  }
  if ((r = /Opening and ending tag mismatch: (\S+) line (\d+) and (\S+)/.exec(rest))) {
    return { field: label(r[1]!), text: `Feltet «${label(r[1]!)}» (startet på linje ${r[2]}) avsluttes med «${name(r[3]!)}»: start- og sluttmerket stemmer ikke overens.` };
  }
  if (/Extra content at the end of the document|more than one root|mer enn ett rotelement/i.test(rest)) {
    return { field: null, text: 'Skjemaet har innhold etter at skjemaet er avsluttet (mer enn ett rotelement).' };
  }
  if (/Start tag expected|Document is empty|ikke et rotelement/i.test(rest)) {
    return { field: null, text: 'Skjemadataene er tomme eller er ikke XML.' };
  }
  return { field, text: field ? `«${field}»: ${rest}` : rest };
}

/** "linje 3: …; linje 5: … (og 2 til)" (xmllint) or "Linje 2, kolonne 5: …" (the safe parser) → one entry per message. */
export function splitReason(reason: string): { line: number | null; message: string }[] {
  const parts = reason.split(/;\s(?=linje \d+[:,])/i);
  return parts.map((p) => {
    const m = /^linje (\d+)(?:, kolonne \d+)?:\s*(.*)$/is.exec(p.trim());
    const message = (m ? m[2]! : p.trim()).replace(/\s*\(og \d+ til\)$/, '');
    return { line: m ? Number(m[1]) : null, message };
  });
}

/** The quarantine's code and stored reason, explained with the profile's labels. */
export function explainQuarantine(q: { code: string | null; reason: string }, labelOf: LabelOf): QuarantineExplanation {
  const code = q.code ?? '';
  const summary = SUMMARIES[code] ?? 'Innsendingen kunne ikke tas imot automatisk.';
  if (code !== 'schema-invalid' && code !== 'not-well-formed') return { summary, problems: [{ line: null, field: null, text: q.reason }] };
  const problems = splitReason(q.reason).map(({ line, message }) => ({ line, ...translateMessage(message, labelOf) }));
  return { summary, problems };
}
