// Prints every note diagnostic as it is found (file:line, message, hint) and, at the end of a
// build, fails it when there are errors, or warnings in strict mode (NOTES_STRICT=1).
// In the dev server, each Vite server (the first and every restart) feeds the notes loader's
// watcher, so notes keep reloading after astro.config.mjs is saved, and the loader can have Astro
// write its data store at once (refreshContent; src/site/dev-notes.ts); the notes rendered after
// the server starts wait while it answers a request (src/site/dev-renders.ts).

import type { AstroIntegration } from 'astro';
import { setContentRefresh, watchDevServer } from '../site/dev-notes.ts';
import { watchRequests } from '../site/dev-renders.ts';
import { diagnostics, formatDiagnostic, isStrict } from '../core/diagnostics.ts';
import { runMode, setRunMode } from '../core/run-mode.ts';

export default function notesDiagnostics(): AstroIntegration {
  let unsubscribe: (() => void) | undefined;
  return {
    name: 'notes-diagnostics',
    hooks: {
      'astro:config:setup': ({ logger, command }) => {
        // The one place Astro's command is recorded (first in astro.config.mjs's integrations).
        setRunMode(command);
        if (runMode() === 'build') diagnostics.reset();
        unsubscribe?.();
        unsubscribe = diagnostics.onReport((d) => {
          const text = formatDiagnostic(d);
          if (d.severity === 'error') logger.error(text);
          else logger.warn(text);
        });
      },
      'astro:server:setup': ({ server, refreshContent }) => {
        watchDevServer(server.watcher);
        setContentRefresh(refreshContent);
        // Notes rendered after the server starts wait while it answers (dev-renders.ts).
        watchRequests(server.middlewares as unknown as Parameters<typeof watchRequests>[0]);
      },
      'astro:build:done': ({ logger }) => {
        unsubscribe?.();
        const all = diagnostics.all();
        const errors = all.filter((d) => d.severity === 'error');
        const warnings = all.filter((d) => d.severity === 'warning');
        if (all.length > 0) logger.info(`${errors.length} error(s), ${warnings.length} warning(s) in the notes`);
        if (errors.length > 0 || (isStrict() && warnings.length > 0)) {
          const why = errors.length > 0 ? 'errors' : 'warnings (strict mode: NOTES_STRICT=1)';
          throw new Error(`The notes have ${why}:\n${(errors.length > 0 ? errors : warnings).map(formatDiagnostic).join('\n')}`);
        }
      },
    },
  };
}
