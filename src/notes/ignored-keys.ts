// `npm run check -- --verbose`: the frontmatter keys the site keeps out of the way (other tools'
// keys with no meaning here). Not warnings: listed only so that an author can see what was not used.
import { readFileSync } from 'node:fs';
import { parseFrontmatter } from '@astrojs/internal-helpers/frontmatter';
import { readFrontmatter } from './frontmatter.ts';
import { frontmatterKeyLine } from './note-source.ts';

/** One line per ignored key: `content/a.md:3 ignored frontmatter key "layout"`. */
export function ignoredKeyLines(files: readonly string[], display: (file: string) => string): string[] {
  const lines: string[] = [];
  for (const file of files) {
    let text: string;
    let frontmatter: Record<string, unknown>;
    try {
      text = readFileSync(file, 'utf8');
      ({ frontmatter } = parseFrontmatter(text, { frontmatter: 'empty-with-spaces' }));
    } catch {
      continue; // reported by the check itself
    }
    for (const key of readFrontmatter(frontmatter).ignored) {
      const line = frontmatterKeyLine(text, key);
      lines.push(`${display(file)}${line ? `:${line}` : ''} ignored frontmatter key "${key}" (no meaning on this site)`);
    }
  }
  return lines;
}
