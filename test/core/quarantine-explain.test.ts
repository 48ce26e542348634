// #13 item 13: libxml2's English (and the safe parser's report) explained in Norwegian, naming the field by the profile's label.
import { describe, expect, it } from 'vitest';
import { explainQuarantine, profileLabels, splitReason, translateMessage } from '../../electron/core/quarantine/quarantine-explain';
import type { ServiceProfile } from '../../electron/core/profiles/profile.schema';

const label = (nb: string) => ({ nb, nn: nb, en: nb });
const profile = {
  fields: {
    applicantName: { path: 'Innsender/Navn', label: label('Navn'), type: 'text' },
    applicantPersonNumber: { path: 'Innsender/Fodselsnummer', label: label('Fødselsnummer'), type: 'fnr' },
    postalCode: { path: 'Innsender/Adresse/Postnummer', label: label('Postnummer'), type: 'text' },
    start: { path: 'OnsketOppstart', label: label('Ønsket oppstart'), type: 'date' },
    hours: { path: 'Oppholdstid', label: label('Oppholdstid'), type: 'text' },
    days: { path: 'Dager', label: label('Antall dager'), type: 'number' },
    reason: { path: 'Begrunnelse', label: label('Begrunnelse'), type: 'multiline' },
  },
  lists: { children: { path: 'Barn', label: label('Barn'), fields: { name: { path: 'Navn', label: label('Barnets navn'), type: 'text' } } } },
} as unknown as ServiceProfile;
const labels = profileLabels(profile);
const t = (m: string) => translateMessage(m, labels);

describe('#13 item 13: translating the validator’s messages', () => {
  it('element not expected / expected is: names both fields by their labels, namespaces dropped', () => {
    expect(t("Element '{urn:x}Fodselsnummer': This element is not expected. Expected is ( {urn:x}Navn ).")).toEqual({
      field: 'Fødselsnummer',
      text: 'Feltet «Fødselsnummer» står der «Navn» skulle ha stått: «Navn» mangler eller står i feil rekkefølge.',
    });
    expect(t("Element 'Dager': This element is not expected. Expected is one of ( Oppholdstid, OnsketOppstart ).").text).toContain('«Oppholdstid» eller «Ønsket oppstart»');
    expect(t("Element 'Ukjent': This element is not expected.").text).toBe('Feltet «Ukjent» hører ikke hjemme her i skjemaet.');
  });

  it('missing child', () => {
    expect(t("Element 'Adresse': Missing child element(s). Expected is ( Postnummer ).").text).toBe('«Adresse» mangler feltet «Postnummer».');
  });

  it('value not valid for its type: pattern, enumeration, date, integer, boolean, length', () => {
    expect(t("Element 'Postnummer': [facet 'pattern'] The value '12' is not accepted by the pattern '[0-9]{4}'.").text).toBe('«Postnummer» har verdien «12», som ikke har riktig format (mønster [0-9]{4}).');
    expect(t("Element 'Oppholdstid': [facet 'enumeration'] The value 'deltid' is not an element of the set {'heltid', '4-dager'}.").text).toBe(
      '«Oppholdstid» har verdien «deltid», som ikke er et av de tillatte valgene (heltid, 4-dager).',
    );
    expect(t("Element 'OnsketOppstart': '1. august' is not a valid value of the atomic type 'xs:date'.").text).toBe('«Ønsket oppstart» har verdien «1. august», som ikke er en dato (åååå-mm-dd).');
    expect(t("Element 'Dager': 'tre' is not a valid value of the atomic type 'xs:integer'.").text).toBe('«Antall dager» har verdien «tre», som ikke er et heltall.');
    expect(t("Element 'Fodselsnummer': [facet 'length'] The value has a length of '3'; this differs from the allowed length of '11'.").text).toBe('«Fødselsnummer» skal ha 11 tegn, men har 3.');
    expect(t("Element 'Begrunnelse': [facet 'maxLength'] The value has a length of '2100'; this exceeds the allowed maximum length of '2000'.").text).toBe(
      '«Begrunnelse» er for lang: 2100 tegn, mens største tillatte lengde er 2000.',
    );
  });

  it('not well-formed: premature end of data and mismatched tags, in libxml2’s words and the safe parser’s', () => {
    expect(t('Premature end of data in tag Begrunnelse (unclosed: Soknad, Begrunnelse)').text).toBe('Skjemaet slutter brått (det er avkortet): «Soknad», «Begrunnelse» ble aldri avsluttet.');
    expect(t('Premature end of data in tag Barn line 4')).toMatchObject({ field: 'Barn', text: expect.stringContaining('«Barn» ble aldri avsluttet') });
    expect(t('Opening and ending tag mismatch: Barn line 4 and Barnx').text).toBe('Feltet «Barn» (startet på linje 4) avsluttes med «Barnx»: start- og sluttmerket stemmer ikke overens.');
  });

  it('splits xmllint’s joined report by line, keeping a message that itself holds "; "', () => {
    expect(splitReason("linje 3: Element 'A': [facet 'length'] The value has a length of '3'; this differs from the allowed length of '11'.; linje 5: B (og 2 til)")).toEqual([
      { line: 3, message: "Element 'A': [facet 'length'] The value has a length of '3'; this differs from the allowed length of '11'." },
      { line: 5, message: 'B' },
    ]);
    expect(splitReason('Linje 4, kolonne 29: Premature end of data in tag X')).toEqual([{ line: 4, message: 'Premature end of data in tag X' }]);
  });

  it('explains by code: a summary, one problem per message with its line; other codes keep their (Norwegian) reason', () => {
    const e = explainQuarantine({ code: 'schema-invalid', reason: "linje 3: Element 'Fodselsnummer': This element is not expected. Expected is ( Navn )." }, labels);
    expect(e.summary).toMatch(/følger ikke tjenestens skjema/);
    expect(e.problems).toEqual([{ line: 3, field: 'Fødselsnummer', text: expect.stringContaining('«Navn» mangler') }]);
    const nwf = explainQuarantine({ code: 'not-well-formed', reason: 'Linje 2, kolonne 40: Premature end of data in tag Begrunnelse (unclosed: Soknad, Begrunnelse)' }, labels);
    expect(nwf.summary).toMatch(/ikke gyldig XML/);
    expect(nwf.problems[0]).toMatchObject({ line: 2, field: 'Begrunnelse' });
    const dtd = explainQuarantine({ code: 'dtd-forbidden', reason: 'Skjemaet inneholder <!DOCTYPE>; dokumenttypedeklarasjoner avvises.' }, labels);
    expect(dtd.problems).toEqual([{ line: null, field: null, text: 'Skjemaet inneholder <!DOCTYPE>; dokumenttypedeklarasjoner avvises.' }]);
  });

  it('labels: the form’s fields first, then lists and their fields; unmapped elements keep their name', () => {
    expect(labels('Navn')).toBe('Navn');
    expect(labels('Barn')).toBe('Barn');
    expect(labels('Adresse')).toBeNull();
  });
});
