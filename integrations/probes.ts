/**
 * "Test tilkobling" (#17 item 1) wired: the generic runner (integrations/probe/) with each
 * system's probe (integrations/<system>/*.probe.ts). It sits beside index.ts because an
 * integration folder may not import another (ARCHITECTURE.md, test/architecture).
 */
import type { AltinnSection, Altinn2Section, CorrespondenceSection } from './altinn/altinn.config';
import { probeAltinn2, probeAltinn3, probeCorrespondence } from './altinn/altinn.probe';
import type { InternalTargetConfig } from './internal/internal.config';
import { probeInternalTarget } from './internal/internal.probe';
import type { ArchiveConfig } from './noark/noark.config';
import { probeArchive } from './noark/noark.probe';
import type { PrintConfig } from './print/print.config';
import { probePrint } from './print/print.probe';
import { createProbeIntegration } from './probe/probe-integration';
import type { RegistersSection } from './registers/registers.config';
import { probeRegisters } from './registers/registers.probe';

export type { ProbeDeps } from './probe/probe-integration';

export const probeIntegration = createProbeIntegration({
  altinn: (run, s: AltinnSection, c) => probeAltinn3(run, s, c.now),
  altinn2: (run, s: Altinn2Section, c) => probeAltinn2(run, s, c.resourcesDir),
  archive: (run, s: ArchiveConfig, c) => probeArchive(run, s, c),
  correspondence: (run, s: CorrespondenceSection, c) => probeCorrespondence(run, s, c.integrations.altinn as AltinnSection | undefined, c),
  registers: (run, s: RegistersSection, c) => probeRegisters(run, s, c.now),
  print: (run, s: PrintConfig, c) => probePrint(run, s, c.now),
  internal: (run, t: { id: string; section: InternalTargetConfig }, c) => probeInternalTarget(run, t.id, t.section, c),
});
