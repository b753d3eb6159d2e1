// /fonts/notes-sans.css: @font-face rules for the site's own font files (src/site/site-font.ts).
import type { APIRoute } from 'astro';
import { fallbackFaceRules, PRETENDARD_MEASURE } from '../../core/font-fallback';
import { siteFontPlan } from '../../site/site-font';

// The files are a modified Pretendard: renamed, as its licence requires for a cut
// (src/core/font-names.ts), and credited here and in their own name table.
const NOTICE =
  '/* Notes Sans: Pretendard (https://github.com/orioncactus/pretendard, SIL Open Font License 1.1,' +
  ' Reserved Font Name Pretendard) cut to the characters of this site and renamed;' +
  ' copyright and licence notices are kept in each file; the licence: LICENSE.txt next to this file. */\n';

export const GET: APIRoute = async () => {
  const plan = await siteFontPlan();
  // The system fonts scaled to Pretendard's measures: text painted before the files arrive
  // takes the room it will take in Notes Sans (src/core/font-fallback.ts).
  return new Response(`${NOTICE}${plan.css}${fallbackFaceRules(PRETENDARD_MEASURE)}`, { headers: { 'Content-Type': 'text/css; charset=utf-8' } });
};
