// /fonts/<hash>.woff2: the site's own font files, cut from Pretendard (src/site/site-font.ts).
import type { APIRoute, GetStaticPaths } from 'astro';
import { siteFontPlan } from '../../site/site-font';

export const getStaticPaths = (async () => {
  const plan = await siteFontPlan();
  return plan.files.map((f) => ({ params: { file: f.name.replace(/\.woff2$/, '') } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const file = (await siteFontPlan()).files.find((f) => f.name === `${params.file}.woff2`);
  if (!file) return new Response(null, { status: 404 });
  return new Response(new Uint8Array(await file.bytes), { headers: { 'Content-Type': 'font/woff2' } });
};
