// Last-updated dates and edit links from git (src/site/git-history.ts), against real temporary repositories:
// one with history, a shallow clone of it, and a folder outside any repository.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  editUrl,
  fallbackRoot,
  encodePath,
  formatKoreanDate,
  gitHistoryOnce,
  noteGitInfo,
  parseLogDates,
  readGitHistory,
  resolveBranch,
  runGit,
  type GitRunner,
} from '../../src/site/git-history.ts';

const NFD_NAME = '맥-노트.md'.normalize('NFD');
let tmp: string;
let repo: string;
let shallow: string;
let plain: string;

function git(cwd: string, args: string[], date?: string): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: '노트',
      GIT_AUTHOR_EMAIL: 'notes@example.invalid',
      GIT_COMMITTER_NAME: '노트',
      GIT_COMMITTER_EMAIL: 'notes@example.invalid',
      GIT_CONFIG_NOSYSTEM: '1',
      HOME: tmp,
      ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}),
    },
  });
}

function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'notes-git-'));
  repo = path.join(tmp, 'repo');
  mkdirSync(repo);
  git(repo, ['init', '-q', '-b', 'main']);
  write(path.join(repo, 'content/01-llm-소개.md'), '# LLM 소개\n');
  write(path.join(repo, 'content/02-심화/01-트랜스포머 구조.md'), '# 구조\n');
  write(path.join(repo, 'README.md'), 'readme\n');
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '-m', 'first'], '2026-01-05T10:00:00+09:00');
  write(path.join(repo, 'content/01-llm-소개.md'), '# LLM 소개\n\n고침\n');
  write(path.join(repo, 'content', NFD_NAME), '# 맥\n');
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '-m', 'second'], '2026-11-27T23:30:00+09:00');
  // A later commit outside content/ changes no note's date.
  write(path.join(repo, 'README.md'), 'readme 2\n');
  git(repo, ['commit', '-q', '-am', 'readme'], '2026-12-01T09:00:00+09:00');

  shallow = path.join(tmp, 'shallow');
  git(tmp, ['clone', '-q', '--depth', '1', `file://${repo}`, shallow]);
  plain = path.join(tmp, 'plain');
  write(path.join(plain, 'content/01-노트.md'), '# 노트\n');
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('dates from one git log', () => {
  it('gives each note the date of the last commit that touched it, like git log -1 per file', () => {
    const history = readGitHistory(path.join(repo, 'content'));
    expect(history.noDates).toBeUndefined();
    expect(history.root).toBe(repo);
    for (const file of ['content/01-llm-소개.md', 'content/02-심화/01-트랜스포머 구조.md', `content/${NFD_NAME}`]) {
      const one = git(repo, ['-c', 'core.quotepath=off', 'log', '-1', '--format=%cI', '--', file]).trim();
      expect(history.dates.get(file.normalize('NFC')), file).toBe(one);
    }
    expect(history.dates.get('content/01-llm-소개.md')).toBe('2026-11-27T23:30:00+09:00');
    expect(history.dates.get('content/02-심화/01-트랜스포머 구조.md')).toBe('2026-01-05T10:00:00+09:00');
    expect(history.dates.has('README.md')).toBe(false);
  });

  it('runs git a fixed number of times, however many notes there are', () => {
    const calls: string[][] = [];
    const spy: GitRunner = (args, cwd) => {
      calls.push(args);
      return runGit(args, cwd);
    };
    readGitHistory(path.join(repo, 'content'), spy);
    expect(calls.map((a) => a[0])).toEqual(['rev-parse', 'ls-files', 'log']);
  });

  it('parses names with spaces, newlines and Korean', () => {
    const out = '\x1e2026-02-01T00:00:00+00:00\0\na b.md\0줄\n바꿈.md\0\x1e2026-01-01T00:00:00+00:00\0\na b.md\0c.md\0';
    expect([...parseLogDates(out)]).toEqual([
      ['a b.md', '2026-02-01T00:00:00+00:00'],
      ['줄\n바꿈.md', '2026-02-01T00:00:00+00:00'],
      ['c.md', '2026-01-01T00:00:00+00:00'],
    ]);
  });
});

describe('without history', () => {
  it('a shallow clone has no dates (never the clone date) but keeps edit paths', () => {
    const history = readGitHistory(path.join(shallow, 'content'));
    expect(history.noDates).toMatch(/shallow clone/);
    expect(history.dates.size).toBe(0);
    const info = noteGitInfo(history, path.join(shallow, 'content/01-llm-소개.md'), {
      repository: 'https://github.com/o/notes',
      branch: 'main',
      fallbackRoot: shallow,
    });
    expect(info.updated).toBeUndefined();
    expect(info.editUrl).toBe('https://github.com/o/notes/edit/main/content/01-llm-%EC%86%8C%EA%B0%9C.md');
  });

  it('says why once per build, however many pages ask', () => {
    const log = vi.fn();
    for (let i = 0; i < 5; i++) gitHistoryOnce(path.join(shallow, 'content'), log);
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0]![0]).toMatch(/^\[notes-git\] last-updated dates left out: the repository is a shallow clone/);
  });

  it('outside a git repository: no dates, a message, edit paths from the project root', () => {
    const log = vi.fn();
    const { history } = gitHistoryOnce(path.join(plain, 'content'), log);
    gitHistoryOnce(path.join(plain, 'content'), log);
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0]![0]).toMatch(/not in a git repository/);
    expect(history.root).toBeUndefined();
    const info = noteGitInfo(history, path.join(plain, 'content/01-노트.md'), { repository: 'https://github.com/o/n', branch: 'main', fallbackRoot: plain });
    expect(info).toEqual({ editUrl: `https://github.com/o/n/edit/main/content/${encodeURIComponent('01-노트.md')}` });
  });

  it('with history the build logs nothing', () => {
    const log = vi.fn();
    gitHistoryOnce(path.join(repo, 'content'), log);
    expect(log).not.toHaveBeenCalled();
  });
});

describe('edit links', () => {
  const history = () => readGitHistory(path.join(repo, 'content'));
  const options = { repository: 'https://github.com/owner/notes', branch: 'main', fallbackRoot: repo };

  it('point at the file below the repository root on the branch, percent-encoded', () => {
    const info = noteGitInfo(history(), path.join(repo, 'content/02-심화/01-트랜스포머 구조.md'), options);
    expect(info.editUrl).toBe(
      `https://github.com/owner/notes/edit/main/content/${encodeURIComponent('02-심화')}/${encodeURIComponent('01-트랜스포머 구조.md')}`,
    );
    expect(info.editUrl).toContain('%20');
    expect(info.updated).toBe('2026-01-05T10:00:00+09:00');
    expect(info.updatedText).toBe('2026년 1월 5일');
  });

  it('use the name as git stores it (a decomposed macOS name stays decomposed)', () => {
    const info = noteGitInfo(history(), path.join(repo, 'content', NFD_NAME.normalize('NFC')), options);
    expect(info.editUrl).toBe(`https://github.com/owner/notes/edit/main/content/${encodeURIComponent(NFD_NAME)}`);
    expect(info.updatedText).toBe('2026년 11월 27일');
  });

  it('are left out without a repository', () => {
    expect(noteGitInfo(history(), path.join(repo, 'content/01-llm-소개.md'), { ...options, repository: undefined }).editUrl).toBeUndefined();
  });

  it('encode each segment, keeping slashes', () => {
    expect(encodePath('content/a b/#1?.md')).toBe('content/a%20b/%231%3F.md');
    expect(editUrl('https://github.com/o/r/', 'feature/새 기능', 'x.md')).toBe(
      `https://github.com/o/r/edit/feature/${encodeURIComponent('새 기능')}/x.md`,
    );
  });
});

describe('paths outside git', () => {
  it('come from the project root, or from the content folder’s parent when it lies elsewhere', () => {
    expect(fallbackRoot('/work/site/content', '/work/site')).toBe('/work/site');
    expect(fallbackRoot('/tmp/build-1/content', '/work/site')).toBe('/tmp/build-1');
  });
});

describe('branch and date', () => {
  it('takes the branch from NOTES_REPO_BRANCH, then GitHub Actions, then git, then main', () => {
    expect(resolveBranch(repo, { NOTES_REPO_BRANCH: 'notes' })).toBe('notes');
    expect(resolveBranch(repo, { GITHUB_ACTIONS: 'true', GITHUB_REF: 'refs/heads/trunk' })).toBe('trunk');
    expect(resolveBranch(repo, { GITHUB_ACTIONS: 'true', GITHUB_REF: 'refs/pull/3/merge' })).toBe('main');
    expect(resolveBranch(shallow, {})).toBe('main');
    expect(resolveBranch(undefined, {})).toBe('main');
    const failing: GitRunner = () => {
      throw new Error('no');
    };
    expect(resolveBranch(repo, {}, failing)).toBe('main');
  });

  it('formats dates the Korean way, on the committer’s calendar day', () => {
    expect(formatKoreanDate('2026-11-27T23:30:00+09:00')).toBe('2026년 11월 27일');
    expect(formatKoreanDate('2026-01-05T00:10:00-08:00')).toBe('2026년 1월 5일');
    expect(formatKoreanDate('nonsense')).toBeUndefined();
  });
});
