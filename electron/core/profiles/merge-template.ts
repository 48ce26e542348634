/**
 * Merge-field text: "Søknad om permisjon – {children.count} barn – {applicant.name|screened}".
 * A field is {ref|modifier…}; {{ and }} are literal braces. Modifiers:
 *   screened  – replaced by ***** in the public rendering (offentlig journal, offentligTittel)
 *   date      – ISO date shown as DD.MM.YYYY
 */

export const TEMPLATE_MODIFIERS = ['screened', 'date'] as const;
export type TemplateModifier = (typeof TEMPLATE_MODIFIERS)[number];

/** What a screened merge field becomes in the public rendering (Noark offentligTittel practice). */
export const SCREENED_MASK = '*****';

export type TemplatePart = { kind: 'text'; text: string } | { kind: 'field'; ref: string; modifiers: TemplateModifier[] };

export type TemplateParse = { ok: true; parts: TemplatePart[] } | { ok: false; message: string };

const REF = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*$/;

export function parseTemplate(template: string): TemplateParse {
  const parts: TemplatePart[] = [];
  let text = '';
  let i = 0;
  while (i < template.length) {
    const c = template[i]!;
    if (c === '{' && template[i + 1] === '{') {
      text += '{';
      i += 2;
    } else if (c === '}' && template[i + 1] === '}') {
      text += '}';
      i += 2;
    } else if (c === '}') {
      return { ok: false, message: `enslig «}» ved tegn ${i + 1} (skriv «}}» for en klammeparentes)` };
    } else if (c === '{') {
      const end = template.indexOf('}', i);
      if (end < 0) return { ok: false, message: `flettefelt uten avsluttende «}» ved tegn ${i + 1}` };
      const [ref = '', ...mods] = template.slice(i + 1, end).split('|').map((s) => s.trim());
      if (!REF.test(ref)) return { ok: false, message: `ugyldig flettefelt «{${template.slice(i + 1, end)}}»` };
      for (const m of mods) {
        if (!(TEMPLATE_MODIFIERS as readonly string[]).includes(m)) {
          return { ok: false, message: `ukjent modifikator «${m}» i {${ref}} (kjente: ${TEMPLATE_MODIFIERS.join(', ')})` };
        }
      }
      if (text) parts.push({ kind: 'text', text });
      text = '';
      parts.push({ kind: 'field', ref, modifiers: mods as TemplateModifier[] });
      i = end + 1;
    } else {
      text += c;
      i++;
    }
  }
  if (text) parts.push({ kind: 'text', text });
  return { ok: true, parts };
}

/** The merge fields a template uses (empty when it does not parse). */
export function templateRefs(template: string): string[] {
  const p = parseTemplate(template);
  return p.ok ? p.parts.flatMap((x) => (x.kind === 'field' ? [x.ref] : [])) : [];
}

export const hasScreenedField = (template: string): boolean => {
  const p = parseTemplate(template);
  return p.ok && p.parts.some((x) => x.kind === 'field' && x.modifiers.includes('screened'));
};

const formatDate = (v: string): string => {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : v;
};

/**
 * Fills the merge fields; unknown or empty ones become ''. With `public`, screened fields
 * become *****. A template that does not parse is returned as it is (profiles are checked on load).
 */
export function renderTemplate(template: string, lookup: (ref: string) => string | null | undefined, options: { public?: boolean } = {}): string {
  const p = parseTemplate(template);
  if (!p.ok) return template;
  return p.parts
    .map((part) => {
      if (part.kind === 'text') return part.text;
      let v = lookup(part.ref) ?? '';
      if (part.modifiers.includes('date')) v = formatDate(v);
      if (options.public && part.modifiers.includes('screened') && v !== '') v = SCREENED_MASK;
      return v;
    })
    .join('');
}

/** One-line title: whitespace collapsed, separators left dangling by empty fields removed. */
export function tidyTitle(title: string): string {
  return title
    .replace(/\s+/g, ' ')
    .replace(/\s*([–—-])(\s*[–—-])+\s*/g, ' $1 ')
    .replace(/^\s*[–—,:-]\s*|\s*[–—,:-]\s*$/g, '')
    .trim();
}
