// "Dev server or build?", decided in one place. Astro's command (`astro:config:setup`, set by the
// notes-diagnostics integration) when this process has seen it; before that (the Markdown
// processor is made while astro.config.mjs loads) and in render workers, the command line and
// NODE_ENV. Kept on globalThis: the config, the content config and the pages are separate module
// instances in one process.

export type RunMode = 'build' | 'dev' | 'other';

const KEY = Symbol.for('notes-site.run-mode');
type Holder = { [KEY]?: RunMode };

/** Record Astro's command (`dev`, `build`, `preview`, `sync`) for this process. */
export function setRunMode(command: string): void {
  (globalThis as Holder)[KEY] = command === 'build' ? 'build' : command === 'dev' ? 'dev' : 'other';
}

/** The mode from a command line and environment: `astro build` is a build, NODE_ENV=development the dev server. */
export function runModeFrom(argv: readonly string[] = process.argv, env: NodeJS.ProcessEnv = process.env): RunMode {
  if (argv.slice(2).includes('build')) return 'build';
  return env.NODE_ENV === 'development' ? 'dev' : 'other';
}

/** This process's mode: Astro's command once known, else runModeFrom(). */
export function runMode(): RunMode {
  return (globalThis as Holder)[KEY] ?? runModeFrom();
}
