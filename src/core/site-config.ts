// The site settings (site.config.ts at the project root) with their environment fallbacks
// resolved. Components read `siteConfig()`; nothing else reads site.config.ts.
import settings from '../../site.config.ts';

export interface SiteSettings {
  title: string;
  description: string;
  lang: string;
  /** Source repository URL ('' = from the environment, see resolveRepository). */
  repository: string;
  toc: { minDepth: number; maxDepth: number };
}

export interface ResolvedSiteSettings extends Omit<SiteSettings, 'repository'> {
  /** The repository URL without a trailing slash, when one is configured or known. */
  repository?: string;
}

type Env = Record<string, string | undefined>;

/**
 * The repository URL: the configured one, else REPOSITORY_URL, else the repository GitHub Actions
 * is building (GITHUB_SERVER_URL/GITHUB_REPOSITORY). Only http(s) URLs are accepted.
 */
export function resolveRepository(configured: string, env: Env = process.env): string | undefined {
  let url = configured.trim() || env.REPOSITORY_URL?.trim();
  if (!url && env.GITHUB_REPOSITORY?.trim()) {
    url = `${(env.GITHUB_SERVER_URL?.trim() || 'https://github.com').replace(/\/+$/, '')}/${env.GITHUB_REPOSITORY.trim()}`;
  }
  if (!url) return undefined;
  if (!/^https?:\/\/[^\s/]+/i.test(url)) throw new Error(`site.config.ts: repository must be an http(s) URL, not "${url}"`);
  return url.replace(/\/+$/, '').replace(/\.git$/, '');
}

/** Clamp the TOC levels to 1–6 with min ≤ max. */
export function tocLevels(toc: SiteSettings['toc']): SiteSettings['toc'] {
  const clamp = (n: number) => Math.min(6, Math.max(1, Math.round(n)));
  const minDepth = clamp(toc.minDepth);
  return { minDepth, maxDepth: Math.max(minDepth, clamp(toc.maxDepth)) };
}

export function resolveSettings(raw: SiteSettings, env: Env = process.env): ResolvedSiteSettings {
  const { repository, ...rest } = raw;
  const repo = resolveRepository(repository, env);
  return { ...rest, toc: tocLevels(raw.toc), ...(repo ? { repository: repo } : {}) };
}

let cached: ResolvedSiteSettings | undefined;

/** This build's settings. */
export function siteConfig(): ResolvedSiteSettings {
  return (cached ??= resolveSettings(settings));
}
