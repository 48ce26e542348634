import { describe, expect, it } from 'vitest';
import { letterRecipient, pdfPageCount, subjectMergeFields, withClosing } from '../../electron/core/desk/reply-letter';
import { parseProfile, renderTemplate } from '../../electron/core/profiles';
import { recipientMismatch, sameName } from '../../electron/core/registers/name-match';
import { shippedProfiles } from '../helpers/ingest-env';

describe('#13 item 10: the application\'s name against Folkeregisteret\'s', () => {
  it.each([
    ['Kari Nordmann', 'KARI NORDMANN'],
    ['Åse Ødegård', 'Ase Odegard'],
    ['Aase Ødegaard', 'Åse Ødegård'],
    ['José Müller', 'Jose Muller'],
    ['Kari Nordmann', 'Kari Solbakken Nordmann'],
    ['Anne-Kari Hansen', 'Anne Kari Hansen'],
    ['Kari Anne Hansen', 'Anne Kari Hansen'],
  ])('#13 item 10: %s and %s are the same name (spelling variants)', (a, b) => {
    expect(sameName(a, b)).toBe(true);
    expect(recipientMismatch(a, b)).toBeNull();
  });

  it.each([
    ['Kari Nordmann', 'Knut Nilsen'],
    ['Kari Hansen', 'Kari Olsen'],
    ['Ola Nordmann', 'Kari Nordmann'],
  ])('#13 item 10: %s and %s are different people', (a, b) => {
    expect(recipientMismatch(a, b)).toEqual({ formName: a, registerName: b });
  });

  it('#13 item 10: the letter\'s address block comes from Folkeregisteret when it knows the person, else from the form', () => {
    const sub = { applicantName: 'Kari Nordmann', form: { applicant: { name: 'Kari Nordmann', personNumber: '1', address: { street: 'Skjemaveien 1', postalCode: '0001', postalPlace: 'OSLO' } } } } as never;
    const person = { name: 'Knut Nilsen', address: { lines: ['Granittvegen 7'], postalCode: '2270', postalPlace: 'FLISA', country: null }, addressProtection: 'none' as const };
    expect(letterRecipient(sub, person)).toEqual({ name: 'Knut Nilsen', street: 'Granittvegen 7', postalCode: '2270', postalPlace: 'FLISA' });
    expect(letterRecipient(sub, null)).toEqual({ name: 'Kari Nordmann', street: 'Skjemaveien 1', postalCode: '0001', postalPlace: 'OSLO' });
    expect(letterRecipient(sub, { ...person, addressProtection: 'strengt-fortrolig' })).toMatchObject({ name: 'Kari Nordmann' });
  });
});

describe('#13 item 12: merge fields and the final text', () => {
  it('#13 item 12: one child or several, in nb and nn', () => {
    expect(subjectMergeFields(1, 'nb')).toEqual({ 'subjects.child': 'barnet', 'subjects.Child': 'Barnet' });
    expect(subjectMergeFields(3, 'nb')).toEqual({ 'subjects.child': 'barna', 'subjects.Child': 'Barna' });
    expect(subjectMergeFields(1, 'nn')).toEqual({ 'subjects.child': 'barnet', 'subjects.Child': 'Barnet' });
    expect(subjectMergeFields(2, 'nn')).toEqual({ 'subjects.child': 'borna', 'subjects.Child': 'Borna' });
  });

  it('#13 item 12: the shipped kindergarten and SFO letters say "Barna får" when the application names three children', () => {
    for (const id of ['barnehageplass', 'sfo-plass']) {
      const profile = shippedProfiles().byId(id)!.profile;
      expect(parseProfile(profile).ok, id).toBe(true);
      const body = profile.reply.templates.innvilget.body;
      const three = renderTemplate(body, (ref) => subjectMergeFields(3, 'nb')[ref] ?? null);
      const one = renderTemplate(body, (ref) => subjectMergeFields(1, 'nb')[ref] ?? null);
      expect(three, id).toContain('Barna får');
      expect(three, id).not.toContain('Barnet får');
      expect(one, id).toContain('Barnet får');
    }
  });

  it('#13 item 12: the draft carries the closing the letter prints, once', () => {
    expect(withClosing('Hei!\n\nInnvilget.', 'nb', { name: 'Kari', unit: 'Oppvekst' })).toBe('Hei!\n\nInnvilget.\n\nMed hilsen\nKari\nOppvekst');
    const signed = 'Hei!\n\nMed hilsen\nKari\n\nPS: frist 1. mai.';
    expect(withClosing(signed, 'nb', { name: 'Kari', unit: null })).toBe(signed);
    expect(withClosing('Hei!', 'nn', { name: 'Kari', unit: null })).toBe('Hei!\n\nMed helsing\nKari');
  });

  it('#13 item 11: a stored PDF\'s pages are counted, not its page tree', () => {
    const pdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Pages /Kids [2 0 R 3 0 R] >>\n2 0 obj << /Type /Page >>\n3 0 obj <</Type/Page>>');
    expect(pdfPageCount(pdf)).toBe(2);
  });
});
