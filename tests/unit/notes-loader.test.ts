import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NoteError } from '../../src/lib/diagnostics.ts';
import { wrapNotesLoader } from '../../src/lib/notes-loader.ts';

type Loader = Parameters<typeof wrapNotesLoader>[0];
type Context = Parameters<Loader['load']>[0];

function fakeContext() {
  const logged: string[] = [];
  const logger = {
    options: {},
    label: 'glob',
    error(message: string) {
      logged.push(`error ${message}`);
    },
    warn(message: string) {
      logged.push(`warn ${message}`);
    },
    info(message: string) {
      logged.push(`info ${message}`);
    },
  };
  return { context: { logger } as unknown as Context, logged };
}

function innerLoader(run: (context: Context) => void | Promise<void>): Loader {
  return { name: 'glob-loader', load: async (context) => run(context) };
}

describe('wrapNotesLoader', () => {
  it('passes a clean load through, logging as before', async () => {
    const { context, logged } = fakeContext();
    await wrapNotesLoader(innerLoader((c) => c.logger.info('fine')), '/p/content').load(context);
    expect(logged).toEqual(['info fine']);
  });

  it('fails when Astro only logged that a note could not be rendered', async () => {
    const { context, logged } = fakeContext();
    const loader = wrapNotesLoader(
      innerLoader((c) => c.logger.error('Error rendering 02-검색/01-a.md: plugin exploded')),
      `${process.cwd()}/content`,
    );
    const error = await loader.load(context).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(NoteError);
    expect((error as NoteError).diagnostic).toMatchObject({
      code: 'note-dropped',
      file: 'content/02-검색/01-a.md',
      message: 'rendering failed: plugin exploded',
    });
    expect(logged).toEqual(['error Error rendering 02-검색/01-a.md: plugin exploded']);
  });

  it('fails for unreadable notes and names the others too', async () => {
    const { context } = fakeContext();
    const loader = wrapNotesLoader(
      innerLoader((c) => {
        c.logger.warn('No contents found for b.md');
        c.logger.error('Error reading a.md: EACCES');
      }),
      '/p/content',
    );
    await expect(loader.load(context)).rejects.toThrow(/a\.md error \[note-dropped\] the file could not be read: EACCES \(and b\.md\)/);
  });

  it('rewrites Astro\'s YAML error to the file line', async () => {
    const { context } = fakeContext();
    const astroError = Object.assign(new Error('bad indentation of a mapping entry'), {
      name: 'MarkdownError',
      loc: { file: fileURLToPath(new URL('../fixtures/sites/bad-yaml/content/02-깨진-앞머리.md', import.meta.url)), line: 1, column: 0 },
    });
    const loader = wrapNotesLoader(
      innerLoader(() => {
        throw astroError;
      }),
      '/p/content',
    );
    await expect(loader.load(context)).rejects.toThrow(/02-깨진-앞머리\.md:2:1 error \[invalid-frontmatter-yaml\]/);
  });
});
