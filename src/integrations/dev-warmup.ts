// The dev server loads a page's modules one import at a time (transform, then its imports): ~3 s
// of idle waiting on the first page. Transforming each module's static imports as soon as it is
// transformed, and the pages' modules as the server starts, makes that a parallel crawl (first
// note page at 300 notes, a second start: 6.6-9.0 s -> 5.3-6.0 s). Dev only: `astro build` also
// starts a Vite server (for the content sync), where warming the pages only delays the sync
// (transforms nothing needs yet; a 300-note cold build starts syncing ~0.3 s later with it).
import type { AstroIntegration } from 'astro';

export default function devWarmup(): AstroIntegration {
  return {
    name: 'notes-dev-warmup',
    hooks: {
      'astro:config:setup': ({ command, updateConfig }) => {
        if (command !== 'dev') return;
        updateConfig({
          vite: { environments: { ssr: { dev: { preTransformRequests: true, warmup: ['./src/pages/**/*.astro'] } } } },
        });
      },
    },
  };
}
