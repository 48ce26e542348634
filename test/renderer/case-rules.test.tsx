// @vitest-environment jsdom
import './helpers/setup-dom';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CaseWork } from '../../electron/ipc/desk.contract';
import { ok } from '../../renderer/src/bridge/bridge';
import { FakeBridge } from '../../renderer/src/bridge/fake-bridge';
import { caseWorkFixture, NOW, publicId, sessionFixture, statusFixture, submissionDetailFixture } from './helpers/fixtures';
import { renderApp } from './helpers/render-app';

// #15: the rules' advice beside the decision (reasons as a list, in the UI's language, «manuell» too),
// and a decision made by the rules alone shown as such with its legal basis.

const id = publicId(1);
const LEGAL = 'forvaltningsloven § 11 d og forskrift om permisjon fra undervisning § 3';
const reasons = {
  nb: ['Søknaden gjelder 3 skoledager. Barnet har fått innvilget 5 skoledager tidligere i skoleåret 2026/2027, til sammen 8 av 10 dager skolen kan innvilge.'],
  nn: ['Søknaden gjeld 3 skuledagar. Barnet har fått innvilga 5 skuledagar tidlegare i skuleåret 2026/2027, til saman 8 av 10 dagar skulen kan innvilge.'],
};

/** The case as the hub's view gives it, with the rules' fields the case DTO is to carry. */
const bridgeWith = (work: Partial<CaseWork> & Record<string, unknown>) =>
  new FakeBridge({
    'system.status': () => ok(statusFixture()),
    'session.get': () => ok(sessionFixture()),
    'submissions.get': () => ok(submissionDetailFixture()),
    'cases.work': () => ok({ ...caseWorkFixture(), ...work } as CaseWork),
  });

describe('the rules on the case', () => {
  it('lists the reasons in nynorsk for a nynorsk user', async () => {
    const bridge = bridgeWith({ rules: { recommended: 'innvilget', ruleId: 'innenfor-grensen', reasons, mode: 'suggest', legalBasis: null } });
    renderApp(bridge, { path: `/innboks/${id}`, language: 'nn' });
    const list = await screen.findByTestId('decision-reasons');
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual(reasons.nn);
  });

  it('says when the rules leave the case to a person, with their reasons', async () => {
    const manual = { nb: ['Søknaden gjelder 5 skoledager. Barnet har fått innvilget 7 skoledager tidligere i skoleåret 2026/2027, til sammen 12, mer enn de 10 dagene skolen kan innvilge.', 'En saksbehandler må vurdere søknaden.'], nn: ['a', 'b'] };
    renderApp(bridgeWith({ rules: { recommended: 'manuell', ruleId: 'over-grensen', reasons: manual, mode: 'suggest', legalBasis: null } }), { path: `/innboks/${id}` });
    const advice = await screen.findByTestId('decision-recommendation');
    expect(advice.textContent).toContain('Reglene foreslår at en saksbehandler vurderer søknaden');
    expect(within(advice).getAllByRole('listitem').map((li) => li.textContent)).toEqual(manual.nb);
  });

  it('shows a decision made by the rules as «Automatisk vedtak» with its legal basis', async () => {
    const bridge = bridgeWith({
      status: 'approved',
      rules: { recommended: 'innvilget', ruleId: 'innenfor-grensen', reasons, mode: 'automatic', legalBasis: LEGAL },
      decision: { outcome: 'innvilget', grounds: reasons.nb[0]!, decidedAt: NOW, decidedBy: 'postmottak.regelstyrt', recommendation: 'innenfor-grensen', automatic: true, legalBasis: LEGAL } as CaseWork['decision'],
    });
    renderApp(bridge, { path: `/innboks/${id}` });
    const automatic = await screen.findByTestId('decision-automatic');
    expect(automatic.textContent).toBe(`Vedtaket er fattet automatisk etter reglene i tjenesteprofilen. Hjemmel: ${LEGAL}.`);
    expect(screen.getByText('Automatisk vedtak')).toBeTruthy();
  });
});
