// The anchors Markdown All in One writes into a TOC under each `toc.slugifyMode`, so the site can
// say which of them differ from GitHub's (the anchors readers click). Described from MAIO's
// documented behaviour per mode; the site itself always links GitHub's ids.

import type { HeadingModel } from './headings.ts';

/** GitHub's (and GitLab's) punctuation: everything but letters, marks, digits, connectors, `-` and space. */
const PUNCTUATION = /[^\p{L}\p{M}\p{Nd}\p{Nl}\p{Pc}\- ]/gu;

type Slugify = (text: string) => string;

const MODES: Record<string, Slugify | undefined> = {
  // MAIO's github mode: no trimming, punctuation removed, lower case, each space a dash.
  github: (t) => t.replace(PUNCTUATION, '').toLowerCase().replace(/ /g, '-'),
  // GitLab: trimmed, GitLab's tier suffixes such as `(premium)` removed, dashes collapsed, a
  // digits-only slug prefixed with `anchor-`.
  gitlab: (t) =>
    t
      .trim()
      .toLowerCase()
      .replace(/\s*\**\((?:core|starter|premium|ultimate)(?:\s+only)?\)\**/g, '')
      .replace(PUNCTUATION, '')
      .replace(/ /g, '-')
      .replace(/-+/g, '-')
      .replace(/^(\d+)$/, 'anchor-$1'),
  // Gitea (blackfriday): runs of anything but letters and digits become one dash, none at the ends.
  gitea: (t) =>
    t
      .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .toLowerCase(),
  // VS Code's preview: trimmed, lower case, whitespace runs to a dash, ASCII and CJK punctuation
  // removed, no dash at the ends (compared decoded: MAIO writes it percent-encoded).
  vscode: (t) =>
    t
      .trim()
      .toLowerCase()
      .replace(/\s+/g, '-')
      .replace(/[\][!'#$%&()*+,./:;<=>?@\\^_{|}~`。，、；：？！…—·ˉ¨‘’“”々～‖∶＂＇｀｜〃〔〕〈〉《》「」『』．〖〗【】（）［］｛｝]/g, '')
      .replace(/^-+|-+$/g, ''),
  // Bitbucket Cloud: GitHub's slug with dashes collapsed, behind `markdown-header-`.
  'bitbucket-cloud': (t) => `markdown-header-${t.replace(PUNCTUATION, '').toLowerCase().replace(/ /g, '-').replace(/-+/g, '-')}`,
  // Azure DevOps: trimmed, lower case, each space a dash, nothing removed.
  azureDevops: (t) => t.trim().toLowerCase().replace(/\p{Zs}/gu, '-'),
};

/** Whether the site knows how MAIO slugs in `mode` (else it can only say that anchors may differ). */
export function knownSlugifyMode(mode: string): boolean {
  return MODES[mode] !== undefined;
}

/**
 * MAIO's slug for each top-level Markdown heading (by model index) in `mode`: the heading's last
 * text line slugged, repeats numbered `-1`, `-2`… by base slug among top-level headings.
 */
export function maioSlugs(model: HeadingModel, mode: string): Map<number, string> {
  const slugify = MODES[mode];
  const out = new Map<number, string>();
  if (!slugify) return out;
  const seen = new Map<string, number>();
  model.headings.forEach((info, index) => {
    if (!info.topLevel || info.raw) return;
    const base = slugify(info.slugText.split('\n').at(-1) ?? '');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    out.set(index, count === 0 ? base : `${base}-${count}`);
  });
  return out;
}
