import { FaultInjector, type FaultConfig } from '../../shared/simulator/faults';
import { serveSimLoop } from '../../shared/simulator/request-loop';
import { guardSimControl, SIM_CONTROL_PREFIX } from '../../shared/simulator/sim-control';
import { handleRegisterSimControl } from './register-sim-control';
import type { SimResponse } from '../../shared/simulator/sim-response';
import { FREG_PERSON_PATH, fregError, handleFregPerson } from './folkeregisteret.simulator';
import { KRR_PERSONER_PATH, handleKrrPersoner } from './krr.simulator';
import { RegisterSimState, type SimPerson, type SynthesizeRates } from './register-sim-state';

/**
 * One server on 127.0.0.1 answering both registers at their real paths (Folkeregisteret under
 * /folkeregisteret/offentlig-med-hjemmel/api, KRR under /rest/v1), so a single origin serves as
 * the URL of both in the app's config. Every request needs `Authorization: Bearer <token>`.
 */

export const REGISTER_SIM_OPERATIONS = ['freg.person', 'krr.personer'] as const;
export type RegisterSimOperation = (typeof REGISTER_SIM_OPERATIONS)[number];

export interface RegisterSimulatorOptions {
  /** Default 0: any free port. Always 127.0.0.1. */
  port?: number;
  /** The bearer token demanded; default 'register-sim-token'. */
  token?: string;
  /** Answer unknown valid numbers with a deterministic synthetic person. Default false. */
  synthesize?: boolean;
  synthesizeRates?: Partial<SynthesizeRates>;
  /** Varies the synthetic population; default 1. */
  seed?: number;
  persons?: SimPerson[];
  /** People known besides `persons`, read when asked (the demo's applicants, also those arriving later). */
  known?: () => SimPerson[];
  /** Mount the test-control routes under /_sim/ (register-sim-control.ts). Default false. */
  control?: boolean;
  /** Whether KRR answers carry varslingsstatus; default true. */
  krrVarslingsstatus?: boolean;
  /** Latency, drops and 503s by operation (REGISTER_SIM_OPERATIONS), '*' for all. */
  faults?: FaultConfig;
  faultSeed?: number;
  now?: () => number;
}

export interface RegisterSimulator {
  /** http://127.0.0.1:<port>: the URL of both registers. */
  url: string;
  token: string;
  state: RegisterSimState;
  faults: FaultInjector;
  /** Answer every request of an operation ('*': all) with this status (after faults, before auth); null clears. */
  forceStatus(op: RegisterSimOperation | '*', status: number | null, headers?: Record<string, string>): void;
  /** The registers section that points the app at this simulator (the token comes from the token provider). */
  config: { folkeregisteret: { url: string; timeoutMs: number }; krr: { url: string; timeoutMs: number } };
  close(): Promise<void>;
}

export async function startRegisterSimulator(opts: RegisterSimulatorOptions = {}): Promise<RegisterSimulator> {
  const token = opts.token ?? 'register-sim-token';
  const state = new RegisterSimState({ now: opts.now, synthesize: opts.synthesize, synthesizeRates: opts.synthesizeRates, seed: opts.seed, krrVarslingsstatus: opts.krrVarslingsstatus, known: opts.known });
  state.addPersons(opts.persons ?? []);
  const faults = new FaultInjector(opts.faults ?? {}, opts.faultSeed ?? 1);
  const forced = new Map<string, { status: number; headers?: Record<string, string> }>();

  const errorFor = (op: RegisterSimOperation, status: number, message: string, headers?: Record<string, string>): SimResponse => {
    const base = op === 'freg.person' ? fregError(status, `FREG-${status}`, message) : { status, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ error: String(status), message }) };
    return { ...base, headers: { ...base.headers, ...headers } };
  };

  let ownOrigin = '';
  const listening = await serveSimLoop(
    {
      faults,
      async route({ req, url, body }) {
        if (opts.control && url.pathname.startsWith(SIM_CONTROL_PREFIX)) {
          const refused = guardSimControl(req, ownOrigin);
          if (refused) return refused;
          return handleRegisterSimControl(state, req.method ?? 'GET', url.pathname, (await body(1_000_000)) ?? Buffer.alloc(0));
        }
        const freg = FREG_PERSON_PATH.exec(url.pathname);
        const op: RegisterSimOperation | null = freg ? 'freg.person' : KRR_PERSONER_PATH.test(url.pathname) ? 'krr.personer' : null;
        if (!op) return { status: 404, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ error: 'not_found' }) };
        if (op === 'freg.person') state.calls.freg++;
        else state.calls.krr++;
        if ((op === 'freg.person' && req.method !== 'GET') || (op === 'krr.personer' && req.method !== 'POST')) return errorFor(op, 405, 'Method Not Allowed');
        return { op, handle: (body) => (op === 'freg.person' ? handleFregPerson(state, decodeURIComponent(freg?.[1] ?? ''), url) : handleKrrPersoner(state, body)) };
      },
      serverError: (op, when) => (when === 'before' ? errorFor(op, 503, 'Tjenesten er midlertidig utilgjengelig') : errorFor(op, 500, 'Intern feil')),
      auth(op, { req }) {
        const force = forced.get(op) ?? forced.get('*');
        if (force) return errorFor(op, force.status, `Simulert HTTP ${force.status}`, force.headers);
        if (req.headers.authorization !== `Bearer ${token}`) return errorFor(op, 401, 'Autentisering feiler', { 'WWW-Authenticate': 'Bearer' });
        return null;
      },
      internalError: (op, e) => errorFor(op, 500, `Intern feil: ${e instanceof Error ? e.message : String(e)}`),
    },
    { port: opts.port, keepAliveTimeout: 30_000 },
  );
  const origin = listening.origin;
  ownOrigin = origin;

  return {
    url: origin,
    token,
    state,
    faults,
    forceStatus(op, status, headers) {
      if (status === null) forced.delete(op);
      else forced.set(op, { status, headers });
    },
    config: { folkeregisteret: { url: origin, timeoutMs: 10_000 }, krr: { url: origin, timeoutMs: 10_000 } },
    close: listening.close,
  };
}
