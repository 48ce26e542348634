import { describe, expect, it } from 'vitest';
import { demoPersons } from '../../integrations/demo';
import { RegisterSimState, syntheticPersonNumber } from '../../integrations/registers/simulator/register-sim-state';

const NOW = Date.parse('2026-11-29T09:00:00Z');

describe('#13 item 10: the demo registers know the demo\'s applicants', () => {
  it('#13 item 10: an applicant arriving after start is answered as the Altinn simulator made them up, never as a made-up stranger', () => {
    const households: Parameters<typeof demoPersons>[0] = [];
    const state = new RegisterSimState({ synthesize: true, now: () => NOW, known: () => demoPersons(households, NOW) });
    const pn = syntheticPersonNumber('1985-04-12', 3, 'kvinne');
    const stranger = state.person(pn)!;
    // later, the Altinn simulator makes up an application from this number
    households.push({
      applicant: { personNumber: pn, firstName: 'Ingrid', lastName: 'Solberg', name: 'Ingrid Solberg', sex: 'female', birthDate: '1985-04-12', street: 'Kirkegata 3', postalCode: '0153', postalPlace: 'OSLO', email: 'i@example.no', mobile: '41234567' },
      subjects: [],
    });
    const known = state.person(pn)!;
    expect(`${known.firstName} ${known.lastName}`).toBe('Ingrid Solberg');
    expect(known.address).toMatchObject({ street: 'Kirkegata 3', postalPlace: 'OSLO' });
    expect(`${stranger.firstName} ${stranger.lastName}`).not.toBe('Ingrid Solberg');
  });
});
