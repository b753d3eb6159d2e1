// The search dialog's code. Search.astro's inline listener injects it the first time the dialog
// opens (never on first view); Vite bundles it on its own (`?worker&url`) into one file with no
// imports. It loads Pagefind's pagefind.js (same origin, under the base), searches the way
// search-notes.ts does (Korean particles, parts of compounds, clean excerpts) and renders the results:
// each note (title from data-pagefind-meta) with its best-matching sections, linked to their
// heading anchors.

import { PAGEFIND_OPTIONS, searchNotes } from './search-notes.ts';
import { MAX_NOTES, renderNote, TEXT, type Pagefind } from './search-render.ts';

const BASE = import.meta.env.BASE_URL.endsWith('/') ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;

function setup(dialog: HTMLDialogElement): void {
  const input = dialog.querySelector<HTMLInputElement>('input[type="search"]')!;
  const list = dialog.querySelector<HTMLElement>('.search-results')!;
  const status = dialog.querySelector<HTMLElement>('.search-status')!;

  let pagefind: Promise<Pagefind> | undefined;
  const load = (): Promise<Pagefind> =>
    (pagefind ??= (async () => {
      const pf = (await import(/* @vite-ignore */ `${BASE}pagefind/pagefind.js`)) as Pagefind;
      // Result URLs are stored relative to the site root; the base puts them under it. No worker:
      // one file less to fetch, and a notes site's index is small enough for the main thread.
      await pf.options({ ...PAGEFIND_OPTIONS, baseUrl: BASE, noWorker: true });
      await pf.init();
      return pf;
    })());

  let seq = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const links = () => [...list.querySelectorAll<HTMLAnchorElement>('a.search-link')];

  // data-search-query and data-search-ms name the query the list shows and how long it took
  // (the browser tests and `npm run bench` read them).
  const done = (term: string, state: string, started: number) => {
    dialog.setAttribute('data-search-state', state);
    dialog.setAttribute('data-search-query', term);
    dialog.setAttribute('data-search-ms', String(Math.round((performance.now() - started) * 10) / 10));
  };

  async function run(term: string): Promise<void> {
    const mine = ++seq;
    const started = performance.now();
    dialog.setAttribute('data-search-state', 'busy');
    try {
      const pf = await load();
      const found = await searchNotes(pf, term, MAX_NOTES);
      if (mine !== seq) return;
      if (found.kind === 'hint') {
        list.replaceChildren();
        status.textContent = found.reason === 'particles' ? TEXT.particles : TEXT.hint;
        done(term, 'hint', started);
        return;
      }
      list.innerHTML = found.notes.map(renderNote).join('');
      status.textContent = found.notes.length === 0 ? `‘${term}’: ${TEXT.empty}` : TEXT.count(found.total);
      done(term, found.notes.length === 0 ? 'empty' : 'done', started);
    } catch (error) {
      if (mine !== seq) return;
      console.warn('[search]', error);
      list.replaceChildren();
      status.textContent = TEXT.failed;
      dialog.setAttribute('data-search-state', 'failed');
    }
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(input.value.trim()), 60);
  });

  dialog.addEventListener('keydown', (event) => {
    if (event.isComposing) return; // Korean IME: Enter and arrows belong to the composition.
    const all = links();
    const at = all.indexOf(document.activeElement as HTMLAnchorElement);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (all.length === 0) return;
      event.preventDefault();
      const next = event.key === 'ArrowDown' ? (at < 0 ? 0 : Math.min(at + 1, all.length - 1)) : at - 1;
      (next < 0 ? input : all[next]!).focus();
    } else if (event.key === 'Escape' && event.target === input) {
      // A search input's Escape would only clear the query (Chromium); Esc closes, as the help says.
      event.preventDefault();
      close();
    } else if (event.key === 'Enter' && event.target === input) {
      event.preventDefault(); // not the form's method="dialog" submit
      all[0]?.click();
    }
  });

  // Following a result closes the dialog (a link to a heading on this page only scrolls).
  list.addEventListener('click', (event) => {
    if ((event.target as Element).closest('a')) close();
  });
  // A click on the backdrop (outside the panel) closes it.
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) close();
  });
  // Closing can leave focus on the hidden input until Chromium's next focus fixup (the close
  // event comes later still), and a `/` typed meanwhile would go to it instead of reopening.
  const letGo = () => {
    // Not once it is open again (a close event that comes after a quick reopening).
    if (!dialog.open && dialog.contains(document.activeElement)) (document.activeElement as HTMLElement).blur();
  };
  const close = () => {
    dialog.close();
    letGo();
  };
  dialog.addEventListener('close', letGo);
  // Reopened, the last query is selected, so typing replaces it. showModal fires beforetoggle at
  // once and toggle a task later: a key typed in between is already in the box and must not be
  // selected away, so the query is selected only if it is still what it was at the opening.
  let openedWith: string | undefined;
  dialog.addEventListener('beforetoggle', (event) => {
    if ((event as ToggleEvent).newState === 'open') openedWith = input.value;
  });
  dialog.addEventListener('toggle', (event) => {
    if ((event as ToggleEvent).newState === 'open' && input.value === openedWith) input.select();
  });

  status.textContent = TEXT.loading;
  load().then(
    () => {
      if (status.textContent === TEXT.loading) status.textContent = input.value.trim() ? '' : TEXT.hint;
      dialog.setAttribute('data-search-state', 'ready');
    },
    (error: unknown) => {
      console.warn('[search]', error);
      status.textContent = TEXT.failed;
      dialog.setAttribute('data-search-state', 'failed');
    },
  );
  if (input.value.trim()) void run(input.value.trim());
  dialog.setAttribute('data-search-ready', '');
}

const dialog = document.getElementById('search-dialog');
if (dialog instanceof HTMLDialogElement && !dialog.hasAttribute('data-search-ready')) setup(dialog);
