// "Did you mean …?": the one edit distance (Levenshtein) behind every suggestion the site makes
// (misspelt frontmatter keys, link fragments, note and file paths).

/** The number of single-character insertions, deletions and substitutions from `a` to `b`. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] ?? 0;
      row[j] = Math.min(current + 1, (row[j - 1] ?? 0) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] ?? 0;
}

/**
 * The candidate closest to `target` (the first of equally close ones), if at most `maxDistance`
 * away; by default "reasonably close": 2 edits, or half the target's length when that is more.
 */
export function nearest(
  target: string,
  candidates: readonly string[],
  maxDistance: number = Math.max(2, Math.floor(target.length / 2)),
): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const score = editDistance(target, candidate);
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best !== undefined && bestScore <= maxDistance ? best : undefined;
}
