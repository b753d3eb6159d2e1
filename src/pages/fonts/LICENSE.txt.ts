// /fonts/LICENSE.txt: Pretendard's licence (SIL OFL 1.1), which every copy of the font, modified
// or not, must come with; the files' name tables carry only its summary and URL.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { APIRoute } from 'astro';
import { pretendardDir } from '../../core/font-slices';

export const GET: APIRoute = () =>
  new Response(readFileSync(path.join(pretendardDir(), '../../LICENSE.txt'), 'utf8'), {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
