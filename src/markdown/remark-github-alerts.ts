// GitHub alerts: a blockquote whose first line is `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]`
// or `[!CAUTION]` (any case, alone on its line) becomes a callout with a Korean title and GitHub's
// octicon, in GitHub's markup (`div.markdown-alert.markdown-alert-note` > `p.markdown-alert-title`).
// The callout is a `role="note"` region named by its title, so a screen reader announces
// "참고, 노트" (or its language's equivalent) before the content; the icon is hidden from it.
// Any other `[!WORD]` first line leaves the blockquote as it is, with a warning.

import { createRequire } from 'node:module';
import type { Blockquote, Paragraph, PhrasingContent, Root } from 'mdast';
import { walk } from '../syntax/walk.ts';
import type { VFile } from 'vfile';
import { reporterFor, type ReportOptions } from './report.ts';

export type AlertType = 'note' | 'tip' | 'important' | 'warning' | 'caution';

export interface RemarkGithubAlertsOptions extends ReportOptions {
  /** The title shown for each type (default: Korean, as below). */
  titles?: Partial<Record<AlertType, string>>;
}

export const ALERT_TITLES: Readonly<Record<AlertType, string>> = {
  note: '참고',
  tip: '팁',
  important: '중요',
  warning: '경고',
  caution: '주의',
};

/** The 16px octicon GitHub shows for each type. */
const ALERT_ICONS: Readonly<Record<AlertType, string>> = {
  note: 'info',
  tip: 'light-bulb',
  important: 'report',
  warning: 'alert',
  caution: 'stop',
};

/** `[!NOTE]` alone on the first line (trailing spaces allowed), as GitHub requires. */
const MARKER = /^\[!([A-Za-z]+)\][ \t]*(?:\n|$)/;

type OcticonData = Record<string, { heights: Record<string, { path: string }> }>;
let iconPaths: Map<AlertType, string[]> | undefined;

/** The `d` attributes of each alert's octicon, read once from @primer/octicons. */
function octiconPaths(type: AlertType): string[] {
  if (!iconPaths) {
    const data = createRequire(import.meta.url)('@primer/octicons/build/data.json') as OcticonData;
    iconPaths = new Map();
    for (const [alert, name] of Object.entries(ALERT_ICONS) as [AlertType, string][]) {
      const svg = data[name]?.heights['16']?.path ?? '';
      iconPaths.set(alert, [...svg.matchAll(/\bd="([^"]+)"/g)].map((m) => m[1]!));
    }
  }
  return iconPaths.get(type) ?? [];
}

function isAlertType(value: string): value is AlertType {
  return Object.hasOwn(ALERT_TITLES, value);
}

export default function remarkGithubAlerts(options: RemarkGithubAlertsOptions = {}) {
  const titles = { ...ALERT_TITLES, ...options.titles };
  return function transform(tree: Root, file: VFile): undefined {
    const warn = reporterFor(file, options);
    walk(tree, 'blockquote', (node: Blockquote) => {
      const first = node.children[0];
      if (first?.type !== 'paragraph') return;
      const text = first.children[0];
      if (text?.type !== 'text') return;
      const match = MARKER.exec(text.value);
      if (!match) return;
      const name = match[1]!.toLowerCase();
      if (!isAlertType(name)) {
        const line = node.position?.start.line;
        const column = node.position?.start.column;
        warn({
          code: 'unknown-alert',
          ...(line ? { line } : {}),
          ...(column ? { column } : {}),
          message: `[!${match[1]}] is not a GitHub alert type; the blockquote is shown as a plain quote`,
          hint: 'use [!NOTE], [!TIP], [!IMPORTANT], [!WARNING] or [!CAUTION]',
        });
        return;
      }
      // GitHub shows a marker with nothing after it as a plain quote.
      const rest = text.value.slice(match[0].length);
      if (rest.trim() === '' && first.children.length === 1 && node.children.length === 1) return;
      stripMarker(first, text, rest);
      if (first.children.length === 0) node.children.shift();
      node.children.unshift(titleParagraph(name, titles[name]));
      node.data = {
        ...node.data,
        hName: 'div',
        hProperties: { className: ['markdown-alert', `markdown-alert-${name}`], role: 'note', ariaLabel: titles[name] },
      };
    });
  };
}

function stripMarker(paragraph: Paragraph, text: PhrasingContent & { type: 'text' }, rest: string): void {
  if (rest === '') paragraph.children.shift();
  else text.value = rest;
  // A line break right after the marker (`[!NOTE]\` or two trailing spaces) has nothing to break.
  if (paragraph.children[0]?.type === 'break') paragraph.children.shift();
}

function titleParagraph(type: AlertType, title: string): Paragraph {
  const icon = {
    type: 'alertIcon',
    data: {
      hName: 'svg',
      hProperties: {
        className: ['octicon', `octicon-${ALERT_ICONS[type]}`],
        viewBox: '0 0 16 16',
        width: 16,
        height: 16,
        ariaHidden: 'true',
      },
      hChildren: octiconPaths(type).map((d) => ({ type: 'element', tagName: 'path', properties: { d }, children: [] })),
    },
  } as unknown as PhrasingContent;
  return {
    type: 'paragraph',
    data: { hProperties: { className: ['markdown-alert-title'] } },
    children: [icon, { type: 'text', value: title }],
  };
}
