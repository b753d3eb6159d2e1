// /fonts/pretendard.css: @font-face rules for the site's own font files (src/site/site-font.ts).
import type { APIRoute } from 'astro';
import { siteFontPlan } from '../../site/site-font';

export const GET: APIRoute = async () => {
  const plan = await siteFontPlan();
  return new Response(
    `/* Pretendard (SIL OFL 1.1), https://github.com/orioncactus/pretendard — cut to the characters of this site */\n${plan.css}`,
    { headers: { 'Content-Type': 'text/css; charset=utf-8' } },
  );
};
