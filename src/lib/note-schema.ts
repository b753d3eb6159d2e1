// The frontmatter keys of the site's own notes, and the "did you mean" for a misspelt key.
// What other tools' keys become is src/lib/foreign-frontmatter.ts.

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

/** `titel` → `title`: the closest of `known` within `maxDistance` edits; undefined when nothing is close. */
export function suggestKey(key: string, known: readonly string[] = FRONTMATTER_KEYS, maxDistance = 2): string | undefined {
  const lower = key.toLowerCase();
  let best: { key: string; d: number } | undefined;
  for (const candidate of known) {
    const d = distance(lower, candidate.toLowerCase());
    if (d <= maxDistance && (!best || d < best.d)) best = { key: candidate, d };
  }
  return best?.key;
}
