// Where a link written in a note leads, with the note graph (src/notes/note-graph.ts): relative file
// paths as GitHub resolves them (`./other.md#제목`, `../section/note.mdx`, `폴더/노트.md`,
// percent-encoded or not, NFC or NFD), site paths (`/llm-소개/`, with or without the base), and
// what is wrong when it leads nowhere. Used by the note-link plugin (rewrite + diagnostics).
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { nearest } from '../core/edit-distance.ts';
import { diagnostics, type Diagnostic } from '../core/diagnostics.ts';
import { elsewhereUsed, NOTE_FILE, noteIds, noteUsed, type GraphNote, type NoteGraph } from './note-graph.ts';
import { isLandingFile, RESERVED_FIRST_SEGMENTS } from './note-path.ts';
import { readRenderData } from './render-data.ts';
import { publicDir as publicDirOf } from '../core/project.ts';
import { withBase } from '../core/site-address.ts';

/** URL path below the base where the content directory's other files (attachments) are served. */
export const FILES_SEGMENT = '_files';

export interface LinkContext {
  graph: NoteGraph;
  /** The linking note (absolute path). */
  from: string;
  /** The site's base (`/`, `/repo/`). */
  base: string;
  /** Keep draft notes (dev server): a link to a draft is fine then. */
  includeDrafts: boolean;
  /** The project's public/ directory (files served at the base as they are). */
  publicDir?: string;
  /**
   * Leave `#fragment`s into other notes to be checked once every note has rendered (the build:
   * each page knows its own ids then, so no note is parsed again for them): the link resolves
   * with a `check` to keep and pass to fragmentProblem later.
   */
  deferFragments?: boolean;
}

/** A link to a `#fragment` of another note: what checking it later needs. */
export interface FragmentCheck {
  /** The linked note, relative to the content directory (NFC). */
  target: string;
  /** Decoded, NFC. */
  fragment: string;
  /** The link as written. */
  written: string;
  /** The linked note's path from the linking note (for the hint when the link has no path). */
  fallbackPath: string;
  /** The linked note as messages name it. */
  label: string;
}

export interface LinkProblem {
  kind: 'problem';
  code:
    | 'missing-note'
    | 'missing-heading'
    | 'missing-file'
    | 'link-outside-content'
    | 'absolute-path'
    | 'broken-site-link'
    | 'draft-link'
    | 'folder-link';
  message: string;
  hint?: string;
}

export type ResolvedLink =
  /** Another site, a mail address, …: left alone. */
  | { kind: 'external' }
  /** `#fragment` on the same page: remark-check-fragments checks it. */
  | { kind: 'same-page' }
  /** A note's page (`fragment`: decoded, NFC, an id on that page, or still to be checked: `check`). */
  | { kind: 'note'; note: GraphNote; href: string; fragment?: string; check?: FragmentCheck }
  /** Another file under the content directory: `relFromNote` is its path from the linking note, as on disk. */
  | { kind: 'file'; file: string; relPath: string; relFromNote: string; href: string }
  /** A page or file of the site that is not a note (home, public/, generated assets). */
  | { kind: 'site'; href: string }
  | LinkProblem;

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const WINDOWS_PATH = /^[a-z]:[\\/]/i;
/** Where files live on a computer, never a page of the site: `/Users/…`, `/home/…`. */
const FS_ROOT = /^\/(?:Users|home|root|tmp|var|mnt|media|Volumes|private|etc|opt|usr)\//;

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Split `a/b.md?x#y` into path, and decoded NFC fragment (undefined when there is no `#`). */
export function splitUrl(url: string): { pathPart: string; fragment: string | undefined; rawFragment: string | undefined } {
  const hash = url.indexOf('#');
  const beforeHash = hash === -1 ? url : url.slice(0, hash);
  const rawFragment = hash === -1 ? undefined : url.slice(hash + 1);
  const query = beforeHash.indexOf('?');
  const pathPart = query === -1 ? beforeHash : beforeHash.slice(0, query);
  const fragment = rawFragment === undefined ? undefined : decodeSegment(rawFragment).normalize('NFC');
  return { pathPart, fragment, rawFragment };
}

/** Decode a path written in a link, segment by segment; posix separators; NFC. */
function decodePath(pathPart: string): string {
  return pathPart.replaceAll('\\', '/').split('/').map(decodeSegment).join('/').normalize('NFC');
}

function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Encode a relPath as a URL path (each segment). */
function encodePath(relPath: string): string {
  return relPath.split('/').map(encodeURIComponent).join('/');
}

function noteHref(note: GraphNote, base: string, fragment?: string): string {
  return `${withBase(base, `${note.id}/`)}${fragment !== undefined && fragment !== '' ? `#${fragment}` : ''}`;
}

/** A relative path from one content relPath's folder to another relPath, as a note would write it. */
function relativeFrom(fromRel: string, toRel: string): string {
  const rel = path.posix.relative(path.posix.dirname(fromRel), toRel);
  return rel.startsWith('../') ? rel : `./${rel}`;
}

/** A note as messages name it: `content/02-대상.md` (the notes folder and the path in it). */
function label(graph: NoteGraph, relPath: string): string {
  return path.posix.join(path.basename(graph.contentDir), relPath);
}

/** A link to a note: published, and its fragment an id on its page; the resolved link or the problem. */
function withFragment(
  note: GraphNote,
  written: string,
  fragment: string | undefined,
  context: LinkContext,
  fromRel: string,
): ResolvedLink {
  noteUsed(note);
  if (note.id === undefined) {
    return { kind: 'problem', code: 'missing-note', message: `link ${written} leads to ${label(context.graph, note.relPath)}, which has no page (see its own error)` };
  }
  if (note.draft && !context.includeDrafts) {
    return {
      kind: 'problem',
      code: 'draft-link',
      message: `link ${written} leads to ${label(context.graph, note.relPath)}, a draft (\`draft: true\`) that production builds leave out`,
      hint: 'publish that note (remove `draft: true`) or remove the link',
    };
  }
  const resolved = { kind: 'note', note, href: noteHref(note, context.base, fragment), ...(fragment ? { fragment } : {}) } as const;
  if (fragment !== undefined && fragment !== '') {
    const check: FragmentCheck = {
      target: note.relPath,
      fragment,
      written,
      fallbackPath: relativeFrom(fromRel, note.relPath),
      label: label(context.graph, note.relPath),
    };
    if (context.deferFragments) return { ...resolved, check };
    const problem = fragmentProblem(noteIds(note), check);
    if (problem) return problem;
  }
  return resolved;
}

/** A fragment check kept with the rendered linking note, and where the link is in it. */
export interface KeptFragmentCheck extends FragmentCheck {
  at: Pick<Diagnostic, 'file' | 'line' | 'column'>;
}

/**
 * Check the `#fragment` links a rendered note kept (remark-note-links `deferFragments`) against the
 * ids of the pages they lead to, and report the broken ones as the immediate check would.
 */
export function replayFragmentChecks(frontmatter: Record<string, unknown> | undefined, idsOf: (target: string) => ReadonlySet<string>): void {
  const kept = readRenderData(frontmatter).noteFragmentChecks;
  if (!Array.isArray(kept)) return;
  for (const check of kept) {
    const problem = fragmentProblem(idsOf(check.target), check);
    if (problem) diagnostics.report({ severity: 'warning', ...check.at, code: problem.code, message: problem.message, ...(problem.hint ? { hint: problem.hint } : {}) });
  }
}

/** What is wrong with a link to `#fragment` of a note whose page has these ids (nothing: it is there). */
export function fragmentProblem(ids: ReadonlySet<string>, check: FragmentCheck): LinkProblem | undefined {
  if (ids.has(check.fragment)) return undefined;
  const close = nearest(check.fragment, [...ids]);
  const pathPart = check.written.split('#')[0] ?? '';
  return {
    kind: 'problem',
    code: 'missing-heading',
    message: `link ${check.written}: ${check.label} has no heading #${check.fragment}`,
    hint: close ? `did you mean ${pathPart || check.fallbackPath}#${close}?` : `check the headings of ${check.label}`,
  };
}

function nearestNote(target: string, fromRel: string, graph: NoteGraph): string | undefined {
  const candidates = graph.notes.map((n) => relativeFrom(fromRel, n.relPath));
  const written = target.startsWith('.') ? target : `./${target}`;
  return nearest(written, candidates);
}

/** Resolve a relPath (NFC, inside the content directory) written as `written`. */
function resolveContentPath(
  relPath: string,
  written: string,
  fragment: string | undefined,
  context: LinkContext,
  fromRel: string,
): ResolvedLink {
  const { graph } = context;
  const clean = relPath.replace(/\/+$/, '');
  if (NOTE_FILE.test(clean)) {
    const note = graph.byRelPath.get(clean);
    if (note) return withFragment(note, written, fragment, context, fromRel);
    const close = nearestNote(clean, fromRel, graph);
    return {
      kind: 'problem',
      code: 'missing-note',
      message: `link ${written} leads to no note (looked for ${path.posix.join(path.basename(graph.contentDir), clean)})`,
      hint: close ? `did you mean ${close}?` : 'check the file name and folder (paths are relative to this note, as on GitHub)',
    };
  }
  const file = graph.files.get(clean);
  if (file) {
    const relFromNote = path.relative(path.dirname(context.from), file).split(path.sep).join('/');
    return { kind: 'file', file, relPath: clean, relFromNote, href: withBase(context.base, `${FILES_SEGMENT}/${encodePath(clean)}`) };
  }
  if (graph.folders.has(clean)) {
    // The folder's landing page, by the rule that gives it the folder's URL (two would clash there).
    const index = graph.notes
      .filter((n) => path.posix.dirname(n.relPath) === (clean || '.') && isLandingFile(path.posix.basename(n.relPath)))
      .sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0))[0];
    if (index) return withFragment(index, written, fragment, context, fromRel);
    return {
      kind: 'problem',
      code: 'folder-link',
      message: `link ${written} leads to a folder; the site has a page for each note, not for folders`,
      hint: 'link to a note in that folder (e.g. ./folder/01-first-note.md)',
    };
  }
  const candidates = [...graph.files.keys(), ...graph.notes.map((n) => n.relPath)].map((r) => relativeFrom(fromRel, r));
  const close = nearest(written.startsWith('.') ? written : `./${written}`, candidates);
  return {
    kind: 'problem',
    code: 'missing-file',
    message: `link ${written} leads to no file (looked for ${path.posix.join(path.basename(graph.contentDir), clean)})`,
    hint: close ? `did you mean ${close}?` : 'check the file name and folder (paths are relative to this note, as on GitHub)',
  };
}

/** Resolve a link or image URL written in a note. */
export function resolveLink(url: string, context: LinkContext): ResolvedLink {
  const { graph } = context;
  const written = url.trim();
  const fromRel = path.relative(graph.contentDir, context.from).split(path.sep).join('/').normalize('NFC');
  if (written === '' || written.startsWith('#')) return { kind: 'same-page' };
  if (WINDOWS_PATH.test(written) || /^file:/i.test(written)) {
    return absolutePathProblem(written);
  }
  if (SCHEME.test(written) || written.startsWith('//')) return { kind: 'external' };
  const { pathPart, fragment } = splitUrl(written);
  const decoded = decodePath(pathPart);
  if (decoded === '') return { kind: 'same-page' };
  if (decoded.startsWith('/')) return resolveSitePath(decoded, written, fragment, context, fromRel);
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(fromRel), decoded));
  if (target === '..' || target.startsWith('../')) {
    return {
      kind: 'problem',
      code: 'link-outside-content',
      message: `link ${written} leaves the notes folder (${path.basename(graph.contentDir)}/); the site publishes only what is inside it`,
      hint: 'move the file into the notes folder, or link to it with a full https:// URL',
    };
  }
  return resolveContentPath(target === '.' ? '' : target, written, fragment, context, fromRel);
}

function absolutePathProblem(written: string): LinkProblem {
  return {
    kind: 'problem',
    code: 'absolute-path',
    message: `link ${written} is a path on your computer; readers of the site (and GitHub) cannot open it`,
    hint: 'write the path relative to this note (e.g. ./images/fig.png or ../section/note.md)',
  };
}

/** A link starting with `/`: a page of the site (with or without the base), or a repository path. */
function resolveSitePath(
  decoded: string,
  written: string,
  fragment: string | undefined,
  context: LinkContext,
  fromRel: string,
): ResolvedLink {
  elsewhereUsed(); // public/ and the project's files decide what such a link is
  const { graph, base } = context;
  const root = graph.root;
  // A path inside the project written absolutely (a file-system path of this machine).
  if (isInside(root, decoded) && decoded !== '/' && existsSync(decoded)) return absolutePathProblem(written);
  // GitHub resolves `/content/a.md` from the repository's root.
  if (NOTE_FILE.test(decoded.replace(/\/+$/, ''))) {
    const inRepo = path.join(root, decoded);
    if (isInside(graph.contentDir, inRepo)) {
      return resolveContentPath(path.relative(graph.contentDir, inRepo).split(path.sep).join('/').normalize('NFC'), written, fragment, context, fromRel);
    }
    if (existsSync(decoded) || FS_ROOT.test(decoded)) return absolutePathProblem(written);
    return {
      kind: 'problem',
      code: 'link-outside-content',
      message: `link ${written} leads outside the notes folder (${path.basename(graph.contentDir)}/); the site publishes only what is inside it`,
      hint: 'link to a note inside the notes folder, relative to this note (e.g. ./note.md)',
    };
  }
  const baseNoSlash = base.replace(/\/$/, '');
  const below = base !== '/' && (decoded === baseNoSlash || decoded.startsWith(base)) ? decoded.slice(baseNoSlash.length) : decoded;
  const pagePath = below.replace(/^\/+/, '');
  const id = pagePath.replace(/\/+$/, '').replace(/\/index\.html$/, '');
  const suffix = fragment !== undefined && fragment !== '' ? `#${fragment}` : '';
  if (id === '' || id === 'index.html') return { kind: 'site', href: `${withBase(base)}${suffix}` };
  const note = graph.byId.get(id);
  if (note) return withFragment(note, written, fragment, context, fromRel);
  const first = pagePath.split('/')[0] ?? '';
  if (first === FILES_SEGMENT) {
    const rel = pagePath.slice(FILES_SEGMENT.length + 1);
    const file = graph.files.get(rel);
    if (file) {
      const relFromNote = path.relative(path.dirname(context.from), file).split(path.sep).join('/');
      return { kind: 'file', file, relPath: rel, relFromNote, href: withBase(base, `${FILES_SEGMENT}/${encodePath(rel)}`) };
    }
  } else if ((RESERVED_FIRST_SEGMENTS as readonly string[]).includes(first) || pagePath === '404.html') {
    return { kind: 'site', href: `${withBase(base, pagePath)}${suffix}` };
  }
  const publicDir = context.publicDir ?? publicDirOf(process.env, root);
  const inPublic = path.join(publicDir, pagePath);
  if (isInside(publicDir, inPublic) && pagePath !== '' && existsSync(inPublic) && statSync(inPublic).isFile()) {
    return { kind: 'site', href: `${withBase(base, pagePath)}${suffix}` };
  }
  if (FS_ROOT.test(decoded) || (existsSync(decoded) && !isInside(root, decoded))) return absolutePathProblem(written);
  const close = nearest(id, [...graph.byId.keys()]);
  return {
    kind: 'problem',
    code: 'broken-site-link',
    message: `link ${written} leads to no page of this site`,
    hint: close ? `did you mean ${withBase(base, `${close}/`)}? (or link to the note's file, e.g. ./note.md)` : "link to the note's file relative to this note (e.g. ./note.md), as on GitHub",
  };
}
