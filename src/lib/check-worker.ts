// A worker thread of checkNotesInParallel (src/lib/check.ts): checks notes until none is left
// and sends back what it found.
import { parentPort, workerData } from 'node:worker_threads';
import { createNoteChecker, takeAndCheck, type WorkerInput } from './check.ts';

const { contentDir, root, files, counter } = workerData as WorkerInput;
parentPort?.postMessage(await takeAndCheck(createNoteChecker(contentDir, root), files, counter));
