// `npm run build` as a command line, for the tools that run the build themselves (the build tests,
// the benchmark): the node options and Astro entry point of package.json's `build` script, so every
// build runs with the same settings (scripts/build.env, the heap growth flag) as the real one.
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * `[node, ...options, astro.mjs, 'build']` from the project's package.json, with the script's
 * `node` replaced by the `node` given (the pinned Node 24) and paths made absolute against `root`.
 */
export function buildCommand(root: string, node: string): string[] {
  const script = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: { build: string } }).scripts.build;
  const [program, ...args] = script.trim().split(/\s+/);
  if (program !== 'node' || !args.includes('build')) throw new Error(`package.json's build script is not "node … astro.mjs build": ${script}`);
  return [
    node,
    ...args.map((arg) => {
      if (arg.startsWith('--env-file=')) return `--env-file=${path.resolve(root, arg.slice('--env-file='.length))}`;
      return arg.endsWith('.mjs') ? path.resolve(root, arg) : arg;
    }),
  ];
}
