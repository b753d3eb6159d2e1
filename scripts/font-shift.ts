// The font rows of the bench's page views (scripts/bench-views.ts) for one page of a built site,
// without the rest of the bench: node scripts/font-shift.ts <dist> <page path> [runs]. Chromium
// falls back to the system's fonts; FONTCONFIG_FILE can name a fontconfig file that adds some.
import { measureViews } from './bench-views.ts';

const [dist, page, runs = '1'] = process.argv.slice(2);
if (!dist || !page) throw new Error('usage: font-shift.ts <dist> <page path> [runs]');
for (let i = 0; i < Number(runs); i++) {
  const views = await measureViews(dist, [page, page]);
  console.log(JSON.stringify({ shift: views?.shift, reflow: views?.reflow }));
}
