// `npm run check` says what the strict build says: each bad-input fixture site is built with
// NOTES_STRICT=1 and checked (src/commands/check.ts, as the CLI runs it); every message check prints
// must be in the build's output, and every note diagnostic the build prints must be in check's.
// Exceptions, by design: the build reports an MDX syntax error as Vite's error (file:line:column
// and the parser's reason, which check wraps in its own diagnostic), and Mermaid diagrams are
// only rendered, so only validated, by the build (check leaves them to the browser: Chromium is
// too slow for a check).

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkNotes } from '../../src/commands/check.ts';
import { formatDiagnostic } from '../../src/core/diagnostics.ts';
import { buildSite, cleanup, prepareSite, ROOT } from './build-site.ts';

const SITES: Array<{ name: string; extra?: (content: string) => void }> = [
  { name: 'bad-key' },
  { name: 'bad-yaml' },
  {
    name: 'bad-utf8',
    extra: (content) => writeFileSync(path.join(content, '02-latin1.md'), Buffer.from('\n# caf\xe9\n\ntext\n', 'latin1')),
  },
  { name: 'duplicate-url' },
  { name: 'empty-url' },
  { name: 'mdx-syntax' },
  { name: 'mdx-html-comment' },
  { name: 'check-warnings' },
  { name: 'github-parity-bad' },
];

/** Codes only the build can report (see above). */
const BUILD_ONLY = new Set(['mermaid-error']);

/** The note diagnostics the notes-diagnostics integration printed, one per `[notes-diagnostics]` line. */
function printedByBuild(output: string): string[] {
  return [...output.matchAll(/\[notes-diagnostics\] (\S+ (?:warning|error) \[([\w-]+)\] .*)$/gm)]
    .filter((m) => !BUILD_ONLY.has(m[2]!))
    .map((m) => m[1]!.trim());
}

describe('npm run check reports what the strict build reports', { timeout: 480_000 }, () => {
  for (const { name, extra } of SITES) {
    it(name, async () => {
      const { workDir, content } = prepareSite(name);
      extra?.(content);
      try {
        const { diagnostics } = await checkNotes(content, { root: ROOT });
        const build = await buildSite(workDir, { env: { NOTES_STRICT: '1' } });
        expect(diagnostics.length, 'check finds something in every bad-input site').toBeGreaterThan(0);
        expect(build.ok, build.output).toBe(false);

        for (const d of diagnostics) {
          if (d.code === 'mdx-syntax') {
            expect(build.output).toContain(`${path.join(content, path.basename(d.file))}:${d.line}:${d.column}`);
            expect(build.output).toContain(d.message.replace(/^MDX syntax error: /, ''));
            continue;
          }
          const [head, hint] = formatDiagnostic(d).split('\n');
          expect(build.output, `the build does not print: ${head}`).toContain(head);
          if (hint) expect(build.output).toContain(hint.trim());
        }

        const printed = diagnostics.map((d) => formatDiagnostic(d).split('\n')[0]);
        for (const line of printedByBuild(build.output)) expect(printed, `check does not print: ${line}`).toContain(line);
      } finally {
        cleanup(workDir);
      }
    });
  }
});
