// /fonts/pretendard.css: @font-face rules for the Pretendard slices this site needs (src/core/font-slices.ts).
import type { APIRoute } from 'astro';
import { siteFontPlan } from '../../site/site-font';

export const GET: APIRoute = async () => {
  const plan = await siteFontPlan();
  const note = plan.dropped.length > 0 ? `/* ${plan.dropped.length} rarely used slices left to the system font */\n` : '';
  return new Response(`/* Pretendard (SIL OFL 1.1), https://github.com/orioncactus/pretendard */\n${note}${plan.css}`, {
    headers: { 'Content-Type': 'text/css; charset=utf-8' },
  });
};
