// Renders `.mermaid-client` containers (see src/markdown/remark-mermaid.ts) with Mermaid, lazily:
// the Mermaid bundle loads when the first diagram comes within a screen of the viewport. Follows
// the page theme (`data-theme` on <html>, else the system preference) and re-renders on change.
// A diagram that does not parse keeps its source on the page (and a console warning).

type Mermaid = (typeof import('mermaid'))['default'];

let mermaidPromise: Promise<Mermaid> | undefined;
let counter = 0;

function loadMermaid(): Promise<Mermaid> {
  mermaidPromise ??= import('mermaid').then((m) => m.default);
  return mermaidPromise;
}

export function isDarkTheme(root: HTMLElement = document.documentElement): boolean {
  const theme = root.dataset.theme;
  if (theme === 'dark') return true;
  if (theme === 'light') return false;
  return window.matchMedia('(prefers-color-scheme: dark)').matches;
}

async function render(container: HTMLElement): Promise<void> {
  const source = container.dataset.mermaidSource ?? container.querySelector('.mermaid-source')?.textContent ?? '';
  container.dataset.mermaidSource = source;
  const mermaid = await loadMermaid();
  mermaid.initialize({ startOnLoad: false, theme: isDarkTheme() ? 'dark' : 'default', securityLevel: 'strict' });
  try {
    const { svg } = await mermaid.render(`user-content-mermaid-client-${counter++}`, source);
    container.innerHTML = svg;
    container.dataset.mermaidRendered = 'true';
    container.classList.remove('mermaid-error');
  } catch (error) {
    container.classList.add('mermaid-error');
    console.warn('[mermaid] diagram does not parse:', (error as Error).message);
  }
}

export function renderMermaidDiagrams(): void {
  const containers = [...document.querySelectorAll<HTMLElement>('.mermaid-client')];
  if (containers.length === 0) return;
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer.unobserve(entry.target);
        void render(entry.target as HTMLElement);
      }
    },
    { rootMargin: '100% 0px' },
  );
  for (const container of containers) observer.observe(container);

  const rerender = () => {
    for (const container of containers) if (container.dataset.mermaidRendered) void render(container);
  };
  new MutationObserver(rerender).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', rerender);
}
