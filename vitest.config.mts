import os from 'node:os';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The long files of a run, longest first (CI's figures): started first, so the short files fill
 * the other worker beside them instead of the long ones running last, alone. With a cache of an
 * earlier run (not in CI's clean clone) vitest would order by duration itself.
 */
const LONG_FIRST = ['team-crash', 'retention-year', 'replies-crash', 'archive-crash', 'ingest-crash', 'cli', 'routing-crash', 'team-leader', 'export-cli', 'store-copy'];

class LongFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const i = LONG_FIRST.findIndex((name) => new RegExp(`[/\\\\]${name}\\.test\\.tsx?$`).test(f.moduleId));
      return i < 0 ? LONG_FIRST.length : i;
    };
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  plugins: [react()],
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // vitest's default is one worker less than the cores: on CI's 2 cores one file at a time, and
    // the crash suites (which mostly wait on their child processes) left the second core idle
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    sequence: { sequencer: LongFilesFirst },
    // one PostgreSQL for the run: the store suites run on it as well as on SQLite (#19)
    globalSetup: ['test/helpers/pg-global-setup.ts'],
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
