// What the note-link plugin (src/markdown/remark-note-links.ts) needs from Astro:
// - the note graph is rebuilt after any change under the notes folder in the dev server;
// - files in the notes folder that are not notes (a PDF, a CSV, an image linked rather than shown)
//   are served at `<base>_files/<path>`, where the plugin points links to them: copied into the
//   build's output, served from the folder by the dev server.
import { copyFileSync, createReadStream, mkdirSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { getNoteGraph, invalidateNoteGraph } from '../notes/note-graph.ts';
import { FILES_SEGMENT } from '../notes/link-resolution.ts';
import { contentDir as defaultContentDir } from '../core/project.ts';
import { withBase } from '../core/site-address.ts';

export default function noteLinks(options: { contentDir?: string } = {}): AstroIntegration {
  let base = '/';
  const dir = () => path.resolve(options.contentDir ?? defaultContentDir());
  return {
    name: 'note-links',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = withBase(config.base);
      },
      'astro:server:setup': ({ server }) => {
        const content = dir();
        server.watcher.on('all', (_event, file) => {
          const rel = path.relative(content, path.resolve(file));
          if (!rel.startsWith('..') && !path.isAbsolute(rel)) invalidateNoteGraph();
        });
        const prefix = `/${FILES_SEGMENT}/`;
        const serveAttachment = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void => {
          // Astro's dev server takes the base off the URL before middleware sees it (not always).
          let url = (req.url ?? '').split('?')[0] ?? '';
          if (base !== '/' && url.startsWith(base)) url = url.slice(base.length - 1);
          if (!url.startsWith(prefix)) return next();
          let rel: string;
          try {
            rel = decodeURIComponent(url.slice(prefix.length)).normalize('NFC');
          } catch {
            return next();
          }
          const file = getNoteGraph(content).files.get(rel);
          if (!file) return next();
          createReadStream(file).pipe(res);
        };
        // First in the stack: Astro's own dev middleware answers 404 for anything that is not a route.
        server.middlewares.stack.unshift({ route: '', handle: serveAttachment });
      },
      'astro:build:done': ({ dir: out, logger }) => {
        const files = getNoteGraph(dir()).files;
        const target = path.join(fileURLToPath(out), FILES_SEGMENT);
        for (const [rel, file] of files) {
          const to = path.join(target, ...rel.split('/'));
          mkdirSync(path.dirname(to), { recursive: true });
          copyFileSync(file, to);
        }
        if (files.size > 0) logger.info(`${files.size} attachment(s) from the notes folder copied to /${FILES_SEGMENT}/`);
      },
    },
  };
}
