// The page's only first-view JavaScript, inlined in <head> (Base.astro), hand-minified to stay
// under 1 KB:
//   1. applies the stored theme (localStorage.theme: light | dark | system) to <html data-theme>
//      before the first paint, so a dark page never flashes white;
//   2. the theme switch (ThemeSwitch.astro's radios, name="theme"): applies and stores a choice,
//      and marks the stored one when the page is parsed;
//   3. progressive copy buttons: once the page is parsed, wraps each highlighted code block
//      (pre.astro-code) in .code-block with a "복사" button; a click copies the code.
// Without JavaScript the theme follows the system and code blocks have no button.
export const THEME_SNIPPET =
  "(()=>{let d=document,r=d.documentElement,k='theme',t,a=v=>{v=='light'||v=='dark'?r.dataset.theme=v:delete r.dataset.theme};" +
  'try{t=localStorage[k]}catch{}a(t);' +
  "d.addEventListener('change',e=>{let i=e.target;if(i.name==k){a(i.value);try{localStorage[k]=i.value}catch{}}});" +
  "d.addEventListener('click',e=>{let b=e.target.closest?.('.code-copy');b&&navigator.clipboard.writeText(b.previousSibling.innerText).then(()=>{b.dataset.copied='';b.textContent='복사됨';setTimeout(()=>{delete b.dataset.copied;b.textContent='복사'},2e3)})});" +
  "d.addEventListener('DOMContentLoaded',()=>{let i=d.querySelector(`[name=${k}][value=${t=='light'||t=='dark'?t:'system'}]`);i&&(i.checked=!0);" +
  "for(let p of d.querySelectorAll('pre.astro-code')){let w=d.createElement('div'),b=d.createElement('button');w.className='code-block';b.type='button';b.className='code-copy';b.textContent='복사';p.before(w);w.append(p,b)}})})()";
