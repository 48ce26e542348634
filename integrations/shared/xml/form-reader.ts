import type { FormReader, FormReadResult, LoadedProfile, MapForm } from '../../../electron/core/profiles/profile.types';
import { parseXmlSafe } from './safe-xml';
import { createXsdValidator, XsdSchemaError, type XsdError, type XsdValidator } from './xsd-validator';

/**
 * Reads a submission's form data with its profile: size and DTD refusal, safe parse, root
 * element, XSD validation (the schema's own messages), then the profile's field mapping.
 * A form problem is a result (the submission goes to quarantine with the reason); a broken
 * validator or XSD is thrown, because retrying later or fixing the profile can help.
 */

export interface FormReaderOptions {
  maxFormBytes: number;
  maxDepth?: number;
  maxElements?: number;
}

export interface FormReaderDeps {
  /** core's mapForm (integrations may import only types from core). */
  mapForm: MapForm;
  /** Shared validator; without one the reader makes its own and close() ends it. */
  validator?: XsdValidator;
}

export interface ClosableFormReader extends FormReader {
  close(): Promise<void>;
}

const MAX_REPORTED_ERRORS = 5;
const describe = (errors: XsdError[]): string =>
  errors
    .slice(0, MAX_REPORTED_ERRORS)
    .map((e) => (e.line ? `linje ${e.line}: ${e.message}` : e.message))
    .join('; ') + (errors.length > MAX_REPORTED_ERRORS ? ` (og ${errors.length - MAX_REPORTED_ERRORS} til)` : '');

const qualified = (ns: string | undefined, name: string) => (ns ? `{${ns}}${name}` : name);

export function createFormReader(opts: FormReaderOptions, deps: FormReaderDeps): ClosableFormReader {
  const ownValidator = deps.validator ? null : createXsdValidator();
  const validator = deps.validator ?? ownValidator!;

  return {
    async read(bytes: Uint8Array, loaded: LoadedProfile): Promise<FormReadResult> {
      const parsed = parseXmlSafe(bytes, { maxBytes: opts.maxFormBytes, maxDepth: opts.maxDepth, maxElements: opts.maxElements });
      if (!parsed.ok) return parsed;

      const { form, id } = loaded.profile;
      const expected = form.rootElement.slice(form.rootElement.indexOf(':') + 1);
      const root = parsed.root;
      if (root.name !== expected || (form.namespace !== undefined && root.namespace !== form.namespace)) {
        return {
          ok: false,
          code: 'wrong-root',
          reason: `Rotelementet er ${qualified(root.namespace, root.name)}; profilen «${id}» forventer ${qualified(form.namespace, expected)}.`,
        };
      }

      let result;
      try {
        result = await validator.validate(parsed.text, loaded.xsd);
      } catch (e) {
        if (e instanceof XsdSchemaError) throw new XsdSchemaError(`Profilen «${id}»: ${e.message}`);
        throw e;
      }
      if (!result.valid) {
        return result.kind === 'unparsable'
          ? { ok: false, code: 'not-well-formed', reason: describe(result.errors) || 'xmllint kunne ikke lese skjemaet.' }
          : { ok: false, code: 'schema-invalid', reason: describe(result.errors) || 'Skjemaet er ikke gyldig etter XSD-en.' };
      }
      return { ok: true, form: deps.mapForm(root, loaded.profile) };
    },
    async close() {
      await ownValidator?.close();
    },
  };
}
