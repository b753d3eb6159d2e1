// The author's Markdown All in One (MAIO) settings, read from where VS Code keeps them in a
// repository: `.vscode/settings.json` (the opened folder's settings) and `*.code-workspace` files
// (a workspace's `settings`), both JSON with comments and trailing commas. They are looked for in
// the notes folder (the note's own folder for a note outside it) and every folder above it, up to
// the repository root (the folder holding `.git`); the nearest of each kind is used, and a
// workspace file's values win over the folder's, as VS Code gives window settings in a workspace.
// User settings are not in the repository: then the note's own TOC block tells its style.

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { Diagnostic } from '../core/diagnostics.ts';
import { displayPath } from '../core/project.ts';
import { runMode } from '../core/run-mode.ts';
import type { NoteTocSettings } from '../syntax/toc-plan.ts';
import type { ListMarker, TocStyleSettings } from '../syntax/toc-style.ts';

export interface MaioSettings {
  settings: NoteTocSettings;
  /** Unusable values and unreadable files, with file and line. */
  problems: Diagnostic[];
  /** The settings files read (absolute). */
  files: string[];
}

interface SettingsFile {
  file: string;
  kind: 'folder' | 'workspace';
  /** Flat `key → value` settings (`[markdown]` overrides kept under that key). */
  values: Record<string, unknown>;
  /** The folders relative `omittedFromToc` paths resolve against (MAIO: the note's workspace folder). */
  folders: string[];
  text: string;
  problems: Diagnostic[];
}

const SETTINGS = path.join('.vscode', 'settings.json');
const parsed = new Map<string, { stamp: string; value: SettingsFile }>();

/**
 * The folders searched for settings, nearest first: `start` and its parents up to the repository
 * root. `NOTES_MAIO_SETTINGS_STOP` (an absolute folder) leaves out that folder and those above it:
 * the tests set it to the project root, so an author's own settings never change what they expect.
 */
export function settingsFolders(start: string, stop: string | undefined = process.env.NOTES_MAIO_SETTINGS_STOP): string[] {
  const folders: string[] = [];
  const limit = stop ? path.resolve(stop) : undefined;
  // `dir` is the stop folder or one of its parents.
  const atOrAbove = (dir: string) => {
    if (limit === undefined) return false;
    const rel = path.relative(dir, limit);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  };
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (atOrAbove(dir)) return folders;
    folders.push(dir);
    if (existsSync(path.join(dir, '.git')) || path.dirname(dir) === dir) return folders;
  }
}

/** Every settings file that can apply to notes under `start` (for cache keys). */
export function settingsFiles(start: string): string[] {
  return settingsAbove(start).flatMap(({ folder, workspaces }) => [...(folder ? [folder] : []), ...workspaces]);
}

interface FolderSettings {
  /** The folder's `.vscode/settings.json`, if it has one. */
  folder: string | undefined;
  /** Its `*.code-workspace` files, sorted. */
  workspaces: string[];
}

const found = new Map<string, FolderSettings[]>();

/**
 * The settings files in each folder searched from `start` (settingsFolders), nearest first. A
 * build looks once per folder: nothing adds or removes them while it runs, and each note looking
 * again took three file-system calls per folder up to the root. The dev server always looks.
 */
function settingsAbove(start: string): FolderSettings[] {
  const memo = runMode() === 'build';
  const key = `${path.resolve(start)}\0${process.env.NOTES_MAIO_SETTINGS_STOP ?? ''}`;
  const known = memo ? found.get(key) : undefined;
  if (known) return known;
  const result = settingsFolders(start).map((dir) => ({
    folder: existsSync(path.join(dir, SETTINGS)) ? path.join(dir, SETTINGS) : undefined,
    workspaces: workspaceFiles(dir),
  }));
  if (memo) found.set(key, result);
  return result;
}

/** A hash of the settings files that can apply to notes under `start`: their paths and bytes. */
export function settingsFingerprint(start: string): string {
  const hash = createHash('sha1');
  for (const file of settingsFiles(start)) {
    let bytes: Buffer | string = '';
    try {
      bytes = readFileSync(file);
    } catch {
      // unreadable: hashed as empty
    }
    hash.update(`${file}\0`).update(bytes).update('\n');
  }
  return hash.digest('hex');
}

function workspaceFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith('.code-workspace'))
      .sort()
      .map((name) => path.join(dir, name));
  } catch {
    return [];
  }
}

/**
 * The MAIO settings for one note. `contentDir`: the notes folder; settings are looked for from
 * there up (or from the note's own folder when it lies outside).
 */
export function maioSettingsFor(note: string, contentDir?: string): MaioSettings {
  const absolute = path.resolve(note);
  const inside = contentDir !== undefined && !path.relative(path.resolve(contentDir), absolute).startsWith('..');
  const start = inside && contentDir ? path.resolve(contentDir) : path.dirname(absolute);
  let folder: SettingsFile | undefined;
  let workspace: SettingsFile | undefined;
  for (const candidates of settingsAbove(start)) {
    if (!folder && candidates.folder) folder = readSettings(candidates.folder, 'folder');
    if (!workspace) {
      // The nearest workspace file that holds the note in one of its folders.
      for (const file of candidates.workspaces) {
        const read = readSettings(file, 'workspace');
        if (read.folders.some((f) => contains(f, absolute))) {
          workspace = read;
          break;
        }
      }
    }
    if (folder && workspace) break;
  }
  const sources = [folder, workspace].filter((s): s is SettingsFile => s !== undefined);
  const problems = sources.flatMap((s) => s.problems);
  const settings = toTocSettings(sources, absolute, problems);
  return { settings, problems, files: sources.map((s) => s.file) };
}

function contains(folder: string, file: string): boolean {
  const rel = path.relative(folder, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

function readSettings(file: string, kind: SettingsFile['kind']): SettingsFile {
  let stamp = '';
  try {
    const s = statSync(file);
    stamp = `${s.mtimeMs}:${s.size}:${s.ino}`;
  } catch {
    // gone: read below reports it
  }
  const cached = parsed.get(file);
  if (cached && cached.stamp === stamp) return cached.value;
  const value = parseSettings(file, kind);
  parsed.set(file, { stamp, value });
  return value;
}

function parseSettings(file: string, kind: SettingsFile['kind']): SettingsFile {
  const display = displayPath(file);
  const result: SettingsFile = { file, kind, values: {}, folders: [], text: '', problems: [] };
  try {
    result.text = readFileSync(file, 'utf8');
  } catch (error) {
    result.problems.push({ severity: 'warning', file: display, code: 'maio-settings', message: `cannot read the settings file: ${(error as Error).message}` });
    return result;
  }
  const errors: ParseError[] = [];
  const json = parse(result.text, errors, { allowTrailingComma: true, disallowComments: false }) as unknown;
  for (const error of errors.slice(0, 1)) {
    result.problems.push({
      severity: 'warning',
      file: display,
      line: lineAt(result.text, error.offset),
      code: 'maio-settings',
      message: `not valid JSON (${printParseErrorCode(error.error)}): the Markdown All in One settings in it are ignored`,
      hint: 'VS Code reads JSON with comments and trailing commas; fix the syntax there',
    });
  }
  if (errors.length > 0 || typeof json !== 'object' || json === null) return result;
  const object = json as Record<string, unknown>;
  if (kind === 'folder') {
    result.values = object;
    // The folder opened is the one holding `.vscode`.
    result.folders = [path.dirname(path.dirname(file))];
  } else {
    result.values = (typeof object.settings === 'object' && object.settings !== null ? object.settings : {}) as Record<string, unknown>;
    const folders = Array.isArray(object.folders) ? object.folders : [];
    // Workspace folders are relative to the workspace file.
    result.folders = folders
      .map((f) => (typeof f === 'object' && f !== null && typeof (f as { path?: unknown }).path === 'string' ? (f as { path: string }).path : undefined))
      .filter((p): p is string => p !== undefined)
      .map((p) => path.resolve(path.dirname(file), p));
  }
  return result;
}

function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split(/\r\n|\r|\n/).length;
}

const KEY = 'markdown.extension.';

/** The TOC settings for one note from its settings files (later ones win). */
function toTocSettings(sources: readonly SettingsFile[], note: string, problems: Diagnostic[]): NoteTocSettings {
  const style: TocStyleSettings = {};
  const out: NoteTocSettings = {};
  const omitted: Array<{ depth: number; text: string }> = [];
  let insertSpaces: boolean | undefined;
  let tabSize: number | undefined;
  let detectIndentation: boolean | undefined;
  let indentationSize: string | undefined;
  for (const source of sources) {
    const v = source.values;
    const warn = (key: string, message: string) =>
      problems.push({
        severity: 'warning',
        file: displayPath(source.file),
        line: lineOfKey(source.text, key),
        code: 'maio-settings',
        message: `\`${key}\`: ${message}`,
      });
    const levels = v[`${KEY}toc.levels`];
    if (levels !== undefined) {
      // MAIO takes `x..y` with digits 1 to 6 and keeps 1..6 for anything else.
      const m = typeof levels === 'string' ? /^([1-6])\.\.([1-6])$/.exec(levels) : null;
      if (m) {
        style.minDepth = Number(m[1]);
        style.maxDepth = Number(m[2]);
      } else warn(`${KEY}toc.levels`, `${JSON.stringify(levels)} is not \`x..y\` with levels 1 to 6; Markdown All in One ignores it, and so does the site`);
    }
    const bool = (key: string, set: (b: boolean) => void) => {
      const value = v[`${KEY}${key}`];
      if (typeof value === 'boolean') set(value);
      else if (value !== undefined) warn(`${KEY}${key}`, 'must be true or false; ignored');
    };
    bool('toc.orderedList', (b) => (style.ordered = b));
    bool('toc.plaintext', (b) => (style.plaintext = b));
    const marker = v[`${KEY}toc.unorderedList.marker`];
    if (marker === '-' || marker === '*' || marker === '+') style.marker = marker as ListMarker;
    else if (marker !== undefined) warn(`${KEY}toc.unorderedList.marker`, 'must be "-", "*" or "+"; ignored');
    const one = v[`${KEY}orderedList.marker`];
    if (one === 'one' || one === 'ordered') style.orderedOne = one === 'one';
    const mode = v[`${KEY}toc.slugifyMode`];
    if (typeof mode === 'string') out.slugifyMode = mode;
    const size = v[`${KEY}list.indentationSize`];
    if (size === 'adaptive' || size === 'inherit') indentationSize = size;
    // Editor settings, with `[markdown]` overriding the general ones.
    const markdown = (typeof v['[markdown]'] === 'object' && v['[markdown]'] !== null ? v['[markdown]'] : {}) as Record<string, unknown>;
    for (const scope of [v, markdown]) {
      if (typeof scope['editor.insertSpaces'] === 'boolean') insertSpaces = scope['editor.insertSpaces'];
      if (typeof scope['editor.tabSize'] === 'number' && scope['editor.tabSize'] > 0) tabSize = Math.floor(scope['editor.tabSize']);
      if (typeof scope['editor.detectIndentation'] === 'boolean') detectIndentation = scope['editor.detectIndentation'];
    }
    const omit = v[`${KEY}toc.omittedFromToc`];
    if (omit !== undefined) {
      if (typeof omit !== 'object' || omit === null || Array.isArray(omit)) {
        warn(`${KEY}toc.omittedFromToc`, 'must be an object such as { "README.md": ["# Introduction"] }; ignored');
      } else {
        for (const [file, headings] of Object.entries(omit as Record<string, unknown>)) {
          if (!appliesTo(file, source, note)) continue;
          if (!Array.isArray(headings)) {
            warn(`${KEY}toc.omittedFromToc`, `the value for ${JSON.stringify(file)} must be a list of headings such as ["## 소개"]; ignored`);
            continue;
          }
          for (const heading of headings) {
            // MAIO's form: the heading's `#`s, blanks, then its text as written.
            const m = typeof heading === 'string' ? /^ {0,3}(#{1,6})[ \t]+(.*)$/.exec(heading) : null;
            if (m) omitted.push({ depth: m[1]!.length, text: m[2]! });
            else warn(`${KEY}toc.omittedFromToc`, `${JSON.stringify(heading)} is not a heading such as "## 소개"; ignored`);
          }
        }
      }
    }
  }
  // The list indentation MAIO takes from the editor: a tab when it indents with tabs; else the
  // editor's tab size with `list.indentationSize: inherit`, or 2 (3 for ordered lists) by default.
  // VS Code detects the editor's indentation from the file unless `editor.detectIndentation` is
  // off, so only then do these settings beat what the TOC block shows.
  let indent: string | undefined;
  if (insertSpaces === false) indent = '\t';
  else if (indentationSize === 'inherit') indent = ' '.repeat(tabSize ?? 4);
  if (indent !== undefined) {
    if (detectIndentation === false) style.indent = indent;
    else style.defaultIndent = indent;
  }
  if (Object.keys(style).length > 0) out.style = style;
  if (omitted.length > 0) out.omittedFromToc = omitted;
  if (sources.length > 0) out.from = sources.map((s) => displayPath(s.file)).join(', ');
  return out;
}

/**
 * Whether an `omittedFromToc` key names this note, as MAIO resolves it: an absolute path as it
 * is; a relative one from the note's workspace folder (the folder holding `.vscode`, or the
 * workspace file's folder that contains the note), none when the note is in no folder.
 */
function appliesTo(key: string, source: SettingsFile, note: string): boolean {
  if (path.isAbsolute(key)) return path.resolve(key) === note;
  const folder = source.folders.filter((f) => contains(f, note)).sort((a, b) => b.length - a.length)[0];
  return folder !== undefined && path.resolve(folder, key) === note;
}

function lineOfKey(text: string, key: string): number | undefined {
  const at = text.indexOf(JSON.stringify(key));
  return at === -1 ? undefined : lineAt(text, at);
}
