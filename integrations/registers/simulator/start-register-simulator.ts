import http from 'node:http';
import { OpFaultInjector, type OpFaultConfig } from '../../shared/simulator/op-faults';
import { listenSimServer, readBody, writeSimResponse as write, type SimResponse } from '../../shared/simulator/sim-server';
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
  /** Whether KRR answers carry varslingsstatus; default true. */
  krrVarslingsstatus?: boolean;
  /** Latency, drops and 503s by operation (REGISTER_SIM_OPERATIONS), '*' for all. */
  faults?: OpFaultConfig;
  faultSeed?: number;
  now?: () => number;
}

export interface RegisterSimulator {
  /** http://127.0.0.1:<port>: the URL of both registers. */
  url: string;
  token: string;
  state: RegisterSimState;
  faults: OpFaultInjector;
  /** Answer every request of an operation ('*': all) with this status (after faults, before auth); null clears. */
  forceStatus(op: RegisterSimOperation | '*', status: number | null, headers?: Record<string, string>): void;
  /** The registers section that points the app at this simulator (the token comes from the token provider). */
  config: { folkeregisteret: { url: string; timeoutMs: number }; krr: { url: string; timeoutMs: number } };
  close(): Promise<void>;
}

export async function startRegisterSimulator(opts: RegisterSimulatorOptions = {}): Promise<RegisterSimulator> {
  const token = opts.token ?? 'register-sim-token';
  const state = new RegisterSimState({ now: opts.now, synthesize: opts.synthesize, synthesizeRates: opts.synthesizeRates, seed: opts.seed, krrVarslingsstatus: opts.krrVarslingsstatus });
  state.addPersons(opts.persons ?? []);
  const faults = new OpFaultInjector(opts.faults ?? {}, opts.faultSeed ?? 1);
  const forced = new Map<string, { status: number; headers?: Record<string, string> }>();
  let origin = '';

  const errorFor = (op: RegisterSimOperation, status: number, message: string, headers?: Record<string, string>): SimResponse => {
    const base = op === 'freg.person' ? fregError(status, `FREG-${status}`, message) : { status, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ error: String(status), message }) };
    return { ...base, headers: { ...base.headers, ...headers } };
  };

  async function dispatch(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    const body = await readBody(req);
    const freg = FREG_PERSON_PATH.exec(url.pathname);
    const op: RegisterSimOperation | null = freg ? 'freg.person' : KRR_PERSONER_PATH.test(url.pathname) ? 'krr.personer' : null;
    if (!op) {
      write(res, { status: 404, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ error: 'not_found' }) });
      return;
    }
    if (op === 'freg.person') state.calls.freg++;
    else state.calls.krr++;
    if ((op === 'freg.person' && req.method !== 'GET') || (op === 'krr.personer' && req.method !== 'POST')) {
      write(res, errorFor(op, 405, 'Method Not Allowed'));
      return;
    }
    const decision = await faults.before(op);
    if (decision === 'drop') {
      req.socket.destroy();
      return;
    }
    if (decision === 'error') {
      write(res, errorFor(op, 503, 'Tjenesten er midlertidig utilgjengelig'));
      return;
    }
    const force = forced.get(op) ?? forced.get('*');
    if (force) {
      write(res, errorFor(op, force.status, `Simulert HTTP ${force.status}`, force.headers));
      return;
    }
    if (req.headers.authorization !== `Bearer ${token}`) {
      write(res, errorFor(op, 401, 'Autentisering feiler', { 'WWW-Authenticate': 'Bearer' }));
      return;
    }
    let out: SimResponse;
    try {
      out = op === 'freg.person' ? handleFregPerson(state, decodeURIComponent(freg?.[1] ?? ''), url) : handleKrrPersoner(state, body);
    } catch (e) {
      out = errorFor(op, 500, `Intern feil: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (faults.dropAfter(op)) {
      req.socket.destroy();
      return;
    }
    write(res, out);
  }

  const server = http.createServer((req, res) => {
    dispatch(req, res).catch(() => res.destroy());
  });
  server.keepAliveTimeout = 30_000;
  const listening = await listenSimServer(server, opts.port);
  origin = listening.origin;

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
