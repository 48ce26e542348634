import path from 'node:path';
import type { ArchivistWriters } from '../../electron/core/ports/archive-extraction.port';
import { createNoark4DepositWriter } from './noark4-deposit/noark4-deposit.writer';
import { createPreCheck } from './uttrekk/precheck/pre-check';
import { createNoark5ExtractionWriter } from './uttrekk/noark5-uttrekk.writer';
import { createPublicJournalWriter } from './uttrekk/public-journal.writer';

/**
 * The archivist's packages (#16): the Noark 5 arkivuttrekk with its pre-check, the Noark 4
 * deposit and the public journal, each with the schemas, fonts and colour profile the app ships.
 */
export function createArchivistWriters(o: { resourcesDir: string; now?: () => number }): ArchivistWriters {
  return {
    noark5: createNoark5ExtractionWriter({ resourcesDir: o.resourcesDir }),
    noark4: createNoark4DepositWriter({ resourcesDir: o.resourcesDir }),
    preCheck: createPreCheck({ fontsDir: path.join(o.resourcesDir, 'fonts'), iccProfile: path.join(o.resourcesDir, 'icc', 'sRGB.icc'), ...(o.now ? { now: o.now } : {}) }),
    publicJournal: createPublicJournalWriter({ resourcesDir: o.resourcesDir }),
  };
}
