// vitest globalSetup of the e2e project: one temporary folder per test run where tests/e2e/site.ts
// keeps the sites it builds, so each variant is built once however many test files use it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where tests/e2e/site.ts builds and caches the e2e sites for this run. */
    e2eSitesDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(path.join(tmpdir(), 'notes-e2e-sites-'));
  project.provide('e2eSitesDir', dir);
  return () => {
    if (!process.env.KEEP_BUILDS) rmSync(dir, { recursive: true, force: true });
  };
}
