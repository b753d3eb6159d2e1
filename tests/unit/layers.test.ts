// The layers of src/ (the table in src/README.md): every import under src/ and scripts/ goes to
// the importer's own folder or a lower layer, and no files import each other in a cycle
// (type-only imports aside).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SRC = path.join(ROOT, 'src');

/** `| rank | folder | … |` rows of src/README.md: folder (or top-level file) → rank. */
function layerTable(): Map<string, number> {
  const table = new Map<string, number>();
  for (const line of readFileSync(path.join(SRC, 'README.md'), 'utf8').split('\n')) {
    const match = /^\|\s*(\d+)\s*\|\s*([\w.-]+)\s*\|/.exec(line);
    if (match) table.set(match[2]!, Number(match[1]));
  }
  return table;
}

interface Import {
  /** Absolute path of the imported file. */
  target: string;
  typeOnly: boolean;
  /** `new Worker(new URL('./x.ts', import.meta.url))`: a thread started from the file, not an import (no cycle). */
  worker?: boolean;
  line: number;
}

const SOURCE = /\.(ts|mts|mjs|js|astro)$/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && SOURCE.test(d.name))
    .map((d) => path.join(d.parentPath, d.name));
}

function resolveSpecifier(from: string, specifier: string): string | undefined {
  const bare = specifier.split('?')[0]!;
  const base = path.resolve(path.dirname(from), bare);
  for (const candidate of [base, `${base}.ts`, `${base}.astro`, `${base}.mjs`, path.join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

// `import … from '…'`, `import '…'`, `export … from '…'`, `import('…')`, `new URL('…', import.meta.url)`.
const STATIC = /^\s*(import|export)\s+(type\s+)?(?:[^'"]*?\sfrom\s+)?(['"])(\.{1,2}\/[^'"]+)\3/gm;
const DYNAMIC = /(\bimport\s*\(\s*|new\s+URL\s*\(\s*)(['"])(\.{1,2}\/[^'"]+)\2/g;

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const found: Import[] = [];
  const lineAt = (index: number) => text.slice(0, index).split('\n').length;
  const add = (specifier: string, typeOnly: boolean, index: number, worker = false) => {
    const target = resolveSpecifier(file, specifier);
    // `new URL('../../', import.meta.url)`: a folder, not a module.
    if (!target && existsSync(path.resolve(path.dirname(file), specifier))) return;
    if (!target) throw new Error(`${path.relative(ROOT, file)}:${lineAt(index)}: cannot resolve ${specifier}`);
    found.push({ target, typeOnly, line: lineAt(index), ...(worker ? { worker } : {}) });
  };
  for (const m of text.matchAll(STATIC)) {
    // `import { type A, type B } from` is type-only too.
    const names = /\{([^}]*)\}/.exec(m[0])?.[1];
    const allTypes = names !== undefined && names.split(',').every((n) => n.trim() === '' || /^type\s/.test(n.trim())) && !/^\s*import\s+\w+\s*,/.test(m[0]);
    add(m[4]!, Boolean(m[2]) || allTypes, m.index);
  }
  for (const m of text.matchAll(DYNAMIC)) add(m[3]!, false, m.index, m[1]!.startsWith('new'));
  return found;
}

/** The layer a file under src/ belongs to: its first path segment below src/. */
function layerOf(file: string): string {
  return path.relative(SRC, file).split(path.sep)[0]!;
}

const rel = (file: string) => path.relative(ROOT, file).split(path.sep).join('/');

describe('layers of src/', () => {
  const table = layerTable();
  const srcFiles = filesUnder(SRC);
  const scriptFiles = filesUnder(path.join(ROOT, 'scripts'));
  const graph = new Map<string, Import[]>([...srcFiles, ...scriptFiles].map((f) => [f, importsOf(f)]));

  it('src/README.md declares a layer for every folder and file of src/', () => {
    expect(table.size).toBeGreaterThan(5);
    const undeclared = [...new Set(srcFiles.map(layerOf))].filter((layer) => !table.has(layer));
    expect(undeclared).toEqual([]);
  });

  it('imports go only to the same folder or to a lower layer', () => {
    const wrong: string[] = [];
    for (const file of srcFiles) {
      const from = layerOf(file);
      for (const imp of graph.get(file)!) {
        const inSrc = !path.relative(SRC, imp.target).startsWith('..');
        if (!inSrc) {
          // Only the project's own settings file may be read from outside src/.
          if (rel(imp.target) !== 'site.config.ts') wrong.push(`${rel(file)}:${imp.line} imports ${rel(imp.target)} (outside src/)`);
          continue;
        }
        const to = layerOf(imp.target);
        if (to === from) continue;
        if (!(table.get(to)! < table.get(from)!)) wrong.push(`${rel(file)}:${imp.line} (${from}) imports ${rel(imp.target)} (${to})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('the command-line tools in scripts/ use the layers below Astro only', () => {
    const top = Math.max(...table.values());
    const wrong: string[] = [];
    for (const file of scriptFiles) {
      for (const imp of graph.get(file)!) {
        if (path.relative(SRC, imp.target).startsWith('..')) continue;
        if (table.get(layerOf(imp.target)) === top) wrong.push(`${rel(file)}:${imp.line} imports ${rel(imp.target)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('no files import each other in a cycle (type-only imports aside)', () => {
    // Tarjan's strongly connected components over value imports.
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const cycles: string[][] = [];
    let counter = 0;
    const visit = (node: string): void => {
      index.set(node, counter);
      low.set(node, counter);
      counter++;
      stack.push(node);
      onStack.add(node);
      for (const imp of graph.get(node) ?? []) {
        if (imp.typeOnly || imp.worker || !graph.has(imp.target)) continue;
        if (imp.target === node) cycles.push([rel(node)]);
        else if (!index.has(imp.target)) {
          visit(imp.target);
          low.set(node, Math.min(low.get(node)!, low.get(imp.target)!));
        } else if (onStack.has(imp.target)) low.set(node, Math.min(low.get(node)!, index.get(imp.target)!));
      }
      if (low.get(node) === index.get(node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(rel(member));
        } while (member !== node);
        if (component.length > 1) cycles.push(component.sort());
      }
    };
    for (const node of graph.keys()) if (!index.has(node)) visit(node);
    expect(cycles).toEqual([]);
  });

  it('finds the imports it checks (the parser is not silently reading nothing)', () => {
    const processor = graph.get(path.join(SRC, 'markdown/processor.ts'))!.map((i) => rel(i.target));
    expect(processor).toContain('src/markdown/pipeline.ts');
    expect(processor).toContain('src/core/run-mode.ts');
    const page = graph.get(path.join(SRC, 'pages/[...slug].astro'))!.map((i) => rel(i.target));
    expect(page).toContain('src/page-data/note-page.ts');
    const check = graph.get(path.join(SRC, 'commands/check.ts'))!;
    expect(check.map((i) => rel(i.target))).toContain('src/commands/check-note.ts');
    const renderData = graph.get(path.join(SRC, 'notes/render-data.ts'))!;
    expect(renderData.every((i) => i.typeOnly)).toBe(true);
  });
});
