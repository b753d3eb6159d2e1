// A build of many notes trades a little speed for memory (src/core/memory.ts): decided from the
// number of notes when Astro says it builds, before the content sync starts.
import type { AstroIntegration } from 'astro';
import { contentDir } from '../core/project.ts';
import { useFrugalHeap } from '../core/memory.ts';
import { getNoteGraph } from '../notes/note-graph.ts';

export default function buildMemory(): AstroIntegration {
  return {
    name: 'notes-build-memory',
    hooks: {
      'astro:config:setup': ({ command }) => {
        if (command === 'build') useFrugalHeap(getNoteGraph(contentDir()).notes.length);
      },
    },
  };
}
