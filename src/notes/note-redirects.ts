// Redirect pages for a note's old or other addresses (`aliases`, `redirect_from`). An alias never
// takes a note's address, the home page, the site's own folders or another alias: the first
// note in reading order keeps it. Pure.
import { HOME_NOTE_ID, NoteIdRegistry, RESERVED_FIRST_SEGMENTS } from './note-path.ts';
import type { NoteIndex, NoteInfo, NoteSource } from './note-index.ts';

export interface Redirect<T extends NoteSource = NoteSource> {
  /** URL id of the redirect page. */
  from: string;
  to: NoteInfo<T>;
}

/** First URL segments the site's own pages use besides notes (tag pages). */
const SITE_PAGES = ['tags'];

export function noteRedirects<T extends NoteSource>(index: NoteIndex<T>): Redirect<T>[] {
  const taken = new Set(index.notes.map((n) => NoteIdRegistry.key(n.id)));
  taken.add(NoteIdRegistry.key(HOME_NOTE_ID));
  const reserved = new Set<string>([...RESERVED_FIRST_SEGMENTS, ...SITE_PAGES]);
  const redirects: Redirect<T>[] = [];
  for (const note of index.notes) {
    for (const from of note.aliases) {
      const key = NoteIdRegistry.key(from);
      if (taken.has(key) || reserved.has(key.split('/')[0]!)) continue;
      taken.add(key);
      redirects.push({ from, to: note });
    }
  }
  return redirects;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The page at an alias: a meta refresh to the note (what every static host serves), not indexed,
 * its canonical address the note's. `to` is the note's URL path, percent-encoded.
 */
export function redirectHtml(to: string, title: string, site?: URL | string): string {
  const url = escapeHtml(to);
  const canonical = site ? `<link rel="canonical" href="${escapeHtml(new URL(to, site).href)}">` : '';
  return (
    `<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
    `<meta http-equiv="refresh" content="0;url=${url}"><meta name="robots" content="noindex">${canonical}</head>` +
    `<body><p>이 노트는 옮겨졌습니다: <a href="${url}">${escapeHtml(title)}</a></p></body></html>\n`
  );
}
