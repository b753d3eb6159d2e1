// The site's settings: the one file to edit besides the notes themselves.
// (Where the site is published — `site` and `base` — is worked out from the environment by
// src/core/site-address.ts; nothing to set here for GitHub Pages.)
import type { SiteSettings } from './src/core/site-config.ts';

export default {
  /** Shown in the header, the browser tab and search results. */
  title: '공부 노트',
  /** The home page's description (and its <meta name="description">). */
  description: '마크다운으로 쓴 한국어 공부 노트',
  /** The pages' language (`<html lang>`). */
  lang: 'ko',
  /**
   * The notes' source repository, e.g. 'https://github.com/owner/notes'. Shown in the header and
   * used for "GitHub에서 편집" links. Empty: the REPOSITORY_URL environment variable, else, in
   * GitHub Actions, the repository being built; else no link.
   */
  repository: '',
  /** Which heading levels the on-page table of contents ("이 페이지의 목차") lists. */
  toc: { minDepth: 2, maxDepth: 3 },
} satisfies SiteSettings;
