// The notes collection's loader: Astro's glob loader plus what it leaves out.
// - A note it cannot read or render is only logged by Astro and left out of the site; here the
//   sync fails naming the file and Astro's reason.
// - Invalid YAML frontmatter gets a note error with the file line (see frontmatterYamlError).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { glob } from 'astro/loaders';
import type { Diagnostic } from '../core/diagnostics.ts';
import { devLoadFailed, entryChanged, liveStore, noteLoadMessage, relayWatcher, runLoad } from './dev-notes.ts';
import { frontmatterYamlError, noteErrorAt } from '../notes/note-source.ts';
import { getNoteGraph, invalidateNoteGraph } from '../notes/note-graph.ts';
import { displayPath, projectRoot } from '../core/project.ts';
import { refreshStore, watchDependencies, type EmittingWatcher } from '../notes/render-dependencies.ts';
import { buildNoteIndex, type NoteSource } from '../notes/note-index.ts';
import { runMode } from '../core/run-mode.ts';
import { planFontFiles } from './font-files.ts';
import { deferredEntryTypes, startRenders, type EntryType, type RenderStore } from './dev-renders.ts';

type Loader = ReturnType<typeof glob>;
type LoaderContext = Parameters<Loader['load']>[0];
type Logger = LoaderContext['logger'];

/** Messages of Astro's glob loader that mean a note was dropped. */
const DROPPED: Array<{ level: 'error' | 'warn'; pattern: RegExp; reason: (m: RegExpExecArray) => string }> = [
  { level: 'error', pattern: /^Error rendering (.+?): ([\s\S]*)$/, reason: (m) => `rendering failed: ${m[2]}` },
  { level: 'error', pattern: /^Error reading (.+?): ([\s\S]*)$/, reason: (m) => `the file could not be read: ${m[2]}` },
  { level: 'warn', pattern: /^No contents found for (.+)$/, reason: () => 'the file could not be read' },
];

export function wrapNotesLoader(inner: Loader, contentDir: string): Loader {
  const self: Loader = {
    name: 'notes-loader',
    async load(context) {
      // Dev server: pages wait while the notes load (dev-notes.ts).
      if (context.watcher) return runLoad(() => loadNotes(context));
      return loadNotes(context);
    },
  };
  async function loadNotes(context: LoaderContext): Promise<void> {
    const dropped = new Map<string, string>();
    const logger: Logger = Object.create(context.logger);
    for (const level of ['error', 'warn'] as const) {
      logger[level] = (message: string) => {
        for (const d of DROPPED) {
          const m = d.level === level ? d.pattern.exec(message) : null;
          if (m) dropped.set(m[1]!, d.reason(m));
        }
        // Dev server: a note that fails to reload becomes an error on the pages (dev-notes.ts).
        if (context.watcher && level === 'error') noteLoadMessage(message, contentDir);
        context.logger[level](message);
      };
    }
    try {
      // The data store outlives the process (the dev server keeps it in .astro/) and Astro reuses
      // a stored entry whose id and content match. A stored note is reused only while what it
      // was rendered against is unchanged: the files and notes it links to, the content folder,
      // the code (the frontmatter reader included), the MAIO settings and the base path
      // (render-dependencies.ts).
      const { meta } = context as Partial<LoaderContext>;
      // Dev server: pages read this store, and a change to it is written at once (dev-notes.ts).
      const store = context.watcher && context.store ? liveStore(context.store) : context.store;
      const graph = () => (invalidateNoteGraph(), getNoteGraph(contentDir, projectRoot()));
      if (meta && store) {
        // Dev server (whose renders check links into headings): ids from the stored renders, not parsed again.
        const digest = context.watcher ? context.generateDigest : undefined;
        const { cleared, stale } = refreshStore(store, meta, graph(), Boolean(context.watcher), digest);
        if (cleared) context.logger.info('every note is rendered again: the code, settings or base path changed');
        else if (stale.length > 0) context.logger.info(`${stale.length} note(s) rendered again: files they link to or embed changed (${stale.join(', ')})`);
      }
      // Dev server: a watcher that survives server restarts (dev-notes.ts).
      const watcher = relayWatcher(context.watcher, contentDir);
      // Dev server: notes are rendered after the load, the one a page asks for first (dev-renders.ts).
      // (`entryTypes` is what Astro's content layer gives the glob loader, not part of the loader API.)
      const { entryTypes: own } = context as LoaderContext & { entryTypes?: Map<string, EntryType> };
      let deferring = true;
      const entryTypes =
        watcher && context.store && own
          ? deferredEntryTypes(own, {
              store: context.store as unknown as RenderStore,
              contentDir,
              deferring: () => deferring,
              logError: (message) => logger.error(message),
              logInfo: (message) => context.logger.info(message),
              changed: entryChanged,
            })
          : own;
      try {
        await inner.load({ ...context, logger, ...(entryTypes ? { entryTypes } : {}), ...(store ? { store } : {}), ...(watcher ? { watcher } : {}) });
      } finally {
        deferring = false;
      }
      if (watcher && store) watchDependencies(watcher as unknown as EmittingWatcher, store, graph);
      if (watcher && context.store) await startRenders(context.store as unknown as RenderStore);
    } catch (error) {
      const failure = frontmatterYamlError(error, (f) => displayPath(f), (f) => readFileSync(f, 'utf8')) ?? error;
      // Dev server: keep running, show the error on the pages, load again when a note changes.
      if (context.watcher) return devLoadFailed(failure, contentDir, () => self.load(context));
      throw failure;
    }
    // (In the dev server these notes are already errors on the pages: noteLoadMessage.)
    if (dropped.size > 0 && !context.watcher) {
      const [first, ...rest] = [...dropped].sort(([a], [b]) => (a < b ? -1 : 1));
      const [entry, reason] = first!;
      const absolute = path.join(contentDir, entry);
      const diagnostic: Diagnostic = {
        severity: 'error',
        code: 'note-dropped',
        file: displayPath(absolute),
        message: `${reason}${rest.length ? ` (and ${rest.map(([e]) => e).join(', ')})` : ''}`,
        hint: 'fix the error; the build stops rather than publish the site without this note',
      };
      throw noteErrorAt(absolute, diagnostic);
    }
    // A build: the font files can be planned now, and what the font cache lacks cut while Vite
    // bundles (font-files.ts); the pages plan them again and get these cuts. Any failure is the
    // pages' to report, with the same plan.
    if (!context.watcher && context.store && runMode() === 'build') {
      const store = context.store;
      const planning = Promise.resolve().then(() => {
        const index = buildNoteIndex(store.values() as unknown as NoteSource[], { contentDir, root: projectRoot(), includeDrafts: false });
        return planFontFiles(index);
      });
      planning.catch(() => undefined);
    }
  }
  return self;
}

