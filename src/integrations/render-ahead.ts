// Hands the render workers Astro's Markdown config as soon as Astro has resolved it, before the
// content sync: in a cold build they render notes ahead while Astro starts (processor.ts renderAhead).
import type { AstroIntegration } from 'astro';
import { renderAhead } from '../markdown/processor.ts';

export default function renderNotesAhead(): AstroIntegration {
  return {
    name: 'notes-render-ahead',
    hooks: {
      'astro:config:done': ({ config }) => {
        // What Astro's Markdown entry type passes createRenderer (astro/dist/vite-plugin-markdown/content-entry-type.js).
        const { markdown, image } = config;
        renderAhead({ image, syntaxHighlight: markdown.syntaxHighlight, shikiConfig: markdown.shikiConfig, gfm: markdown.gfm, smartypants: markdown.smartypants });
      },
    },
  };
}
