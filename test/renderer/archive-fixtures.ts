import type { DeliveryRowDto, ExportDto, JournalRowDto } from '../../electron/ipc/archivist.contract';
import { ok } from '../../renderer/src/bridge/bridge';
import { FakeBridge, type FakeHandlers } from '../../renderer/src/bridge/fake-bridge';
import { deskUserFixture, NOW, publicId, sessionFixture, statusFixture } from './helpers/fixtures';

/** Shared by test/renderer/archive-*.test.tsx: the Arkiv screen's hub answers (archivist.contract.ts). */

export const ARNE = deskUserFixture({ account: 'arne', name: 'Arne Arkivar', roles: ['arkivar'], groups: [] });

export function deliveryFixture(overrides: Partial<DeliveryRowDto> = {}): DeliveryRowDto {
  return {
    entryKey: 'pm-1-I',
    journalposttype: 'I',
    state: 'archived',
    transport: 'noark5-rest',
    publicId: publicId(1),
    caseNumber: '2026/118',
    title: 'Søknad om barnehageplass – ***** – Solstrålen barnehage',
    lastError: null,
    updatedAt: NOW - 60_000,
    handledBy: null,
    handledNote: null,
    can: { retry: false, recreateCaseFile: false, markHandled: false },
    ...overrides,
  };
}

export const REFUSED = deliveryFixture({
  entryKey: 'pm-2-I',
  state: 'failed',
  publicId: publicId(2),
  caseNumber: null,
  title: 'Søknad om permisjon – Ola',
  lastError: "journalpost: ukjent felt 'foo'",
  can: { retry: true, recreateCaseFile: true, markHandled: true },
});

export function journalRowFixture(overrides: Partial<JournalRowDto> = {}): JournalRowDto {
  return {
    entryKey: 'pm-1-I',
    publicId: publicId(1),
    journalposttype: 'I',
    journaldato: '2025-03-10',
    caseNumber: '2025/118',
    journalpostnummer: 1,
    title: 'Søknad om barnehageplass – Ola Nordmann',
    correspondents: ['Kari Nordmann'],
    administrativEnhet: 'Oppvekst',
    saksbehandler: 'Kari Saksbehandler',
    screened: false,
    skjermingshjemmel: null,
    state: 'archived',
    missing: [],
    ...overrides,
  };
}

export function exportFixture(overrides: Partial<ExportDto> = {}): ExportDto {
  return {
    id: 7,
    kind: 'noark5',
    arkivdel: 'BARNEHAGE',
    from: '2025-01-01',
    to: '2025-03-12',
    state: 'queued',
    phase: null,
    done: 0,
    total: 0,
    outDir: null,
    tarPath: null,
    checkPassed: null,
    failedChecks: [],
    leftOut: [],
    counts: {},
    error: null,
    requestedBy: 'Arne Arkivar',
    createdAt: NOW - 1000,
    finishedAt: null,
    ...overrides,
  };
}

/** The hub for an archivist: the shell's channels plus the given archivist.* handlers. */
export function archivistBridge(handlers: FakeHandlers = {}, user = ARNE): FakeBridge {
  return new FakeBridge({
    'system.status': () => ok(statusFixture()),
    'session.get': () => ok(sessionFixture({ user })),
    'archivist.deliveries': () => ok({ counts: [], rows: [], total: 0 }),
    ...handlers,
  });
}
