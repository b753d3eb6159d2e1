// /sitemap.xml: the home page, every note and the tag pages, as absolute URLs under the site and base. Written
// only with a known site (SITE_URL, public/CNAME or GitHub Actions; src/core/site-address.ts): a sitemap
// needs absolute URLs. Without one the file lists nothing and pages link no sitemap.
import type { APIRoute } from 'astro';
import { tagIndex } from '../notes/note-tags';
import { getNoteIndex, href } from '../site/note-collection';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export const GET: APIRoute = async ({ site }) => {
  const index = await getNoteIndex();
  const tags = tagIndex(index);
  const tagPages = tags.length > 0 ? ['tags/', ...tags.map((t) => t.path)] : [];
  const urls = site ? [href(), ...index.notes.map((n) => href(n.path)), ...tagPages.map((p) => href(p))].map((p) => new URL(encodeURI(p), site).href) : [];
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
    urls.map((u) => `  <url><loc>${escape(u)}</loc></url>\n`).join('') +
    '</urlset>\n';
  return new Response(body, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
