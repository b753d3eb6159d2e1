// src/syntax/walk.ts against unist-util-visit: the same nodes, in the same order, with the same
// index and parent, for every action a visitor can return and the changes our plugins make.
import { fromHtml } from 'hast-util-from-html';
import type { Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { Node, Parent } from 'unist';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { EXIT, SKIP, walk, type WalkResult } from '../../src/syntax/walk.ts';

const SOURCE = `# 제목

문단에 **굵게**와 [링크](https://example.com), \`코드\`.

> 인용 *기울임*
>
> - 목록 하나
> - 목록 둘

## 둘째

| 가 | 나 |
| - | - |
| 1 | 2 |

\`\`\`js
let x = 1
\`\`\`
`;

const tree = (): Root => fromMarkdown(SOURCE);

type Visitor = (node: Node, index: number | undefined, parent: Parent | undefined) => WalkResult;

/** What a visitor saw: type, index, parent type, in order. */
function trace(run: (tree: Root, visitor: Visitor) => void, act: Visitor = () => undefined): { seen: string[]; after: Root } {
  const t = tree();
  const seen: string[] = [];
  run(t, (node, index, parent) => {
    seen.push(`${node.type}@${index ?? '-'}<${parent?.type ?? '-'}`);
    return act(node, index, parent);
  });
  return { seen, after: t };
}

const viaVisit = (type?: string) => (t: Root, v: Visitor) => (type ? visit(t, type, v as never) : visit(t, v as never));
const viaWalk = (type?: string) => (t: Root, v: Visitor) => (type ? walk(t, type, v) : walk(t, v));

function same(act: Visitor, type?: string) {
  const expected = trace(viaVisit(type), act);
  const actual = trace(viaWalk(type), act);
  expect(actual.seen).toEqual(expected.seen);
  expect(actual.after).toEqual(expected.after);
  return actual;
}

describe('walk', () => {
  it('visits every node in document order with its index and parent', () => {
    expect(same(() => undefined).seen.length).toBe(30);
  });

  it('visits only nodes of a type', () => {
    expect(same(() => undefined, 'text').seen.every((s) => s.startsWith('text@'))).toBe(true);
  });

  it('does not enter a node on SKIP and stops on EXIT', () => {
    same((node) => (node.type === 'blockquote' || node.type === 'table' ? SKIP : undefined));
    expect(same((node) => (node.type === 'heading' && (node as { depth?: number }).depth === 2 ? EXIT : undefined)).seen.at(-1)).toMatch(/^heading@/);
    same((node) => (node.type === 'strong' ? [EXIT] : undefined), 'strong');
  });

  it('goes on at the index a visitor returns, after removing a node', () => {
    same((node, index, parent) => {
      if (node.type !== 'inlineCode' || !parent || index === undefined) return;
      parent.children.splice(index, 1);
      return index;
    });
    same((node, index, parent) => (node.type === 'listItem' && parent && index !== undefined ? [SKIP, index + 1] : undefined));
  });

  it('enters a node the visitor replaced in its parent, not its replacement', () => {
    same((node, index, parent) => {
      if (node.type !== 'code' || !parent || index === undefined) return;
      parent.children[index] = { type: 'paragraph', children: [{ type: 'text', value: '대신' }] } as Nodes as never;
    });
  });

  it('walks hast the same way, elements and text alike', () => {
    const html = '<h2 id="a">제목 <code>x</code></h2><p>문단<br>둘째 줄</p><table><tr><td>1</td></tr></table><template><b>안</b></template>';
    for (const type of [undefined, 'element', 'text']) {
      const seen = (run: (t: Node, v: Visitor) => void) => {
        const out: string[] = [];
        run(fromHtml(html, { fragment: true }), (node, index, parent) => {
          out.push(`${node.type}:${(node as { tagName?: string }).tagName ?? ''}@${index ?? '-'}<${(parent as { tagName?: string } | undefined)?.tagName ?? parent?.type ?? '-'}`);
        });
        return out;
      };
      const expected = seen((t, v) => (type ? visit(t, type, v as never) : visit(t, v as never)));
      expect(seen((t, v) => (type ? walk(t, type, v) : walk(t, v)))).toEqual(expected);
      expect(expected.length).toBeGreaterThan(3);
    }
  });

  it("enters the children a visitor gives a node", () => {
    same((node) => {
      if (node.type === 'blockquote') (node as Parent).children = (node as Parent).children.slice(1);
    });
  });
});
