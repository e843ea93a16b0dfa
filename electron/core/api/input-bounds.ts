// How deep and how big a request may be before the contract's schemas look at it. The schemas recurse
// once per level of nesting, so a 4 KB request nested 2,000 deep overflowed the stack inside validation;
// measuring first, without recursion, turns such a request into a one-line refusal.

/** Deepest nesting a request may have: contract inputs are shallow; a payload deeper than this is not typed by hand. */
export const maxInputDepth = 256

/** Most values (objects, arrays, strings, numbers...) a request may hold in all. */
export const maxInputValues = 1_000_000

/**
 * Why `input` is too deep or too big to validate, or null when it may be validated.
 *
 * O(values) with an explicit stack, so the check itself cannot overflow; it stops at the first excess.
 */
export function inputBoundsRefusal(input: unknown): string | null {
  const stack: Array<{ value: unknown; depth: number }> = [{ value: input, depth: 1 }]
  let values = 0
  while (stack.length > 0) {
    const { value, depth } = stack.pop() as { value: unknown; depth: number }
    if (++values > maxInputValues) return `more than ${maxInputValues} values`
    if (typeof value !== 'object' || value === null) continue
    if (depth > maxInputDepth) return `nested deeper than ${maxInputDepth} levels`
    const children = Array.isArray(value) ? value : Object.values(value as Record<string, unknown>)
    for (const child of children) stack.push({ value: child, depth: depth + 1 })
  }
  return null
}
