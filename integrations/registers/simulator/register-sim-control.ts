import { json, problem, type SimResponse } from '../../shared/simulator/sim-response';
import type { RegisterSimState, SimPerson } from './register-sim-state';

/**
 * The register simulator's test-control routes (only with `control: true`, behind guardSimControl):
 * POST /_sim/persons/replace {name, person}: the person known by that full name ("Fornavn Etternavn")
 * is from now on answered as `person` under the same number: another name, address or KRR entry. A
 * test makes the register disagree with an application this way, as a mistyped number would (#13 item 10).
 * GET /_sim/persons/{number}: the person as the simulator answers for the number.
 */
export function handleRegisterSimControl(state: RegisterSimState, method: string, path: string, body: Buffer): SimResponse {
  if (path === '/_sim/persons/replace' && method === 'POST') {
    let input: { name?: unknown; person?: Partial<SimPerson> };
    try {
      input = JSON.parse(body.toString('utf8')) as typeof input;
    } catch {
      return problem(400, 'body must be JSON');
    }
    if (typeof input.name !== 'string' || !input.person || typeof input.person !== 'object') return problem(400, '{name, person} expected');
    const wanted = input.name.trim().toLowerCase();
    const found = state.allPersons().find((p) => [p.firstName, p.middleName, p.lastName].filter(Boolean).join(' ').toLowerCase() === wanted);
    if (!found) return problem(404, `no person named ${input.name}`);
    const next = state.addPerson({ ...found, ...input.person, personNumber: found.personNumber });
    return json(200, { personNumber: next.personNumber, firstName: next.firstName, lastName: next.lastName });
  }
  const one = /^\/_sim\/persons\/(\d{11})$/.exec(path);
  if (one && method === 'GET') {
    const p = state.person(one[1]!);
    return p ? json(200, p) : problem(404, 'unknown person');
  }
  return problem(404, 'unknown control route');
}
