// Frontmatter as other tools write it (Jekyll, Hugo, Docusaurus, VitePress, Obsidian, Retype),
// read into the few things this site has: title, description, order, draft, address, tags, dates
// and redirects. Nothing here fails a note: a key with no meaning here is kept out of the way
// silently, a near-miss of a key the site reads and a value of the wrong type are problems the
// caller reports as warnings (note-source.ts), and the note builds without that value.
// Pure (no Astro imports): the content schema, the checker and unit tests share it.
import { z } from 'astro/zod';
import { slugSegment } from './note-path.ts';
import { nearest } from '../core/edit-distance.ts';

/** The site's own keys (what its README documents first). */
export const FRONTMATTER_KEYS = ['title', 'description', 'order', 'draft', 'slug'] as const;

/** `titel` → `title`: the closest of `known` (any case) within `maxDistance` edits; undefined when nothing is close. */
export function suggestKey(key: string, known: readonly string[] = FRONTMATTER_KEYS, maxDistance = 2): string | undefined {
  const lower = known.map((k) => k.toLowerCase());
  const hit = nearest(key.toLowerCase(), lower, maxDistance);
  return hit === undefined ? undefined : known[lower.indexOf(hit)];
}

/** A note's frontmatter as the site uses it (what `entry.data` holds after the content schema). */
export interface NoteFrontmatter {
  title?: string;
  description?: string;
  order?: number;
  draft?: boolean;
  /** The note's URL id from `slug` or a literal `permalink` (no leading or trailing slash). */
  slug?: string;
  /** NFC, trimmed, no leading `#`, without duplicates (case-insensitive). */
  tags?: string[];
  /** Written date, `YYYY-MM-DD`. */
  date?: string;
  /** Last-updated date, `YYYY-MM-DD` (git's date is the fallback). */
  updated?: string;
  /** URL ids that redirect to the note (from `aliases`, `redirect_from`). */
  aliases?: string[];
}

/** Which keys the site reads, by what they become; the first key present wins. */
export const FRONTMATTER_MEANINGS = {
  title: ['title'],
  description: ['description', 'summary', 'excerpt'],
  order: ['order', 'weight', 'sidebar_position', 'nav_order'],
  draft: ['draft', 'published'],
  slug: ['slug', 'permalink'],
  tags: ['tags', 'categories', 'category', 'keywords'],
  date: ['date', 'created', 'pubDate', 'publishDate'],
  updated: ['lastmod', 'updated', 'last_modified_at', 'modified', 'last_update'],
  aliases: ['aliases', 'alias', 'redirect_from'],
} as const satisfies Record<keyof NoteFrontmatter, readonly string[]>;

/** Every key the site reads. */
export const READ_KEYS: readonly string[] = Object.values(FRONTMATTER_MEANINGS).flat();

/**
 * Keys other tools write that mean nothing here (layout, authorship, images, math switches: math
 * always works, sidebar labels…). Listed so that they are never taken for a misspelt key.
 */
export const FOREIGN_KEYS: readonly string[] = [
  // Jekyll
  'layout', 'author', 'authors', 'image', 'header', 'comments', 'share', 'toc', 'toc_sticky', 'toc_label',
  'sidebar', 'classes', 'redirect_to', 'excerpt_separator', 'use_math', 'math', 'mathjax',
  'katex', 'tagline', 'subtitle', 'lang', 'pin', 'hidden', 'render_with_liquid',
  // Hugo
  'type', 'linkTitle', 'menu', 'url', 'series', 'cover', 'images', 'showToc', 'TocOpen',
  'expiryDate', 'isCJKLanguage', 'markup', 'outputs', 'resources', 'translationKey', 'headless',
  // Docusaurus
  'id', 'sidebar_label', 'sidebar_class_name', 'sidebar_custom_props', 'hide_title', 'hide_table_of_contents',
  'pagination_label', 'pagination_next', 'pagination_prev', 'custom_edit_url', 'parse_number_prefixes',
  'toc_min_heading_level', 'toc_max_heading_level', 'unlisted', 'displayed_sidebar',
  // VitePress
  'titleTemplate', 'head', 'outline', 'aside', 'navbar', 'footer', 'editLink', 'lastUpdated', 'prev', 'next',
  'pageClass', 'hero', 'features', 'isHome',
  // Obsidian
  'cssclass', 'cssclasses', 'publish',
  // Retype
  'icon', 'label', 'expanded', 'visibility', 'nextprev', 'templating', 'route', 'redirect',
];

const DATE_FORM = 'a date such as `2024-01-15` (or `2024-01-15 10:30:00 +0900`)';

/** Jekyll's permalink placeholders (`/:categories/:year/:title/`) and Hugo's (`:slug`). */
const PLACEHOLDER = /(?:^|\/)[^/]*:[a-z_]+/i;

export interface FrontmatterProblem {
  /** The key as written (its line is looked up in the file). */
  key: string;
  code: 'unknown-frontmatter-key' | 'invalid-frontmatter' | 'permalink-placeholder';
  message: string;
  hint: string;
}

export interface ReadFrontmatter {
  data: NoteFrontmatter;
  problems: FrontmatterProblem[];
  /** Keys that mean nothing here, as written (for `npm run check -- --verbose`). */
  ignored: string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  return undefined;
}

/** A calendar date as written: YAML timestamps (UTC) or a string starting with year, month, day. */
export function calendarDate(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  if (typeof value !== 'string') return undefined;
  const m = /^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?=$|[T\s.]|Z)/.exec(value);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return undefined;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** `a, b` or `a b` (Jekyll's space-separated string) or a list → trimmed names, `#` dropped. */
function tagList(value: unknown): string[] | undefined {
  const items: unknown[] = Array.isArray(value)
    ? value.flat(2)
    : typeof value === 'string'
      ? value.split(value.includes(',') ? ',' : /\s+/)
      : [value];
  const names: string[] = [];
  for (const item of items) {
    const name = text(item);
    if (name === undefined) return undefined;
    const clean = name.normalize('NFC').trim().replace(/^#+/, '').trim();
    if (clean) names.push(clean);
  }
  return names;
}

/**
 * A site-relative path (`/2024/01/post/`, `/about.html`, `docs/intro`) as a URL id; undefined when
 * it is not a usable one (the same rule as `slug:`, see note-path.ts frontmatterSlugId).
 */
export function addressId(value: string): string | undefined {
  const id = value
    .normalize('NFC')
    .trim()
    .replace(/\/index\.html?$/i, '/')
    .replace(/\.html?$/i, '')
    .replace(/^\/+|\/+$/g, '');
  const segments = id.split('/');
  if (id === '' || segments.some((s) => s === '' || s === '.' || s === '..' || /[\s?#%\\]/.test(s))) return undefined;
  return id;
}

/** An alias: a path (`/old/url/`) as it is, a name (Obsidian: `트랜스포머`) slugged as file names are. */
function aliasId(alias: string): string | undefined {
  return /[/.]/.test(alias) ? addressId(alias) : slugSegment(alias) || undefined;
}

/** Near-miss of a key the site reads: `titel` → `title`, `tag` → `tags` (short keys: one edit). */
function nearMiss(key: string): string | undefined {
  return suggestKey(key, READ_KEYS, key.length <= 4 ? 1 : 2);
}

/** Read any tool's frontmatter into the site's (see the file comment). */
export function readFrontmatter(raw: unknown): ReadFrontmatter {
  const data: NoteFrontmatter = {};
  const problems: FrontmatterProblem[] = [];
  const ignored: string[] = [];
  if (!isRecord(raw)) return { data, problems, ignored };
  const wrong = (key: string, expected: string, value: unknown) =>
    problems.push({
      key,
      code: 'invalid-frontmatter',
      message: `frontmatter "${key}" should be ${expected}, not ${JSON.stringify(value instanceof Date ? value.toISOString() : value) ?? String(value)}; the note builds without it`,
      hint: `write it as ${expected}, or remove the key`,
    });
  // Keys are matched ignoring case (Hugo's are case-insensitive; `Tags:` is no typo); problems
  // name the key as written.
  const written = new Map<string, string>();
  for (const key of Object.keys(raw)) if (!written.has(key.toLowerCase()) || key === key.toLowerCase()) written.set(key.toLowerCase(), key);
  const entry = (key: string): [string, unknown] | undefined => {
    const actual = key in raw ? key : written.get(key.toLowerCase());
    const value = actual === undefined ? undefined : raw[actual];
    return value === undefined || value === null ? undefined : [actual!, value];
  };
  const first = (keys: readonly string[]): [string, unknown] | undefined => {
    for (const key of keys) {
      const found = entry(key);
      if (found) return found;
    }
    return undefined;
  };

  const title = first(FRONTMATTER_MEANINGS.title);
  if (title) {
    const value = text(title[1]);
    if (value === undefined) wrong(title[0], 'text (`title: 제목`)', title[1]);
    else data.title = value;
  }
  const description = first(FRONTMATTER_MEANINGS.description);
  if (description) {
    const value = text(description[1]);
    if (value === undefined) wrong(description[0], 'text', description[1]);
    else data.description = value;
  }
  const order = first(FRONTMATTER_MEANINGS.order);
  if (order) {
    const [key, value] = order;
    const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
    if (Number.isFinite(number)) data.order = number;
    else wrong(key, `a number (\`${key}: 3\`)`, value);
  }
  for (const meaning of FRONTMATTER_MEANINGS.draft) {
    const found = entry(meaning);
    if (!found) continue;
    const [key, value] = found;
    const flag = typeof value === 'boolean' ? value : /^(true|false)$/i.test(String(value).trim()) ? String(value).trim().toLowerCase() === 'true' : undefined;
    if (flag === undefined) wrong(key, `true or false (\`${key}: ${meaning === 'draft' ? 'true' : 'false'}\`)`, value);
    else if (meaning === 'draft') data.draft = flag;
    else if (!flag) data.draft = true; // Jekyll's `published: false`
  }
  for (const meaning of FRONTMATTER_MEANINGS.slug) {
    const found = data.slug === undefined ? entry(meaning) : undefined;
    if (!found) continue;
    const [key, value] = found;
    if (typeof value !== 'string') {
      wrong(key, 'a site-relative path (`/notes/intro/`)', value);
      continue;
    }
    if (meaning === 'permalink' && PLACEHOLDER.test(value)) {
      problems.push({
        key,
        code: 'permalink-placeholder',
        message: `permalink "${value}" has placeholders (such as :title) that only Jekyll fills in; the note keeps its usual address`,
        hint: 'write the address itself (`permalink: /2024/01/my-post/`), or remove the key',
      });
      continue;
    }
    const id = addressId(value);
    if (id === undefined) wrong(key, 'a site-relative path of letters, digits and "-" separated by "/" (`/notes/intro/`)', value);
    else data.slug = id;
  }
  const tags: string[] = [];
  for (const meaning of FRONTMATTER_MEANINGS.tags) {
    const found = entry(meaning);
    if (!found) continue;
    const [key, value] = found;
    const list = tagList(value);
    if (list === undefined) wrong(key, `a name or a list of names (\`${key}: [a, b]\`)`, value);
    else tags.push(...list);
  }
  const seen = new Set<string>();
  const unique = tags.filter((t) => !seen.has(t.toLowerCase()) && seen.add(t.toLowerCase()));
  if (unique.length > 0) data.tags = unique;
  for (const field of ['date', 'updated'] as const) {
    const found = first(FRONTMATTER_MEANINGS[field]);
    if (!found) continue;
    const [key, value] = found;
    // Docusaurus: `last_update: { date: …, author: … }`.
    const date = calendarDate(isRecord(value) ? value.date : value);
    if (date) data[field] = date;
    else wrong(key, DATE_FORM, value);
  }
  const aliases: string[] = [];
  for (const meaning of FRONTMATTER_MEANINGS.aliases) {
    const found = entry(meaning);
    if (!found) continue;
    const [key, value] = found;
    const list = Array.isArray(value) ? value : [value];
    for (const item of list) {
      const id = typeof item === 'string' || typeof item === 'number' ? aliasId(String(item)) : undefined;
      if (id === undefined) wrong(key, 'a path (`/old/address/`) or a name, or a list of them', item);
      else if (!aliases.includes(id)) aliases.push(id);
    }
  }
  if (aliases.length > 0) data.aliases = aliases;

  const read = new Set(READ_KEYS.map((k) => k.toLowerCase()));
  const foreign = new Set(FOREIGN_KEYS.map((k) => k.toLowerCase()));
  for (const key of Object.keys(raw)) {
    if (read.has(key.toLowerCase())) continue;
    const intended = foreign.has(key.toLowerCase()) ? undefined : nearMiss(key);
    if (intended && entry(intended) === undefined) {
      problems.push({
        key,
        code: 'unknown-frontmatter-key',
        message: `unknown frontmatter key "${key}" (did you mean "${intended}"?)`,
        hint: `rename it to "${intended}" if that is what it means; other keys are ignored`,
      });
    } else ignored.push(key);
  }
  return { data, problems, ignored };
}

/** The content collection's schema: any frontmatter, read into NoteFrontmatter. Never fails. */
export const noteFrontmatterSchema = z.preprocess(
  (raw) => readFrontmatter(raw).data,
  z.object({
    title: z.string().optional(),
    description: z.string().optional(),
    order: z.number().optional(),
    draft: z.boolean().optional(),
    slug: z.string().optional(),
    tags: z.array(z.string()).optional(),
    date: z.string().optional(),
    updated: z.string().optional(),
    aliases: z.array(z.string()).optional(),
  }),
);
