// Code blocks come out the same however busy the machine is: every renderer the site's processor
// makes (and each render worker) tokenizes with a time limit no sane line reaches, instead of
// Shiki's 500 ms, after which a line is left uncoloured in one theme or both.
import { unified } from '@astrojs/markdown-remark';
import { describe, expect, it } from 'vitest';
import { processorOptions, withSteadyHighlighting } from '../../src/markdown/processor.ts';

type Shared = Parameters<typeof withSteadyHighlighting>[0];

describe('withSteadyHighlighting', () => {
  it('keeps the configured transformers and raises the tokenizing time limit', async () => {
    const seen: Array<number | undefined> = [];
    const spy = { name: 'spy', preprocess: (_code: string, options: { tokenizeTimeLimit?: number }) => void seen.push(options.tokenizeTimeLimit) };
    const shared = { syntaxHighlight: 'shiki', shikiConfig: { themes: { light: 'github-light-default', dark: 'github-dark-default' }, defaultColor: false, transformers: [spy] } } as unknown as Shared;
    const steady = withSteadyHighlighting(shared);
    // Ours runs after the author's transformers; a transformer after it sees the raised limit.
    steady.shikiConfig!.transformers!.push(spy as never);
    const renderer = await unified(processorOptions()).createRenderer(steady);
    const { code } = await renderer.render('```js\nconst answer = 42;\n```\n', {});
    expect(seen).toEqual([undefined, 30_000]);
    expect(code).toContain('--shiki-light:');
    expect(code).toContain('--shiki-dark:');
    // The configuration given is not changed (it is shared with the workers, which add their own).
    expect(shared.shikiConfig!.transformers).toHaveLength(1);
  });
});
