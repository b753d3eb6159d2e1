// The frontmatter schema of a note: optional, and only these keys. An unknown or misspelt key is an
// error that names the key (and suggests the intended one).
import { z } from 'astro/zod';
import { nearest } from '../core/edit-distance.ts';

export const FRONTMATTER_KEYS = ['title', 'description', 'order', 'draft', 'slug'] as const;

/** `titel` → `title`; undefined when nothing is close. */
export function suggestKey(key: string): string | undefined {
  return nearest(key.toLowerCase(), FRONTMATTER_KEYS, 2);
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
