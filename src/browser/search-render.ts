// Pure parts of the search dialog (src/browser/search.ts): Korean texts and result HTML.
// No DOM access, so unit tests can import it.

/** The parts of Pagefind's browser API this file uses (pagefind.js ships no types). */
export interface PagefindSubResult {
  title: string;
  url: string;
  excerpt: string;
  locations?: number[];
  anchor?: { element: string; id: string; text?: string; location: number };
}
export interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  sub_results: PagefindSubResult[];
}
export interface PagefindResult {
  id: string;
  data(): Promise<PagefindResultData>;
}
export interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(term: string): Promise<{ results: PagefindResult[] } | null>;
}

/** Notes listed per query; more would rarely help and each costs a fragment request. */
export const MAX_NOTES = 8;
/** Sections (headings) listed under each note. */
const MAX_SECTIONS = 3;

export const TEXT = {
  loading: '검색 준비 중…',
  searching: '검색 중…',
  empty: '결과 없음',
  /** Nothing typed yet, or only particles (`을`, `에서`): what search expects. */
  hint: '찾을 낱말을 입력하세요. 예: 트랜스포머, 튜닝, LoRA',
  particles: '조사만으로는 찾을 수 없습니다. 낱말을 함께 입력하세요.',
  failed: '검색 색인을 불러오지 못했습니다. 사이트를 빌드(npm run build)한 뒤에 검색할 수 있습니다.',
  count: (n: number) => `노트 ${n}개 찾음`,
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The sections to show: the ones with the most hits, in page order. */
export function pickSections(subs: PagefindSubResult[], max = MAX_SECTIONS): PagefindSubResult[] {
  const anchored = subs.filter((s) => s.anchor);
  const best = [...anchored].sort((a, b) => (b.locations?.length ?? 0) - (a.locations?.length ?? 0)).slice(0, max);
  return anchored.filter((s) => best.includes(s));
}

export function renderNote(data: PagefindResultData): string {
  const title = data.meta.title || decodeURI(data.url);
  const sections = pickSections(data.sub_results);
  const subs = sections
    .map(
      (s) =>
        `<li><a class="search-link search-section" href="${escapeHtml(s.url)}"><span class="search-title">${escapeHtml(s.title)}</span>` +
        `<span class="search-excerpt">${s.excerpt}</span></a></li>`,
    )
    .join('');
  return (
    `<li class="search-hit"><a class="search-link search-note" href="${escapeHtml(data.url)}">` +
    `<span class="search-title">${escapeHtml(title)}</span>` +
    (sections.length === 0 ? `<span class="search-excerpt">${data.excerpt}</span>` : '') +
    `</a>${subs ? `<ul class="search-sections">${subs}</ul>` : ''}</li>`
  );
}

