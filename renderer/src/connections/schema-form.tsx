import { Checkbox, Field, Fieldset, Label, Select, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCronText } from './use-cron-text.hook';

/**
 * A form generated from a config section's JSON Schema (zod's `toJSONSchema`, input side):
 * text, number, boolean, enum and URL fields; secret references as a select of the secret
 * store's names (+ "ny…"); cron fields with the words under them; nested objects as fieldsets;
 * discriminated unions (auth `kind`) as a select and the chosen branch's fields. Errors come from
 * the hub (the file's own schema) by field path and are shown next to their field.
 */

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
  description?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
};

export type Values = Record<string, unknown>;

/** The id of a field's input, also the error summary's link target. */
export const fieldId = (path: string): string => `cfg-${path.replace(/[^A-Za-z0-9_-]/g, '_')}`;

const isPlain = (v: unknown): v is Values => typeof v === 'object' && v !== null && !Array.isArray(v);
const typeOf = (s: JsonSchema): string | undefined => (Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type);
const branches = (s: JsonSchema): JsonSchema[] | undefined => s.oneOf ?? s.anyOf;
const isSecretRef = (s: JsonSchema): boolean => typeOf(s) === 'object' && !!s.properties && Object.keys(s.properties).length === 1 && !!s.properties.secret;
/** The property every branch pins with a const (`kind`, `transport`). */
function discriminator(options: JsonSchema[]): string | null {
  const first = options[0]?.properties;
  if (!first) return null;
  return Object.keys(first).find((k) => options.every((o) => o.properties?.[k]?.const !== undefined)) ?? null;
}

interface Ctx {
  errors: Map<string, string[]>;
  secretNames: string[];
  disabled: boolean;
}

interface FormProps {
  schema: JsonSchema;
  values: Values;
  onChange: (next: Values) => void;
  /** Problems by field path inside the section (`noark5.url`). */
  errors: Map<string, string[]>;
  secretNames: string[];
  disabled?: boolean;
}

export function SchemaForm({ schema, values, onChange, errors, secretNames, disabled = false }: FormProps) {
  const ctx: Ctx = { errors, secretNames, disabled };
  return <ObjectFields schema={schema} value={values} path="" onChange={(v) => onChange(isPlain(v) ? v : {})} ctx={ctx} />;
}

interface NodeProps {
  schema: JsonSchema;
  value: unknown;
  path: string;
  onChange: (v: unknown) => void;
  ctx: Ctx;
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
const errorText = (ctx: Ctx, path: string) => ctx.errors.get(path)?.join(' ');

function ObjectFields({ schema, value, path, onChange, ctx }: NodeProps) {
  const obj = isPlain(value) ? value : {};
  const set = (key: string, v: unknown) => {
    const next = { ...obj };
    if (v === undefined) delete next[key];
    else next[key] = v;
    onChange(next);
  };
  const options = branches(schema);
  if (options && !schema.properties) return <UnionFields schema={schema} value={value} path={path} onChange={onChange} ctx={ctx} />;
  return (
    <>
      {Object.entries(schema.properties ?? {}).map(([key, child]) => (
        <Node key={key} name={key} required={schema.required?.includes(key) ?? false} schema={child} value={obj[key]} path={join(path, key)} onChange={(v) => set(key, v)} ctx={ctx} />
      ))}
    </>
  );
}

function UnionFields({ schema, value, path, onChange, ctx }: NodeProps) {
  const { t } = useTranslation();
  const options = branches(schema) ?? [];
  const key = discriminator(options);
  const obj = isPlain(value) ? value : {};
  if (!key) return <JsonField name={path.split('.').pop() ?? path} schema={schema} value={value} path={path} onChange={onChange} ctx={ctx} />;
  const chosen = options.find((o) => o.properties?.[key]?.const === obj[key]);
  const id = fieldId(join(path, key));
  const err = errorText(ctx, join(path, key));
  return (
    <>
      <Field>
        <Label htmlFor={id}>{key}</Label>
        <Select id={id} value={typeof obj[key] === 'string' ? (obj[key] as string) : ''} disabled={ctx.disabled} aria-invalid={err ? true : undefined} onChange={(e) => onChange(e.target.value ? { [key]: e.target.value } : undefined)}>
          <Select.Option value="">{t('integrations.choose')}</Select.Option>
          {options.map((o) => (
            <Select.Option key={String(o.properties?.[key]?.const)} value={String(o.properties?.[key]?.const)}>
              {String(o.properties?.[key]?.const)}
            </Select.Option>
          ))}
        </Select>
        {err && <ValidationMessage>{err}</ValidationMessage>}
      </Field>
      {chosen && (
        <ObjectFields
          schema={{ ...chosen, properties: Object.fromEntries(Object.entries(chosen.properties ?? {}).filter(([k]) => k !== key)) }}
          value={obj}
          path={path}
          onChange={(v) => onChange({ ...(isPlain(v) ? v : {}), [key]: obj[key] })}
          ctx={ctx}
        />
      )}
    </>
  );
}

function Node({ name, required, schema, value, path, onChange, ctx }: NodeProps & { name: string; required: boolean }) {
  const { t } = useTranslation();
  const type = typeOf(schema);
  if (isSecretRef(schema)) return <SecretField name={name} schema={schema} value={value} path={path} onChange={onChange} ctx={ctx} />;
  if (type === 'object' || branches(schema)) {
    if (schema.properties || branches(schema)) {
      const err = errorText(ctx, path);
      const hasValue = isPlain(value) && Object.keys(value).length > 0;
      const body = (
        <Fieldset className="pm-cfg-fieldset">
          <Fieldset.Legend>{name}</Fieldset.Legend>
          {schema.description && <Fieldset.Description>{schema.description}</Fieldset.Description>}
          {err && <ValidationMessage data-testid={`${fieldId(path)}-error`}>{err}</ValidationMessage>}
          <ObjectFields schema={schema} value={value} path={path} onChange={onChange} ctx={ctx} />
        </Fieldset>
      );
      // an optional section with nothing in it (another transport's) stays folded
      if (required || hasValue || err || [...ctx.errors.keys()].some((k) => k.startsWith(`${path}.`))) return body;
      return (
        <details className="pm-cfg-optional">
          <summary>{t('integrations.showSection', { name })}</summary>
          {body}
        </details>
      );
    }
    return <JsonField name={name} schema={schema} value={value} path={path} onChange={onChange} ctx={ctx} />;
  }
  if (type === 'array') return <ListField name={name} schema={schema} value={value} path={path} onChange={onChange} ctx={ctx} />;
  if (type === 'boolean') {
    const checked = typeof value === 'boolean' ? value : schema.default === true;
    const err = errorText(ctx, path);
    return (
      <div>
        <Checkbox id={fieldId(path)} label={name} description={schema.description} checked={checked} disabled={ctx.disabled} onChange={(e) => onChange(e.target.checked)} aria-invalid={err ? true : undefined} />
        {err && <ValidationMessage>{err}</ValidationMessage>}
      </div>
    );
  }
  if (schema.enum) return <EnumField name={name} required={required} schema={schema} value={value} path={path} onChange={onChange} ctx={ctx} />;
  return <TextField name={name} schema={schema} value={value} path={path} onChange={onChange} ctx={ctx} />;
}

function TextField({ name, schema, value, path, onChange, ctx }: NodeProps & { name: string }) {
  const { t } = useTranslation();
  const cronText = useCronText();
  const type = typeOf(schema);
  const numeric = type === 'number' || type === 'integer';
  const isCron = /schedule$/i.test(name) && type === 'string';
  const shown = value === undefined || value === null ? '' : String(value);
  const hints = [schema.description, schema.default !== undefined ? t('integrations.defaultValue', { value: JSON.stringify(schema.default) }) : null].filter(Boolean).join(' · ');
  const cron = isCron ? (shown || (typeof schema.default === 'string' ? schema.default : '')) : '';
  return (
    <Textfield
      id={fieldId(path)}
      label={name}
      description={
        isCron && cron ? (
          <>
            {hints && <span>{hints}. </span>}
            <span data-testid={`${fieldId(path)}-words`}>{cronText(cron)}</span>
          </>
        ) : (
          hints || undefined
        )
      }
      type={numeric ? 'number' : schema.format === 'uri' ? 'url' : 'text'}
      inputMode={numeric ? 'numeric' : undefined}
      value={shown}
      disabled={ctx.disabled}
      error={errorText(ctx, path)}
      onChange={(e) => {
        const raw = e.target.value;
        if (raw === '') return onChange(undefined);
        // a number that does not parse is sent as typed, so the hub names the field
        onChange(numeric && raw.trim() !== '' && !Number.isNaN(Number(raw)) ? Number(raw) : raw);
      }}
    />
  );
}

function EnumField({ name, required, schema, value, path, onChange, ctx }: NodeProps & { name: string; required: boolean }) {
  const { t } = useTranslation();
  const id = fieldId(path);
  const err = errorText(ctx, path);
  return (
    <Field>
      <Label htmlFor={id}>{name}</Label>
      {schema.description && <Field.Description>{schema.description}</Field.Description>}
      <Select id={id} value={value === undefined ? '' : String(value)} disabled={ctx.disabled} aria-invalid={err ? true : undefined} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}>
        {(!required || value === undefined) && <Select.Option value="">{schema.default !== undefined ? t('integrations.defaultValue', { value: String(schema.default) }) : t('integrations.choose')}</Select.Option>}
        {(schema.enum ?? []).map((v) => (
          <Select.Option key={String(v)} value={String(v)}>
            {String(v)}
          </Select.Option>
        ))}
      </Select>
      {err && <ValidationMessage>{err}</ValidationMessage>}
    </Field>
  );
}

const NEW = '__new__';

function SecretField({ name, schema, value, path, onChange, ctx }: NodeProps & { name: string }) {
  const { t } = useTranslation();
  const current = isPlain(value) && typeof value.secret === 'string' ? value.secret : '';
  const [creating, setCreating] = useState(current !== '' && !ctx.secretNames.includes(current));
  const id = fieldId(path);
  const err = errorText(ctx, path) ?? errorText(ctx, `${path}.secret`);
  const names = current && !ctx.secretNames.includes(current) ? [current, ...ctx.secretNames] : ctx.secretNames;
  return (
    <div className="pm-cfg-secret">
    <Field>
      <Label htmlFor={id}>{name}</Label>
      {schema.description && <Field.Description>{schema.description}</Field.Description>}
      <Select
        id={id}
        value={creating ? NEW : current}
        disabled={ctx.disabled}
        aria-invalid={err ? true : undefined}
        onChange={(e) => {
          if (e.target.value === NEW) return setCreating(true);
          setCreating(false);
          onChange(e.target.value ? { secret: e.target.value } : undefined);
        }}
      >
        <Select.Option value="">{t('integrations.choose')}</Select.Option>
        {names.map((n) => (
          <Select.Option key={n} value={n}>
            {ctx.secretNames.includes(n) ? n : t('integrations.secretNotInStore', { name: n })}
          </Select.Option>
        ))}
        <Select.Option value={NEW}>{t('integrations.secretNew')}</Select.Option>
      </Select>
      {err && <ValidationMessage>{err}</ValidationMessage>}
    </Field>
      {creating && (
        <Textfield
          id={`${id}-new`}
          label={t('integrations.secretNewName')}
          value={current}
          disabled={ctx.disabled}
          onChange={(e) => onChange(e.target.value ? { secret: e.target.value } : undefined)}
        />
      )}
    </div>
  );
}

function ListField({ name, schema, value, path, onChange, ctx }: NodeProps & { name: string }) {
  const { t } = useTranslation();
  const lines = Array.isArray(value) ? value.map(String).join('\n') : '';
  return (
    <Textfield
      id={fieldId(path)}
      label={name}
      description={[schema.description, t('integrations.listHint')].filter(Boolean).join(' · ')}
      multiline
      rows={3}
      value={lines}
      disabled={ctx.disabled}
      error={errorText(ctx, path)}
      onChange={(e) => {
        const items = e.target.value.split('\n').map((s) => s.trim()).filter(Boolean);
        const numeric = typeOf(schema.items ?? {}) === 'number' || typeOf(schema.items ?? {}) === 'integer';
        onChange(items.length ? items.map((s) => (numeric && !Number.isNaN(Number(s)) ? Number(s) : s)) : undefined);
      }}
    />
  );
}

/** Records and shapes the form has no widget for: edited as JSON, kept as typed until it parses. */
function JsonField({ name, schema, value, path, onChange, ctx }: NodeProps & { name: string }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value === undefined ? '' : JSON.stringify(value, null, 2));
  const [bad, setBad] = useState<string | null>(null);
  return (
    <Textfield
      id={fieldId(path)}
      label={name}
      description={[schema.description, t('integrations.jsonHint')].filter(Boolean).join(' · ')}
      multiline
      rows={4}
      value={text}
      disabled={ctx.disabled}
      error={bad ?? errorText(ctx, path)}
      onChange={(e) => {
        setText(e.target.value);
        if (e.target.value.trim() === '') {
          setBad(null);
          return onChange(undefined);
        }
        try {
          onChange(JSON.parse(e.target.value));
          setBad(null);
        } catch (err) {
          setBad((err as Error).message);
        }
      }}
    />
  );
}
