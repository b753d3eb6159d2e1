// The page's only first-view JavaScript, inlined in <head> (Base.astro), hand-minified to stay
// under 1 KB (a test checks it):
//   1. applies the stored theme (localStorage.theme: light | dark | system) to <html data-theme>
//      before the first paint, so a dark page never flashes white;
//   2. the theme switch (ThemeSwitch.astro's radios, name="theme"): applies and stores a choice,
//      and marks the stored one when the page is parsed;
//   3. copy buttons (rendered in the HTML by src/markdown/rehype-code-copy.ts): a click copies
//      the code block before the button;
//   4. search (Search.astro): a click on [data-search-open], `/` or Ctrl/Cmd+K (by key position,
//      so Hangul mode works) opens the dialog and imports the search code named in its
//      data-module on first open.
// Without JavaScript the theme follows the system, copy buttons are hidden and search is absent.
export const THEME_SNIPPET =
  "(()=>{let d=document,r=d.documentElement,k='theme',t,E=(n,f)=>d.addEventListener(n,f)," +
  "a=v=>{v=='light'||v=='dark'?r.dataset.theme=v:delete r.dataset.theme}," +
  "o=()=>{let g=d.getElementById('search-dialog');g.open||g.showModal();g.s||=import(g.dataset.module)};" +
  'try{t=localStorage[k]}catch{}a(t);' +
  "E('change',e=>{let i=e.target;if(i.name==k){a(i.value);try{localStorage[k]=i.value}catch{}}});" +
  "E('click',e=>{let c=e.target.closest?.bind(e.target),b=c?.('.code-copy');c?.('[data-search-open]')&&o();" +
  "b&&navigator.clipboard.writeText(b.previousSibling.innerText).then(()=>{b.dataset.copied='';b.textContent='복사됨';setTimeout(()=>{delete b.dataset.copied;b.textContent='복사'},2e3)})});" +
  "E('keydown',e=>{let g=e.target,m=e.ctrlKey||e.metaKey;(m&&e.code=='KeyK'||e.key=='/'&&!(m||e.altKey||g.isContentEditable||/^(INP|TEX|SEL)/.test(g.tagName)))&&(e.preventDefault(),o())});" +
  "E('DOMContentLoaded',()=>{let i=d.querySelector(`[name=${k}][value=${t=='light'||t=='dark'?t:'system'}]`);i&&(i.checked=!0)})})()";
