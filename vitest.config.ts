import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Every test is tests/**\/*.test.ts, split into three projects that run one
 * after the other (sequence.groupOrder), sized for the 2-core machine:
 *   unit   tests/** except build/ and e2e/   files in parallel (2 workers)
 *   build  tests/build/**                    one file at a time (each runs astro build)
 *   e2e    tests/e2e/**                      one file at a time (Chromium + a server)
 * so a site build never competes with another build or with Chromium.
 * Options are spread into each project rather than inherited (`extends: true`
 * would concatenate the include arrays).
 */
const HEAVY = ['tests/build/**', 'tests/e2e/**'];

const shared = {
  // Markdown All in One settings in the project folder (an author's own) or above it are not read
  // by the tests: what they expect must not depend on them (src/notes/maio-settings.ts).
  env: { NOTES_MAIO_SETTINGS_STOP: import.meta.dirname },
  // Node 24's test workers (vitest runs on node_modules/.bin/node via npm).
  pool: 'forks' as const,
  testTimeout: 120_000,
  hookTimeout: 180_000,
  teardownTimeout: 30_000,
  exclude: [...configDefaults.exclude, 'dist/**', '.astro/**'],
};

export default defineConfig({
  test: {
    maxWorkers: 2,
    passWithNoTests: false,
    projects: [
      {
        test: {
          ...shared,
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: [...shared.exclude, ...HEAVY],
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          ...shared,
          name: 'build',
          include: ['tests/build/**/*.test.ts'],
          // Bounds that only catch a hang: a build waits for the shared build lock while another
          // test run on the machine builds (tests/build/build-site.ts).
          testTimeout: 480_000,
          hookTimeout: 480_000,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          ...shared,
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 480_000,
          hookTimeout: 480_000,
          // One folder per run where tests/e2e/site.ts builds each e2e site once (`await e2eSite()`).
          globalSetup: ['tests/e2e/global-setup.ts'],
          fileParallelism: false,
          // expect.poll waits for a condition in the page (smooth scrolling, the search index
          // loading): on a loaded 2-core machine that can take longer than vitest's 1 s default.
          expect: { poll: { timeout: 15_000 } },
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
