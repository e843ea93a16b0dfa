// Page arithmetic for windowed lists: which fixed-size pages cover a range of row indexes.
//
// Both the aggregates table and the timeline ask the host for windows of rows; fixed pages make the
// requests cacheable and keep one row from being fetched twice by overlapping windows.

export const pageSize = 200

/** The page indexes covering rows `first..last` (inclusive), clamped to `count` rows. */
export function pagesCovering(first: number, last: number, count: number, size = pageSize): number[] {
  if (count <= 0 || last < first) return []
  const from = Math.max(0, Math.floor(Math.max(0, first) / size))
  const to = Math.floor(Math.min(count - 1, Math.max(0, last)) / size)
  const pages: number[] = []
  for (let page = from; page <= to; page += 1) pages.push(page)
  return pages
}

/** The row at `index` from a page map, or undefined while its page is not loaded. */
export function rowAt<T>(
  pages: Readonly<Record<number, { readonly rows: readonly T[] }>>,
  index: number,
  size = pageSize,
): T | undefined {
  const page = pages[Math.floor(index / size)]
  return page?.rows[index % size]
}
