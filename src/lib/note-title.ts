// The note title taken from its first top-level h1. Kept in one function so the shared heading
// model (src/markdown/) can replace the parsing later without touching the callers.
import { fromMarkdown } from 'mdast-util-from-markdown';
import { mdxFromMarkdown } from 'mdast-util-mdx';
import { mdxjs } from 'micromark-extension-mdxjs';
import type { Nodes, Root } from 'mdast';

/** MAIO's omit markers (and the MDX forms) never reach the title. */
const OMIT_MARKER = /<!--\s*omit (?:in|from) toc\s*-->|\{\s*\/\*\s*omit (?:in|from) toc\s*\*\/\s*\}/gi;

export interface HeadingSummary {
  /** Text of the first depth-1 heading that is a direct child of the document, trimmed. */
  firstH1Text?: string;
  /** Whether the note has an h1 anywhere (Markdown heading or an `<h1>` element). */
  hasAnyH1: boolean;
}

function parse(body: string, isMdx: boolean): Root | undefined {
  try {
    return isMdx
      ? fromMarkdown(body, { extensions: [mdxjs()], mdastExtensions: [mdxFromMarkdown()] })
      : fromMarkdown(body);
  } catch {
    // An MDX syntax error: the build reports it when it compiles the note; no title from here.
    return undefined;
  }
}

/** Visible text: text and code; no HTML, comments, MDX expressions or images. */
function visibleText(node: Nodes): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      return node.value;
    case 'html':
    case 'image':
    case 'imageReference':
    case 'footnoteReference':
    case 'mdxTextExpression':
    case 'mdxFlowExpression':
    case 'mdxjsEsm':
      return '';
    case 'break':
      return ' ';
    default:
      return 'children' in node ? (node.children as Nodes[]).map(visibleText).join('') : '';
  }
}

function containsH1(node: Nodes): boolean {
  if (node.type === 'heading' && node.depth === 1) return true;
  if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && node.name === 'h1') return true;
  if (node.type === 'html' && /<h1[\s>]/i.test(node.value)) return true;
  return 'children' in node && (node.children as Nodes[]).some(containsH1);
}

export function headingSummary(body: string, isMdx: boolean): HeadingSummary {
  const tree = parse(body, isMdx);
  if (!tree) return { hasAnyH1: false };
  const h1 = tree.children.find((n) => n.type === 'heading' && n.depth === 1);
  const summary: HeadingSummary = { hasAnyH1: containsH1(tree) };
  if (h1) summary.firstH1Text = visibleText(h1).replace(OMIT_MARKER, '').replace(/\s+/g, ' ').trim();
  return summary;
}

/**
 * The title from the note body: the first top-level h1's text with the omit marker removed and
 * trimmed; `undefined` when there is none or it has no text.
 */
export function firstHeadingTitle(body: string, isMdx: boolean): string | undefined {
  return headingSummary(body, isMdx).firstH1Text || undefined;
}
