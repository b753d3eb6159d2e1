// /fonts/<n>.woff2: the Pretendard slices the site's stylesheet names, copied from the package.
import { readFileSync } from 'node:fs';
import type { APIRoute, GetStaticPaths } from 'astro';
import { sliceFile } from '../../core/font-slices';
import { siteFontPlan } from '../../site/site-font';

export const getStaticPaths = (async () => {
  const plan = await siteFontPlan();
  return plan.slices.map((id) => ({ params: { slice: String(id) } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) =>
  new Response(readFileSync(sliceFile(Number(params.slice))), { headers: { 'Content-Type': 'font/woff2' } });
