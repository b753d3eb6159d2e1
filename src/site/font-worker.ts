// The font's WebAssembly work in a process of its own (font-process.ts starts and ends it):
// reading Pretendard's cmap and cutting the site's files (font-subset.ts), each answer sent back
// whole.
import { cutFont, fontCharacters } from './font-subset.ts';

export type FontRequest = { kind: 'cmap'; file: string } | { kind: 'cut'; font: Uint8Array; text: string };
export type FontTask = FontRequest & { id: number };
export type FontReply = { id: number; chars?: number[]; bytes?: Uint8Array; error?: string };

process.on('message', async (task: FontTask) => {
  let reply: FontReply;
  try {
    reply =
      task.kind === 'cmap'
        ? { id: task.id, chars: [...(await fontCharacters(task.file))] }
        : { id: task.id, bytes: await cutFont(Buffer.from(task.font.buffer, task.font.byteOffset, task.font.byteLength), task.text) };
  } catch (error) {
    reply = { id: task.id, error: (error as Error)?.stack ?? String(error) };
  }
  process.send!(reply);
});
