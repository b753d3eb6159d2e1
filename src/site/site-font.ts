// The site's font files as pages see them: planned once per build from the note index
// (font-files.ts).
import { getNoteIndex } from './note-collection.ts';
import { planFontFiles, type SiteFont } from './font-files.ts';

export type { SiteFont, SiteFontFile } from './font-files.ts';

let plan: Promise<SiteFont> | undefined;

export function siteFontPlan(): Promise<SiteFont> {
  return (plan ??= getNoteIndex().then(planFontFiles));
}
