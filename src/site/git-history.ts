// What git knows about the notes, for each note page's "GitHub에서 편집" link and last-updated
// date (src/components/NoteMeta.astro). One `git log` over the content directory per build (not
// one process per page): the newest commit touching each file gives its date, exactly what
// `git log -1 --format=%cI -- <file>` gives. Without history (a shallow clone, where every file
// would get the clone's one commit date, or no git repository at all) there are no dates, never
// wrong ones, and the build says so once.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** Runs git in `cwd` and returns stdout; throws when git fails or is missing. */
export type GitRunner = (args: string[], cwd: string) => string;

export const runGit: GitRunner = (args, cwd) =>
  execFileSync('git', ['-c', 'core.quotepath=off', '-c', 'log.showSignature=false', ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });

export interface GitHistory {
  /** The repository's top-level directory, when the content is in a git repository. */
  root?: string;
  /** Why there are no last-updated dates; undefined when there are. */
  noDates?: string;
  /** Last commit date (`%cI`, ISO 8601 with the committer's offset) per repo-relative path (NFC). */
  dates: Map<string, string>;
  /** Repo-relative paths exactly as git stores them (a macOS NFD name stays NFD), keyed by NFC. */
  paths: Map<string, string>;
}

const nfc = (p: string) => p.normalize('NFC');

/** Parses `git log -z --name-only --format=%x1e%cI` output: newest commit first. */
export function parseLogDates(output: string): Map<string, string> {
  const dates = new Map<string, string>();
  for (const chunk of output.split('\x1e')) {
    const end = chunk.indexOf('\0');
    if (end < 0) continue;
    const date = chunk.slice(0, end).trim();
    for (const name of chunk.slice(end + 1).split('\0')) {
      const file = name.replace(/^\n/, '');
      if (file && !dates.has(nfc(file))) dates.set(nfc(file), date);
    }
  }
  return dates;
}

/** Reads the history of every file below `contentDir` (two or three git processes in all). */
export function readGitHistory(contentDir: string, git: GitRunner = runGit): GitHistory {
  let root: string;
  let shallow: boolean;
  try {
    const [top, isShallow] = git(['rev-parse', '--show-toplevel', '--is-shallow-repository'], contentDir).trim().split('\n');
    root = path.resolve(top!.trim());
    shallow = isShallow?.trim() === 'true';
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT' && !(error as { status?: number }).status;
    const why = missing ? 'git is not installed or the content directory is missing' : `${contentDir} is not in a git repository`;
    return { noDates: why, dates: new Map(), paths: new Map() };
  }
  const rel = path.relative(root, contentDir).split(path.sep).join('/') || '.';
  const paths = new Map<string, string>();
  try {
    for (const file of git(['ls-files', '-z', '--full-name', '--', rel], root).split('\0')) {
      if (file) paths.set(nfc(file), file);
    }
  } catch {
    // Paths fall back to the files' own names.
  }
  if (shallow) {
    return {
      root,
      noDates: 'the repository is a shallow clone (check it out with its full history, e.g. actions/checkout with fetch-depth: 0)',
      dates: new Map(),
      paths,
    };
  }
  try {
    const dates = parseLogDates(git(['log', '-z', '--name-only', '--format=%x1e%cI', '--', rel], root));
    if (dates.size === 0 && paths.size > 0) return { root, noDates: 'the notes have no commits yet', dates, paths };
    return { root, dates, paths };
  } catch (error) {
    return { root, noDates: `git log failed: ${String((error as Error).message).split('\n')[0]}`, dates: new Map(), paths };
  }
}

/** `2026-11-27T18:33:00+09:00` → `2026년 11월 27일` (the committer's own calendar date). */
export function formatKoreanDate(iso: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return undefined;
  return `${m[1]}년 ${Number(m[2])}월 ${Number(m[3])}일`;
}

/** Percent-encodes each segment of a path (Korean names, spaces, `#`, `?`), keeping the slashes. */
export function encodePath(p: string): string {
  return p
    .split('/')
    .filter((s) => s !== '')
    .map((s) => encodeURIComponent(s))
    .join('/');
}

/** GitHub's editor for `file` (repo-relative) on `branch`: `<repo>/edit/<branch>/<file>`. */
export function editUrl(repository: string, branch: string, file: string): string {
  return `${repository.replace(/\/+$/, '')}/edit/${encodePath(branch)}/${encodePath(file)}`;
}

type Env = Record<string, string | undefined>;

/**
 * The branch edit links point at: NOTES_REPO_BRANCH; in GitHub Actions the branch being built
 * (the deploy workflow builds the default branch); else the remote's default branch
 * (origin/HEAD); else the checked-out branch; else `main`.
 */
export function resolveBranch(root: string | undefined, env: Env = process.env, git: GitRunner = runGit): string {
  const configured = env.NOTES_REPO_BRANCH?.trim();
  if (configured) return configured;
  if (env.GITHUB_ACTIONS === 'true' && env.GITHUB_REF?.startsWith('refs/heads/')) return env.GITHUB_REF.slice('refs/heads/'.length);
  if (root) {
    for (const args of [['symbolic-ref', '--short', 'refs/remotes/origin/HEAD'], ['symbolic-ref', '--short', 'HEAD']]) {
      try {
        const ref = git(args, root).trim();
        if (ref) return ref.replace(/^origin\//, '');
      } catch {
        // next
      }
    }
  }
  return 'main';
}

export interface NoteGitInfo {
  /** "GitHub에서 편집" target, when a repository is configured. */
  editUrl?: string;
  /** ISO 8601 date of the last commit touching the note. */
  updated?: string;
  /** `updated` as shown: `2026년 11월 27일`. */
  updatedText?: string;
}

export interface NoteGitOptions {
  repository?: string | undefined;
  branch: string;
  /** Where paths are taken from when the notes are not in a git repository (see fallbackRoot). */
  fallbackRoot: string;
}

/** The edit link and date for the note file at `absoluteFile`. */
export function noteGitInfo(history: GitHistory, absoluteFile: string, options: NoteGitOptions): NoteGitInfo {
  const base = history.root ?? options.fallbackRoot;
  const relative = nfc(path.relative(base, absoluteFile).split(path.sep).join('/'));
  const info: NoteGitInfo = {};
  if (options.repository) info.editUrl = editUrl(options.repository, options.branch, history.paths.get(relative) ?? relative);
  const updated = history.noDates ? undefined : history.dates.get(relative);
  if (updated) {
    info.updated = updated;
    const text = formatKoreanDate(updated);
    if (text) info.updatedText = text;
  }
  return info;
}

/**
 * Outside git, edit paths are taken from the project root (`content/…`, as in the repository),
 * or from the content directory's parent when the notes live elsewhere.
 */
export function fallbackRoot(contentDir: string, projectRoot: string): string {
  const rel = path.relative(projectRoot, contentDir);
  return rel.startsWith('..') || path.isAbsolute(rel) ? path.dirname(contentDir) : projectRoot;
}

let cached: { key: string; history: GitHistory; branch: string } | undefined;

/**
 * This process's history for `contentDir`, read once (then cached), logging once why there are
 * no dates when there are none.
 */
export function gitHistoryOnce(
  contentDir: string,
  log: (message: string) => void = (m) => console.warn(m),
): { history: GitHistory; branch: string } {
  if (cached?.key !== contentDir) {
    const history = readGitHistory(contentDir);
    cached = { key: contentDir, history, branch: resolveBranch(history.root) };
    if (history.noDates) log(`[notes-git] last-updated dates left out: ${history.noDates}`);
  }
  return cached;
}
