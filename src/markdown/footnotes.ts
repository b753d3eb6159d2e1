// remark-rehype options for GFM footnotes, in Korean, shared by astro.config.mjs and the tests.
// Ids keep remark-rehype's `user-content-` prefix (the default `clobberPrefix`), as GitHub does,
// so `fn-1` / `fnref-1` never collide with a heading's id.

import type { RemarkRehype } from '@astrojs/markdown-remark';
import type { Options as RemarkRehypeOptions } from 'remark-rehype';

/** `1번째 참조로 돌아가기`, `1번째 참조로 돌아가기 (2)` for a second reference to one note. */
export function footnoteBackLabel(referenceIndex: number, rereferenceIndex: number): string {
  const base = `본문의 ${referenceIndex + 1}번 각주 위치로 돌아가기`;
  return rereferenceIndex > 1 ? `${base} (${rereferenceIndex})` : base;
}

export const remarkRehypeOptions: RemarkRehype = {
  footnoteLabel: '각주',
  footnoteLabelTagName: 'h2',
  footnoteLabelProperties: { className: ['footnotes-label'] },
  footnoteBackLabel,
} satisfies RemarkRehypeOptions;
