// Operations over arrays of any length. Spreading an array into a call's arguments (`Math.max(...xs)`,
// `xs.push(...ys)`) puts every item on the stack and throws a RangeError above ~125,000 items: that is
// how `eventscope list` crashed on a big store. These loop instead; ESLint refuses the spread form.

/** The largest of `values`, or `floor` when there is none larger. O(n), any length. */
export function maxOf(values: Iterable<number>, floor = Number.NEGATIVE_INFINITY): number {
  let max = floor
  for (const value of values) if (value > max) max = value
  return max
}

/** The smallest of `values`, or `ceiling` when there is none smaller. O(n), any length. */
export function minOf(values: Iterable<number>, ceiling = Number.POSITIVE_INFINITY): number {
  let min = ceiling
  for (const value of values) if (value < min) min = value
  return min
}

/** Append every item of `items` to `target` in order and return `target`. O(items), any length. */
export function appendAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item)
  return target
}
