/**
 * The filter of every resource list: each word of the query must appear in the row's text
 * (case-insensitive), so typing more words narrows the list instead of widening it.
 */
export function filterByWords<R>(
  rows: readonly R[],
  query: string,
  textOf: (row: R) => readonly string[],
): readonly R[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return rows;
  return rows.filter((row) => {
    const text = textOf(row).join(' ').toLowerCase();
    return words.every((word) => text.includes(word));
  });
}
