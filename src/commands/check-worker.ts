// A worker thread of checkNotesInParallel (src/commands/check.ts): checks notes until none is left
// and sends back what it found.
import { enableCompileCache } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerInput } from './check.ts';

enableCompileCache?.(); // as scripts/check.ts does; the imports come after it
const { takeAndCheck } = await import('./check.ts');
const { createNoteChecker } = await import('./check-note.ts');

const { contentDir, root, files, counter } = workerData as WorkerInput;
parentPort?.postMessage(await takeAndCheck(createNoteChecker(contentDir, root), files, counter));
