// GitHub's theme-specific images: `![](logo-dark.png#gh-dark-mode-only)` shows only in the dark
// theme, `#gh-light-mode-only` only in the light one. The suffix is taken off the URL (so Astro
// resolves the image as usual) and becomes a class; markdown-extras.css hides the image in the
// other theme. Raw `<img src="…#gh-dark-mode-only">` tags keep their URL and are matched by the
// stylesheet's attribute selectors instead.

import type { Image, Root } from 'mdast';
import { walk } from '../syntax/walk.ts';
import type { VFile } from 'vfile';
import { sourceMayMatch } from './source-text.ts';

const SUFFIX = /#(gh-(?:dark|light)-mode-only)$/;

export default function remarkThemeImages() {
  return function transform(tree: Root, file?: VFile): undefined {
    if (!sourceMayMatch(file, /#gh-|&#|&num;/i)) return;
    const themedDefinitions = new Map<string, string>();
    walk(tree, (node) => {
      if (node.type !== 'image' && node.type !== 'definition') return;
      const match = SUFFIX.exec(node.url);
      if (!match) return;
      node.url = node.url.slice(0, match.index);
      if (node.type === 'image') addClass(node, match[1]!);
      else themedDefinitions.set(node.identifier, match[1]!);
    });
    // `![alt][ref]` with `[ref]: logo.png#gh-dark-mode-only`.
    if (themedDefinitions.size > 0) {
      walk(tree, 'imageReference', (node) => {
        const cls = themedDefinitions.get(node.identifier);
        if (cls) addClass(node, cls);
      });
    }
  };
}

function addClass(node: Image | { data?: Image['data'] }, cls: string): void {
  const data = (node.data ??= {});
  const props = (data.hProperties ??= {}) as Record<string, unknown>;
  const existing = Array.isArray(props.className) ? (props.className as string[]) : [];
  props.className = [...existing, cls];
}
