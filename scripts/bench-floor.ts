// The benchmark's floor (scripts/bench.ts runs it as its own process): the site's own
// remark/rehype plugin list (src/markdown/pipeline.ts) with Astro's Markdown processor
// (@astrojs/markdown-remark's createMarkdownProcessor: remark-parse, GFM, our plugins,
// remark-rehype, Shiki with the site's shikiConfig, rehype plugins, rehype-raw, stringify), run
// over every note of a content directory in one process, one HTML fragment per note.
//
//   node scripts/bench-floor.ts <contentDir> <outDir>
//
// Prints one JSON line: { notes, bytes, importMs, renderMs }.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const started = performance.now();
const [contentDir, outDir] = process.argv.slice(2).map((p) => path.resolve(p));
if (!contentDir || !outDir) {
  console.error('usage: node scripts/bench-floor.ts <contentDir> <outDir>');
  process.exit(2);
}
process.env.NOTES_CONTENT_DIR = contentDir;

const { createMarkdownProcessor, markdownConfigDefaults, parseFrontmatter } = await import('@astrojs/markdown-remark');
const { createRemarkPlugins, createRehypePlugins, remarkRehypeOptions } = await import('../src/markdown/pipeline.ts');
// The same shikiConfig as astro.config.mjs.
const config = (await import(pathToFileURL(path.resolve('astro.config.mjs')).href)).default as {
  markdown: { shikiConfig: Record<string, unknown> };
};

const processor = await createMarkdownProcessor({
  syntaxHighlight: markdownConfigDefaults.syntaxHighlight,
  shikiConfig: config.markdown.shikiConfig,
  remarkPlugins: createRemarkPlugins({ contentDir }),
  rehypePlugins: createRehypePlugins(),
  remarkRehype: remarkRehypeOptions,
  gfm: true,
  smartypants: false,
});
const imported = performance.now();

const files = readdirSync(contentDir, { recursive: true, withFileTypes: true })
  .filter((d) => d.isFile() && /\.md$/i.test(d.name))
  .map((d) => path.join(d.parentPath, d.name))
  .sort();
let bytes = 0;
for (const file of files) {
  const { content, frontmatter } = parseFrontmatter(readFileSync(file, 'utf8'), { frontmatter: 'empty-with-spaces' });
  // Astro's glob loader renders the body trimmed.
  const { code } = await processor.render(content.trim(), { fileURL: pathToFileURL(file), frontmatter });
  const target = path.join(outDir, `${path.relative(contentDir, file)}.html`);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, code);
  bytes += Buffer.byteLength(code);
}
const done = performance.now();
console.log(JSON.stringify({ notes: files.length, bytes, importMs: Math.round(imported - started), renderMs: Math.round(done - imported) }));
