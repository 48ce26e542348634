import type { FormReader, FormReadResult, LoadedProfile, MapForm } from '../../../electron/core/profiles/profile.types';
import { parseXmlSafe } from './safe-xml';
import type { XmlShapeLimits } from './xml-prescan';
import { createXsdValidator, XsdSchemaError, type XsdError, type XsdValidator } from './xsd-validator';

/**
 * Reads a submission's form data with its profile: size and DTD refusal, safe parse, root
 * element, XSD validation (the schema's own messages), then the profile's field mapping.
 * A form problem is a result (the submission goes to quarantine with the reason); a broken
 * validator or XSD is thrown, because retrying later or fixing the profile can help.
 */

/** Size and shape limits (xml-prescan.ts has the defaults), and the limits of one XSD validation run. */
export interface FormReaderOptions extends Partial<XmlShapeLimits> {
  maxFormBytes: number;
  /** For the reader's own validator: time (default 30 s) and wasm memory (default 128 MiB; a 5 MB form needs ~30) per run. */
  validationTimeoutMs?: number;
  validationMemoryMiB?: number;
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
  const ownValidator = deps.validator ? null : createXsdValidator({ timeoutMs: opts.validationTimeoutMs, maxMemoryMiB: opts.validationMemoryMiB ?? 128 });
  const { maxFormBytes, validationTimeoutMs: _t, validationMemoryMiB: _m, ...shape } = opts;
  const validator = deps.validator ?? ownValidator!;

  return {
    async read(bytes: Uint8Array, loaded: LoadedProfile): Promise<FormReadResult> {
      const parsed = parseXmlSafe(bytes, { ...shape, maxBytes: maxFormBytes });
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
        if (result.kind === 'too-large') return { ok: false, code: 'too-large', reason: describe(result.errors) };
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
