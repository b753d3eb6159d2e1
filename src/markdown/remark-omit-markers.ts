// Honour Markdown All in One's `<!-- omit in toc -->` (and MDX's `{/* omit in toc */}`):
// flag the heading as omitted in the heading model, remove the marker from what is rendered,
// and warn about look-alikes that MAIO would ignore.

import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { headingModel, isMdxFile, stripOmitMarkers } from '../syntax/headings.ts';
import { isMarkerNodeValue, markerFor } from '../syntax/omit-markers.ts';
import { reporterFor, type ReportOptions } from './report.ts';

export type RemarkOmitMarkersOptions = ReportOptions;

export default function remarkOmitMarkers(options: RemarkOmitMarkersOptions = {}) {
  return function transform(tree: Root, file: VFile): undefined {
    const model = headingModel(tree, file);
    const warn = reporterFor(file, options);
    const marker = markerFor(isMdxFile(file));
    for (const heading of model.headings) {
      if (!heading.lookalike) continue;
      warn({
        code: 'omit-lookalike',
        line: heading.lookalike.line,
        message: `\`${heading.lookalike.text}\` looks like an omit marker but is not one, so "${heading.text.trim()}" stays in the TOC`,
        hint: `write exactly \`${marker}\` at the end of the heading line or alone on the line directly above it`,
      });
    }
    stripOmitMarkers(tree, model);
    // A marker left in the tree is one that is not directly above a heading: it does nothing.
    for (const node of tree.children) {
      if (!isMarkerNodeValue(node.type, 'value' in node ? String(node.value) : '')) continue;
      warn({
        code: 'omit-unattached',
        ...(node.position ? { line: node.position.start.line } : {}),
        message: 'this omit marker is not on the line directly above a heading, so it has no effect',
        hint: 'remove the blank line between the marker and its heading, or put the marker at the end of the heading line',
      });
    }
  };
}
