// CRLF line endings and a UTF-8 BOM must not change what a note renders to.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderNote } from '../helpers/markdown.ts';

// The seed plus a paragraph with soft line breaks and a code block, where CRLF used to leak.
const seed = `${readFileSync(new URL('../fixtures/spec/seed-note.md', import.meta.url), 'utf8')}
첫 줄
둘째 줄

\`\`\`python
print("가")
print("나")
\`\`\`

<div>
HTML 블록
</div>
`;

describe('line endings and BOM', () => {
  it.each([
    ['CRLF', seed.replace(/\n/g, '\r\n')],
    ['BOM', `\uFEFF${seed}`],
    ['CRLF and BOM', `\uFEFF${seed.replace(/\n/g, '\r\n')}`],
    ['CR only', seed.replace(/\n/g, '\r')],
  ])('%s renders the same HTML and diagnostics as LF', async (_name, variant) => {
    const lf = await renderNote(seed, 'content/seed.md');
    const other = await renderNote(variant, 'content/seed.md');
    expect(other.html).toBe(lf.html);
    expect(other.diagnostics).toEqual(lf.diagnostics);
    expect(other.headings).toEqual(lf.headings);
  });
});
