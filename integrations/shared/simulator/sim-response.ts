import { randomBytes } from 'node:crypto';

/**
 * What a simulator's handler answers, and the answers every HTTP simulator writes: JSON, text,
 * and the ASP.NET Core shapes (ProblemDetails, the JwtBearer 401/403) the Altinn APIs use.
 */

/** What a handler answers; the request loop writes it (so faults can garble or drop it). */
export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

const RFC9110: Record<number, string> = {
  400: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
  401: 'https://tools.ietf.org/html/rfc9110#section-15.5.2',
  403: 'https://tools.ietf.org/html/rfc9110#section-15.5.4',
  404: 'https://tools.ietf.org/html/rfc9110#section-15.5.5',
  405: 'https://tools.ietf.org/html/rfc9110#section-15.5.6',
  410: 'https://tools.ietf.org/html/rfc9110#section-15.5.11',
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  410: 'Gone',
};

export function json(status: number, value: unknown, contentType = 'application/json; charset=utf-8'): SimResponse {
  return { status, headers: { 'Content-Type': contentType }, body: JSON.stringify(value) };
}

export function text(status: number, body: string, contentType = 'text/plain; charset=utf-8'): SimResponse {
  return { status, headers: { 'Content-Type': contentType }, body };
}

/** ASP.NET Core's ProblemDetails, as [ApiController] writes it. */
export function problem(status: number, detail?: string, extra: Record<string, unknown> = {}): SimResponse {
  const body: Record<string, unknown> = { type: RFC9110[status] ?? 'about:blank', title: TITLES[status] ?? 'Error', status };
  if (detail !== undefined) body.detail = detail;
  return json(status, { ...body, ...extra, traceId: traceId() }, 'application/problem+json; charset=utf-8');
}

/** ASP.NET's model-binding failure: 400 ValidationProblemDetails naming the parameter. */
export function validationProblem(errors: Record<string, string[]>): SimResponse {
  return json(
    400,
    {
      type: RFC9110[400],
      title: 'One or more validation errors occurred.',
      status: 400,
      detail: Object.values(errors).flat().join(' '),
      errors,
      traceId: traceId(),
    },
    'application/problem+json; charset=utf-8',
  );
}

/** The JwtBearer/policy middleware answers 401/403 with no body. */
export function unauthorized(reason = 'invalid_token'): SimResponse {
  return { status: 401, headers: { 'WWW-Authenticate': `Bearer error="${reason}"` } };
}

export function forbidden(): SimResponse {
  return { status: 403 };
}

export function bearer(authorization: string | undefined): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return m?.[1] ?? null;
}

function traceId(): string {
  return `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-00`;
}
