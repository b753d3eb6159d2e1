// The site resolver: where the site is published (`site`, an origin) and under which path (`base`).
// The one place that decides it: astro.config.mjs, the note-link plugin, components (through
// Astro's BASE_URL / Astro.site) and the tests all ask here. Rules, first match wins:
//   1. SITE_URL and/or BASE_PATH in the environment, for any host (each overrides on its own;
//      a SITE_URL with a path, `https://example.com/notes/`, gives the base `/notes/`).
//      BASE_PATH set but empty means the root (`/`): that is what actions/configure-pages
//      reports for a user site or a custom domain.
//   2. public/CNAME: a custom domain, served at `/` over https.
//   3. GitHub Actions (GITHUB_REPOSITORY=owner/repo): `https://owner.github.io` and `/repo/`,
//      or `/` for the repository named `owner.github.io`.
//   4. Anything else (a local build): no site, base `/`.
// Pure apart from reading public/CNAME; no Astro imports.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface SiteConfig {
  /** The origin pages are published at (`https://owner.github.io`), when known. */
  site?: string;
  /** URL path the site lives under: always starts and ends with `/` (`/`, `/repo/`). */
  base: string;
  /** Which rule decided (for messages and tests). */
  source: 'env' | 'cname' | 'github-actions' | 'default';
}

export type Env = Record<string, string | undefined>;

export class SiteConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SiteConfigError';
  }
}

/** `repo`, `/repo`, `repo/`, `/a/b` → `/repo/`, `/a/b/`; empty or `/` → `/`. */
export function normalizeBase(value: string): string {
  const trimmed = value.trim().replaceAll('\\', '/');
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('//')) {
    throw new SiteConfigError(`BASE_PATH must be a path such as /my-notes/, not a URL: "${value}" (put the host in SITE_URL)`);
  }
  if (/[?#\s]/.test(trimmed)) throw new SiteConfigError(`BASE_PATH must be a plain path such as /my-notes/: "${value}"`);
  const segments = trimmed.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '.' || s === '..')) throw new SiteConfigError(`BASE_PATH must not contain "." or ".." segments: "${value}"`);
  return segments.length === 0 ? '/' : `/${segments.join('/')}/`;
}

/** An absolute http(s) URL → its origin and its path as a base. */
export function parseSiteUrl(value: string): { site: string; base: string } {
  let raw = value.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) raw = `https://${raw}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SiteConfigError(`SITE_URL is not a URL: "${value}" (e.g. https://notes.example.com)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new SiteConfigError(`SITE_URL must be an http(s) URL: "${value}"`);
  }
  return { site: url.origin, base: normalizeBase(decodeURI(url.pathname)) };
}

/** The custom domain in a CNAME file's text (GitHub Pages: one domain, first line). */
export function parseCname(text: string): string | undefined {
  const line = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l !== '' && !l.startsWith('#'));
  if (!line) return undefined;
  return line.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/.*$/, '').toLowerCase() || undefined;
}

export interface ResolveOptions {
  /** The project root (for public/CNAME); default the working directory. */
  root?: string;
  /** Read a file, or undefined when it does not exist (tests pass their own). */
  readFile?: (absolutePath: string) => string | undefined;
}

function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** GitHub Pages' address for `owner/repo`. */
export function githubPagesSite(repository: string): { site: string; base: string } {
  const [owner, repo, ...rest] = repository.trim().split('/');
  if (!owner || !repo || rest.length > 0) {
    throw new SiteConfigError(`GITHUB_REPOSITORY must be "owner/repo": "${repository}"`);
  }
  const host = `${owner.toLowerCase()}.github.io`;
  return { site: `https://${host}`, base: repo.toLowerCase() === host ? '/' : `/${repo}/` };
}

/** Resolve `site` and `base` from the environment and public/CNAME (see the rules above). */
export function resolveSite(env: Env = process.env, options: ResolveOptions = {}): SiteConfig {
  const root = options.root ?? process.cwd();
  const read = options.readFile ?? readIfExists;
  const siteUrl = env.SITE_URL?.trim();
  const basePath = env.BASE_PATH;
  if (siteUrl || basePath !== undefined) {
    const fromUrl = siteUrl ? parseSiteUrl(siteUrl) : undefined;
    const base = basePath !== undefined ? normalizeBase(basePath) : (fromUrl?.base ?? '/');
    // BASE_PATH alone keeps whatever host the other rules find (a custom domain, GitHub Pages).
    const site = fromUrl?.site ?? resolveSite({ ...env, SITE_URL: undefined, BASE_PATH: undefined }, options).site;
    return { ...(site ? { site } : {}), base, source: 'env' };
  }
  const cnameText = read(path.join(root, 'public', 'CNAME'));
  const domain = cnameText === undefined ? undefined : parseCname(cnameText);
  if (domain) return { site: `https://${domain}`, base: '/', source: 'cname' };
  const repository = env.GITHUB_REPOSITORY?.trim();
  if (repository) return { ...githubPagesSite(repository), source: 'github-actions' };
  return { base: '/', source: 'default' };
}

/** A path below the base joined onto it: `withBase('/repo/', 'a/b/')` → `/repo/a/b/`. */
export function withBase(base: string, pathBelowBase = ''): string {
  const b = base.endsWith('/') ? base : `${base}/`;
  return `${b}${pathBelowBase.replace(/^\/+/, '')}`;
}

let resolved: SiteConfig | undefined;

/** The site of this process (resolved once from process.env). */
export function currentSite(): SiteConfig {
  return (resolved ??= resolveSite());
}
