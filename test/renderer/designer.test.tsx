// @vitest-environment jsdom
import './helpers/setup-dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { DesignVersionDto, MappingSummaryDto, PreviewDto, RuleTestRowDto } from '../../electron/ipc/designer.contract';
import { ok } from '../../renderer/src/bridge/bridge';
import { FakeBridge } from '../../renderer/src/bridge/fake-bridge';
import { deskUserFixture, NOW, publicId, sessionFixture, statusFixture } from './helpers/fixtures';
import { renderApp } from './helpers/render-app';

const IDA = deskUserFixture({ account: 'ida', name: 'Ida IT-drift', roles: ['it-admin'], groups: [] });

const MAPPINGS: MappingSummaryDto[] = [
  {
    profileId: 'barnehageplass',
    profileName: 'Søknad om barnehageplass',
    target: 'ist-barnehage',
    targetName: 'IST barnehage',
    transport: 'file',
    format: 'xml',
    hasSchema: true,
    activeVersion: 1,
    draftVersion: null,
  },
  {
    profileId: 'permisjon-skole',
    profileName: 'Permisjon fra undervisning',
    target: 'visma-flyt-skole',
    targetName: 'Visma Flyt Skole',
    transport: 'rest',
    format: 'json',
    hasSchema: false,
    activeVersion: 2,
    draftVersion: 3,
  },
];

const V1 = '{\n  "Barn": form.child.name,\n  "Start": form.start\n}';
const version = (n: number, status: DesignVersionDto['status'], body: string, note: string | null = null): DesignVersionDto => ({
  version: n,
  status,
  body,
  changedBy: n === 1 ? 'Postmottak' : 'Ida IT-drift',
  changedAt: NOW - (10 - n) * 3600_000,
  note,
});

/** The hub as the designer sees it: one design's versions, draft → active as design-store.port.ts says. */
function designerBridge(opts: { preview?: (body: string) => PreviewDto; session?: ReturnType<typeof sessionFixture> } = {}) {
  let versions: DesignVersionDto[] = [version(1, 'active', V1, 'Fra tjenesteprofilen')];
  let rules: DesignVersionDto[] = [version(1, 'active', '{"recommendations": []}')];
  const preview =
    opts.preview ??
    ((body: string): PreviewDto =>
      body.includes('Feil')
        ? { ok: false, text: null, problems: [{ stage: 'schema', message: 'Elementet «Feil» er ikke tillatt her', at: '/Soknad/Feil' }], masked: false }
        : { ok: true, text: `<Soknad>${body.length}</Soknad>`, problems: [], masked: false });
  const saveOne = (list: DesignVersionDto[], body: string, note?: string) => {
    const draft = list.find((v) => v.status === 'draft');
    const saved = version(draft?.version ?? list.length + 1, 'draft', body, note ?? null);
    return { list: [saved, ...list.filter((v) => v.status !== 'draft')], saved };
  };
  const activateOne = (list: DesignVersionDto[], n: number) => {
    const next = list.map((v) => (v.version === n ? { ...v, status: 'active' as const } : v.status === 'active' ? { ...v, status: 'retired' as const } : v));
    return { list: next, done: next.find((v) => v.version === n)! };
  };
  const bridge = new FakeBridge({
    'system.status': () => ok(statusFixture()),
    'session.get': () => ok(opts.session ?? sessionFixture({ user: IDA })),
    'mappings.list': () => ok(MAPPINGS),
    'mappings.versions': () => ok(versions),
    'mappings.preview': ({ body }) => ok(preview(body)),
    'mappings.saveDraft': ({ body, note }) => {
      const r = saveOne(versions, body, note);
      versions = r.list;
      return ok(r.saved);
    },
    'mappings.activate': ({ version: n }) => {
      const r = activateOne(versions, n);
      versions = r.list;
      return ok(r.done);
    },
    'mappings.diff': ({ from, to }) =>
      ok([
        { kind: 'same', text: `{ // ${from}→${to}` },
        { kind: 'removed', text: '  "Barn": form.child.name,' },
        { kind: 'added', text: '  "Barnets navn": form.child.name,' },
        { kind: 'same', text: '}' },
      ]),
    'rules.versions': () => ok(rules),
    'rules.saveDraft': ({ body, note }) => {
      const r = saveOne(rules, body, note);
      rules = r.list;
      return ok(r.saved);
    },
    'rules.activate': ({ version: n }) => {
      const r = activateOne(rules, n);
      rules = r.list;
      return ok(r.done);
    },
    'rules.diff': () => ok([]),
    'rules.testRun': () => ok({ problems: [], rows: TEST_ROWS }),
  });
  return bridge;
}

const TEST_ROWS: RuleTestRowDto[] = [
  { publicId: publicId(1), receivedAt: NOW - 86_400_000, recommended: 'innvilget', ruleId: 'kort-permisjon', reasons: ['Permisjonen er på 3 skoledager, innenfor skolens grense på 10.'], decided: 'innvilget', differs: false },
  { publicId: publicId(2), receivedAt: NOW - 2 * 86_400_000, recommended: 'manuell', ruleId: null, reasons: [], decided: 'avslått', differs: true },
  { publicId: publicId(3), receivedAt: NOW - 3 * 86_400_000, recommended: 'avslått', ruleId: 'over-grensen', reasons: ['Barnet har allerede fått 9 dager dette skoleåret.'], decided: null, differs: false },
];

const editor = () => screen.getByLabelText('Mapping (JSONata)') as HTMLTextAreaElement;

describe('Designer', () => {
  it('is in the nav only for a user allowed mappings.list, and lists mappings and profiles', async () => {
    const bridge = designerBridge();
    renderApp(bridge, { path: '/designer' });
    const nav = await screen.findByRole('navigation', { name: 'Hovedmeny' });
    await waitFor(() => expect(within(nav).getByRole('link', { name: 'Designer' }).getAttribute('aria-current')).toBe('page'));

    const table = await screen.findByRole('table', { name: 'Mappinger til fagsystemer' });
    const row = within(table).getByTestId('mapping-row-permisjon-skole-visma-flyt-skole');
    expect(within(row).getAllByRole('cell').map((c) => c.textContent)).toEqual(['Visma Flyt Skole', 'REST', 'JSON, uten skjema', 'versjon 2', 'versjon 3']);
    expect(within(within(table).getByTestId('mapping-row-barnehageplass-ist-barnehage')).getByText('XML, med skjema')).toBeTruthy();
    const link = within(table).getByRole('link', { name: 'Rediger mappingen Søknad om barnehageplass til IST barnehage' });
    expect(link.textContent).toBe('IST barnehage');
    const profiles = screen.getByTestId('designer-profiles');
    expect(within(profiles).getAllByRole('link').map((l) => l.getAttribute('aria-label'))).toEqual([
      'Rediger reglene for Søknad om barnehageplass',
      'Rediger reglene for Permisjon fra undervisning',
    ]);

    fireEvent.click(link);
    expect(await screen.findByRole('heading', { level: 1, name: 'Mapping: Søknad om barnehageplass til IST barnehage' })).toBeTruthy();
  });

  it('is hidden from a caseworker', async () => {
    renderApp(designerBridge({ session: sessionFixture() }), { path: '/' });
    expect((await screen.findByTestId('desk-user-name')).textContent).toBe('Kari Saksbehandler');
    const nav = screen.getByRole('navigation', { name: 'Hovedmeny' });
    expect(within(nav).getByRole('link', { name: 'Innboks' })).toBeTruthy();
    expect(within(nav).queryByRole('link', { name: 'Designer' })).toBeNull();
  });

  it('previews as you type, once typing pauses: the payload changes, a schema error appears and disappears', async () => {
    const bridge = designerBridge();
    renderApp(bridge, { path: '/designer/mapping/barnehageplass/ist-barnehage' });
    await waitFor(() => expect(editor().value).toBe(V1));
    expect(screen.getByTestId('design-editing').textContent).toBe('Du redigerer en kopi av aktiv versjon 1.');
    expect(screen.getByTestId('mapping-format').textContent).toBe('XML, med skjema');
    expect((await screen.findByTestId('preview-payload')).textContent).toBe(`<Soknad>${V1.length}</Soknad>`);
    expect(screen.getByTestId('preview-summary').textContent).toBe('Ingen problemer: utdataene er gyldige.');
    expect(bridge.callsTo('mappings.preview')).toEqual([{ profileId: 'barnehageplass', target: 'ist-barnehage', body: V1, source: { kind: 'sample' } }]);

    // three keystrokes in a burst: one preview, for the last text
    fireEvent.change(editor(), { target: { value: `${V1} ` } });
    fireEvent.change(editor(), { target: { value: `${V1}  ` } });
    fireEvent.change(editor(), { target: { value: `${V1} & "Feil"` } });
    expect(screen.getByTestId('preview-pending').textContent).toBe('Regner ut …');
    const problems = await screen.findByTestId('preview-problems');
    expect(bridge.callsTo('mappings.preview').map((c) => c.body)).toEqual([V1, `${V1} & "Feil"`]);
    expect(within(problems).getByRole('listitem').textContent).toBe('Skjema Elementet «Feil» er ikke tillatt her (ved /Soknad/Feil)');
    expect(screen.getByTestId('preview-summary').textContent).toBe('1 problem i mappingen');
    expect(screen.getByTestId('preview-summary').closest('[role="status"]')).toBeTruthy();
    expect(screen.getByText('Ingen utdata, se problemene.')).toBeTruthy();

    fireEvent.change(editor(), { target: { value: `${V1}\n` } });
    await waitFor(() => expect(screen.queryByTestId('preview-problems')).toBeNull());
    expect(screen.getByTestId('preview-payload').textContent).toBe(`<Soknad>${V1.length + 1}</Soknad>`);
    expect(screen.getByTestId('design-unsaved').textContent).toBe('Ulagrede endringer');
  });

  it('drops an answer for an older text that arrives after a newer one', async () => {
    const bridge = designerBridge();
    const waiting: ((v: ReturnType<typeof ok<PreviewDto>>) => void)[] = [];
    bridge.setHandler('mappings.preview', ({ body }) => new Promise((resolve) => waiting.push(() => resolve(ok({ ok: true, text: body, problems: [], masked: false })))));
    renderApp(bridge, { path: '/designer/mapping/barnehageplass/ist-barnehage' });
    await waitFor(() => expect(waiting).toHaveLength(1));
    fireEvent.change(editor(), { target: { value: 'ny tekst' } });
    await waitFor(() => expect(waiting).toHaveLength(2));
    waiting[1]!(ok({ ok: true, text: '', problems: [], masked: false }));
    expect((await screen.findByTestId('preview-payload')).textContent).toBe('ny tekst');
    waiting[0]!(ok({ ok: true, text: '', problems: [], masked: false }));
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.getByTestId('preview-payload').textContent).toBe('ny tekst');
  });

  it('previews a real case only for a whole id, and says when personal data was masked', async () => {
    const bridge = designerBridge({ preview: () => ({ ok: true, text: '<Navn>*****</Navn>', problems: [], masked: true }) });
    renderApp(bridge, { path: '/designer/mapping/barnehageplass/ist-barnehage' });
    await screen.findByTestId('preview-payload');
    fireEvent.click(screen.getByRole('radio', { name: 'En virkelig sak' }));
    const id = screen.getByLabelText('Sakens ID');
    fireEvent.change(id, { target: { value: '1234' } });
    expect(await screen.findByText('Skriv en gyldig ID (36 tegn med bindestreker).')).toBeTruthy();
    fireEvent.change(id, { target: { value: publicId(7).toUpperCase() } });
    await waitFor(() => expect(bridge.callsTo('mappings.preview').at(-1)?.source).toEqual({ kind: 'case', publicId: publicId(7) }));
    expect(bridge.callsTo('mappings.preview').some((c) => c.source.kind === 'case' && c.source.publicId === '1234')).toBe(false);
    expect(await screen.findByText('Personopplysninger er skjult fordi du ikke har tilgang til saken.')).toBeTruthy();
  });

  it('saves a draft with a note, activates it after a confirm dialog, and shows the history', async () => {
    const bridge = designerBridge();
    renderApp(bridge, { path: '/designer/mapping/barnehageplass/ist-barnehage' });
    await waitFor(() => expect(editor().value).toBe(V1));
    expect(screen.queryByTestId('design-activate')).toBeNull(); // nothing to activate yet

    const changed = V1.replace('"Barn"', '"Barnets navn"');
    fireEvent.change(editor(), { target: { value: changed } });
    fireEvent.change(screen.getByLabelText('Merknad til endringen (valgfri)'), { target: { value: 'Nytt feltnavn hos IST' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lagre utkast' }));
    expect((await screen.findByTestId('design-result')).textContent).toBe('Utkastet er lagret som versjon 2.');
    expect(bridge.callsTo('mappings.saveDraft')).toEqual([{ profileId: 'barnehageplass', target: 'ist-barnehage', body: changed, note: 'Nytt feltnavn hos IST' }]);
    await waitFor(() => expect(screen.getByTestId('design-editing').textContent).toBe('Du redigerer utkastet (versjon 2).'));
    expect(screen.queryByTestId('design-unsaved')).toBeNull();
    const history = screen.getByTestId('design-versions');
    expect(within(within(history).getByTestId('design-version-2')).getAllByRole('cell').map((c) => c.textContent)[0]).toBe('Utkast');
    expect(within(history).getByTestId('design-version-2').textContent).toContain('Nytt feltnavn hos IST');
    expect(within(history).getByTestId('design-version-2').textContent).toContain('Ida IT-drift');

    fireEvent.click(screen.getByRole('button', { name: 'Aktiver' }));
    const dialog = await screen.findByTestId('design-activate-dialog');
    expect(dialog.textContent).toContain('Neste overføring til IST barnehage bruker den.');
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Avbryt' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Aktiver' }));
    expect((await screen.findByTestId('design-result')).textContent).toBe('Versjon 2 er aktiv.');
    expect(bridge.callsTo('mappings.activate')).toEqual([{ profileId: 'barnehageplass', target: 'ist-barnehage', version: 2 }]);
    expect(bridge.callsTo('mappings.saveDraft')).toHaveLength(1); // nothing unsaved: no second save
    await waitFor(() => expect(within(history).getByTestId('design-version-2').textContent).toContain('Aktiv'));
    expect(within(within(history).getByTestId('design-version-1')).getByTestId('design-version-status').textContent).toBe('Tidligere');
  });

  it('activating with unsaved changes saves them first, so what becomes active is what is on screen', async () => {
    const bridge = designerBridge();
    renderApp(bridge, { path: '/designer/mapping/barnehageplass/ist-barnehage' });
    await waitFor(() => expect(editor().value).toBe(V1));
    fireEvent.change(editor(), { target: { value: `${V1}\n` } });
    fireEvent.click(screen.getByRole('button', { name: 'Aktiver' }));
    fireEvent.click(within(await screen.findByTestId('design-activate-dialog')).getByRole('button', { name: 'Aktiver' }));
    expect((await screen.findByTestId('design-result')).textContent).toBe('Versjon 2 er aktiv.');
    expect(bridge.callsTo('mappings.saveDraft').map((c) => c.body)).toEqual([`${V1}\n`]);
    expect(bridge.callsTo('mappings.activate').map((c) => c.version)).toEqual([2]);
    await waitFor(() => expect(screen.queryByTestId('design-activate-dialog')).toBeNull());
  });

  it('diffs two versions with added and removed lines marked in words, not colour alone, and reopens an old version', async () => {
    const bridge = designerBridge();
    renderApp(bridge, { path: '/designer/mapping/barnehageplass/ist-barnehage' });
    await waitFor(() => expect(editor().value).toBe(V1));
    fireEvent.change(editor(), { target: { value: 'x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lagre utkast' }));
    await screen.findByTestId('design-diff-show');
    expect((screen.getByLabelText('Fra versjon') as HTMLSelectElement).value).toBe('1');
    expect((screen.getByLabelText('Til versjon') as HTMLSelectElement).value).toBe('2');
    fireEvent.click(screen.getByTestId('design-diff-show'));
    const diff = await screen.findByTestId('design-diff');
    expect(within(diff).getByTestId('design-diff-summary').textContent).toBe('Linjer lagt til: 1. Linjer fjernet: 1.');
    const lines = within(diff).getAllByRole('listitem');
    expect(lines.map((l) => l.textContent)).toEqual([' { // 1→2', '−Fjernet:   "Barn": form.child.name,', '+Lagt til:   "Barnets navn": form.child.name,', ' }']);
    expect(bridge.callsTo('mappings.diff')).toEqual([{ profileId: 'barnehageplass', target: 'ist-barnehage', from: 1, to: 2 }]);

    fireEvent.click(screen.getByRole('button', { name: 'Åpne i editoren (versjon 1)' }));
    expect(editor().value).toBe(V1);
    expect(screen.getByText('Versjon 1 er lastet inn i editoren. Lagre som utkast for å ta den i bruk.')).toBeTruthy();
  });

  it('the rule editor: JSON problems as you type, a test run with the differences counted, save and activate', async () => {
    const bridge = designerBridge();
    renderApp(bridge, { path: '/designer/regler/permisjon-skole' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Regler: Permisjon fra undervisning' })).toBeTruthy();
    const rules = (await screen.findByLabelText('Regler (JSON)')) as HTMLTextAreaElement;
    expect(rules.value).toBe('{"recommendations": []}');
    fireEvent.change(rules, { target: { value: '{"recommendations": [' } });
    expect(screen.getByTestId('rules-body-error').textContent).toMatch(/^Ikke gyldig JSON: /);
    expect(rules.getAttribute('aria-invalid')).toBe('true');
    expect(rules.getAttribute('aria-describedby')).toContain(screen.getByTestId('rules-body-error').id);
    fireEvent.change(rules, { target: { value: '{"recommendations": [{"id": "kort-permisjon"}]}' } });
    expect(screen.queryByTestId('rules-body-error')).toBeNull();

    const last = screen.getByLabelText('Antall søknader') as HTMLInputElement;
    expect(last.value).toBe('50');
    fireEvent.change(last, { target: { value: '0' } });
    fireEvent.click(screen.getByTestId('rules-test-run'));
    expect(await screen.findByText('Skriv et tall fra 1 til 500.')).toBeTruthy();
    expect(bridge.callsTo('rules.testRun')).toEqual([]);
    fireEvent.change(last, { target: { value: '20' } });
    fireEvent.click(screen.getByTestId('rules-test-run'));
    expect((await screen.findByTestId('rules-test-summary')).textContent).toBe('1 av 3 avviker fra saksbehandlerens vedtak.');
    expect(bridge.callsTo('rules.testRun')).toEqual([{ profileId: 'permisjon-skole', body: '{"recommendations": [{"id": "kort-permisjon"}]}', last: 20 }]);
    const table = screen.getByRole('table', { name: 'Hva reglene ville gitt, søknad for søknad' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Mottatt', 'Forslag', 'Begrunnelse', 'Vedtak', 'Sammenligning']);
    const differs = within(table).getByTestId('rules-row-differs');
    expect(within(differs).getAllByRole('cell').map((c) => c.textContent)).toEqual(['Manuell', '–', 'Avslått', '⚠ Avviker']);
    const same = within(table).getAllByTestId('rules-row-same');
    expect(within(same[0]!).getAllByRole('cell').map((c) => c.textContent)).toEqual([
      'InnvilgetRegel: kort-permisjon',
      'Permisjonen er på 3 skoledager, innenfor skolens grense på 10.',
      'Innvilget',
      'Samme',
    ]);
    expect(within(same[1]!).getAllByRole('cell')[2]!.textContent).toBe('Ikke avgjort');

    bridge.setHandler('rules.testRun', () => ok({ problems: ['Regel «kort-permisjon» mangler «decision».'], rows: [] }));
    fireEvent.click(screen.getByTestId('rules-test-run'));
    expect(within(await screen.findByTestId('rules-problems')).getByRole('listitem').textContent).toBe('Regel «kort-permisjon» mangler «decision».');

    fireEvent.click(screen.getByRole('button', { name: 'Aktiver' }));
    fireEvent.click(within(await screen.findByTestId('design-activate-dialog')).getByRole('button', { name: 'Aktiver' }));
    expect((await screen.findByTestId('design-result')).textContent).toBe('Versjon 2 er aktiv.');
    expect(bridge.callsTo('rules.saveDraft')).toEqual([{ profileId: 'permisjon-skole', body: '{"recommendations": [{"id": "kort-permisjon"}]}' }]);
    expect(bridge.callsTo('rules.activate')).toEqual([{ profileId: 'permisjon-skole', version: 2 }]);
  });

  it('speaks nynorsk and English', async () => {
    renderApp(designerBridge(), { path: '/designer', language: 'nn' });
    expect(await screen.findByRole('table', { name: 'Mappingar til fagsystem' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Designar' })).toBeTruthy();
  });

  it('speaks English', async () => {
    renderApp(designerBridge(), { path: '/designer/mapping/permisjon-skole/visma-flyt-skole', language: 'en' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Mapping: Permisjon fra undervisning to Visma Flyt Skole' })).toBeTruthy();
    expect(await screen.findByText('No problems: the output is valid.')).toBeTruthy();
    expect(screen.getByTestId('mapping-transport').textContent).toBe('REST');
  });
});
