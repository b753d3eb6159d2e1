import { describe, expect, it } from 'vitest';
import { githubPagesSite, normalizeBase, parseCname, resolveSite, SiteConfigError, withBase } from '../../src/core/site-address.ts';

/** resolveSite with a fake file system: `files` maps paths below /project to their text. */
function resolve(env: Record<string, string | undefined>, files: Record<string, string> = {}) {
  return resolveSite(env, { root: '/project', readFile: (p) => files[p.replace('/project/', '')] });
}

describe('site resolver', () => {
  it('a local build: no site, base /', () => {
    expect(resolve({})).toEqual({ base: '/', source: 'default' });
  });

  it('GitHub Actions, project repository: https://owner.github.io under /repo/', () => {
    expect(resolve({ GITHUB_ACTIONS: 'true', GITHUB_REPOSITORY: 'kim/study-notes' })).toEqual({
      site: 'https://kim.github.io',
      base: '/study-notes/',
      source: 'github-actions',
    });
  });

  it('GitHub Actions, the owner.github.io repository: served at /', () => {
    expect(resolve({ GITHUB_REPOSITORY: 'Kim/kim.github.io' })).toEqual({ site: 'https://kim.github.io', base: '/', source: 'github-actions' });
    expect(githubPagesSite('Kim/Kim.GitHub.io').base).toBe('/');
    expect(() => githubPagesSite('just-a-name')).toThrow(SiteConfigError);
  });

  it('public/CNAME: a custom domain at /, over https, before GITHUB_REPOSITORY', () => {
    const files = { 'public/CNAME': '\uFEFFNotes.Example.com\n' };
    expect(resolve({ GITHUB_REPOSITORY: 'kim/study-notes' }, files)).toEqual({ site: 'https://notes.example.com', base: '/', source: 'cname' });
    expect(parseCname('https://notes.example.com/\n')).toBe('notes.example.com');
    expect(parseCname('\n  \n')).toBeUndefined();
    // An empty CNAME file is no custom domain.
    expect(resolve({}, { 'public/CNAME': '' }).source).toBe('default');
  });

  it('SITE_URL and BASE_PATH override everything, for any host', () => {
    const files = { 'public/CNAME': 'notes.example.com' };
    const env = { GITHUB_REPOSITORY: 'kim/study-notes', SITE_URL: 'https://cdn.example.org', BASE_PATH: 'docs/notes' };
    expect(resolve(env, files)).toEqual({ site: 'https://cdn.example.org', base: '/docs/notes/', source: 'env' });
  });

  it('SITE_URL alone: its path is the base', () => {
    expect(resolve({ SITE_URL: 'https://example.com/notes' })).toEqual({ site: 'https://example.com', base: '/notes/', source: 'env' });
    expect(resolve({ SITE_URL: 'example.com' })).toEqual({ site: 'https://example.com', base: '/', source: 'env' });
    expect(resolve({ SITE_URL: 'http://127.0.0.1:8080/' })).toEqual({ site: 'http://127.0.0.1:8080', base: '/', source: 'env' });
  });

  it('BASE_PATH alone keeps the host the other rules find; empty means /', () => {
    expect(resolve({ GITHUB_REPOSITORY: 'kim/study-notes', BASE_PATH: '/other/' })).toEqual({ site: 'https://kim.github.io', base: '/other/', source: 'env' });
    expect(resolve({ BASE_PATH: '/some-repo/' })).toEqual({ base: '/some-repo/', source: 'env' });
    // actions/configure-pages reports base_path "" for a user site or a custom domain.
    expect(resolve({ GITHUB_REPOSITORY: 'kim/study-notes', SITE_URL: 'https://notes.example.com', BASE_PATH: '' })).toEqual({
      site: 'https://notes.example.com',
      base: '/',
      source: 'env',
    });
  });

  it('normalises base paths and rejects what cannot be one', () => {
    expect(normalizeBase('')).toBe('/');
    expect(normalizeBase('/')).toBe('/');
    expect(normalizeBase('repo')).toBe('/repo/');
    expect(normalizeBase('a//b/')).toBe('/a/b/');
    expect(normalizeBase('/공부-노트')).toBe('/공부-노트/');
    expect(() => normalizeBase('https://x.github.io/repo')).toThrow(/SITE_URL/);
    expect(() => normalizeBase('/a/../b')).toThrow(SiteConfigError);
    expect(() => resolve({ SITE_URL: 'ftp://example.com' })).toThrow(/http/);
  });

  it('withBase joins a path below the base', () => {
    expect(withBase('/repo/', 'llm-소개/')).toBe('/repo/llm-소개/');
    expect(withBase('/repo', '/a/')).toBe('/repo/a/');
    expect(withBase('/')).toBe('/');
  });
});
