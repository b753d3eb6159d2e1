// Mermaid's browser script (src/components/MermaidClient.astro) only in builds that can need it.
//
// NoteExtras imports MermaidClient, so Vite's client build bundles Mermaid (~150 chunks, 3 MB)
// into every build, whether or not a page ever loads it: at 5 notes that bundling is about a
// third of the build's peak memory (~340 MB of ~1 GB RSS). A page loads the script only when its
// note has a diagram left to the browser, and a diagram needs a ```` ```mermaid ```` (or ~~~)
// fence; when no note file has one, the import resolves to an empty component instead and the
// pages come out the same (the chunks were never linked). The dev server does the same (Vite then
// does not bundle Mermaid for the browser when it starts, seconds of a first start), and once a
// note gains a fence, the components that import MermaidClient are loaded again (as if saved), so
// the real one is used from then on.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AstroIntegration } from 'astro';
import { getNoteGraph } from '../notes/note-graph.ts';
import { contentDir as defaultContentDir, projectRoot } from '../core/project.ts';
import { runMode } from '../core/run-mode.ts';

/** A fence that may open a Mermaid block (in a list or quote too); loose on purpose: a false hit only costs memory. */
const MERMAID_FENCE = /(?:`{3,}|~{3,})[ \t]*mermaid/i;

/** Whether any note (drafts included) may have a Mermaid diagram. */
export function notesMayUseMermaid(dir: string = defaultContentDir()): boolean {
  return getNoteGraph(dir).notes.some((note) => {
    try {
      return MERMAID_FENCE.test(readFileSync(note.file, 'utf8'));
    } catch {
      return true; // unreadable here: the loader reports it; keep the real component
    }
  });
}

export default function mermaidClient(): AstroIntegration {
  return {
    name: 'notes-mermaid-client',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        const mode = runMode();
        if (mode !== 'build' && mode !== 'dev') return;
        const components = path.join(projectRoot(), 'src/components');
        const real = path.join(components, 'MermaidClient.astro');
        const empty = path.join(components, 'MermaidClientNone.astro');
        let needed: boolean | undefined;
        /** Files whose import of MermaidClient got the empty one. */
        const importers = new Set<string>();
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'notes-mermaid-client',
                enforce: 'pre',
                resolveId(source, importer) {
                  if (!importer || !source.endsWith('/MermaidClient.astro')) return null;
                  if (path.resolve(path.dirname(importer), source) !== real) return null;
                  needed ??= notesMayUseMermaid();
                  if (needed) return null;
                  importers.add(importer.split('?')[0]!);
                  return empty;
                },
                configureServer(server) {
                  const content = path.resolve(defaultContentDir());
                  server.watcher.on('all', (event, file) => {
                    if (needed !== false || (event !== 'add' && event !== 'change')) return;
                    const rel = path.relative(content, path.resolve(file));
                    if (rel.startsWith('..') || path.isAbsolute(rel) || !/\.mdx?$/i.test(file)) return;
                    let text: string;
                    try {
                      text = readFileSync(file, 'utf8');
                    } catch {
                      return;
                    }
                    if (!MERMAID_FENCE.test(text)) return;
                    needed = true;
                    // Each importer as if saved: Vite loads it again and its import now resolves to the real one.
                    for (const importer of importers) server.watcher.emit('change', importer);
                    importers.clear();
                  });
                },
              },
            ],
          },
        });
      },
    },
  };
}
