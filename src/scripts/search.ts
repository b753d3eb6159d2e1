// The search dialog's code, loaded by Search.astro's inline listener the first time the dialog
// opens (never on first view). Bundled on its own by Vite (`?worker&url`): one classic script,
// no imports, so it can be injected with a plain <script src>.
const dialog = document.getElementById('search-dialog');
dialog?.setAttribute('data-search-ready', '');
