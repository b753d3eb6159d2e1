// The frontmatter schema of a note: optional, and only these keys. An unknown or misspelt key is an
// error that names the key (and suggests the intended one).
import { z } from 'astro/zod';

export const FRONTMATTER_KEYS = ['title', 'description', 'order', 'draft', 'slug'] as const;

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = current;
    }
  }
  return row[b.length]!;
}

/** `titel` → `title`; undefined when nothing is close. */
export function suggestKey(key: string): string | undefined {
  const lower = key.toLowerCase();
  let best: { key: string; d: number } | undefined;
  for (const known of FRONTMATTER_KEYS) {
    const d = distance(lower, known);
    if (d <= 2 && (!best || d < best.d)) best = { key: known, d };
  }
  return best?.key;
}

export function unknownKeysMessage(keys: readonly PropertyKey[]): string {
  const parts = keys.map((k) => {
    const key = String(k);
    const suggestion = suggestKey(key);
    return suggestion ? `"${key}" (did you mean "${suggestion}"?)` : `"${key}"`;
  });
  return `unknown frontmatter key${keys.length > 1 ? 's' : ''} ${parts.join(', ')}; allowed keys: ${FRONTMATTER_KEYS.join(', ')}`;
}

export const noteFrontmatterSchema = z.strictObject(
  {
    title: z.string().optional(),
    description: z.string().optional(),
    order: z.number().optional(),
    draft: z.boolean().optional(),
    slug: z.string().optional(),
  },
  {
    error: (issue) => (issue.code === 'unrecognized_keys' ? unknownKeysMessage(issue.keys) : undefined),
  },
);

export type NoteFrontmatterData = z.infer<typeof noteFrontmatterSchema>;
