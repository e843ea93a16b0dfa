// How deep a JSON text nests, found without recursion, so that every recursive walk after the parse
// (merge patch, diff, exact wire values, serializers, the state tree) stays far from the stack's end.

/**
 * Deepest nesting of objects and arrays an event may have. Python's json module (the seed's
 * load_events) gives up near 1,000 levels with a RecursionError, so a deeper line is one the store's
 * own program cannot read either; every walk in eventscope handles this depth with room to spare.
 */
export const maxJsonDepth = 1000

/**
 * Whether a JSON text nests objects and arrays deeper than `max` levels.
 *
 * O(1) for a text shorter than 2 * max + 2 characters (it cannot be that deep: each level takes an
 * opening and a closing bracket), else one pass over the text that skips strings.
 */
export function exceedsDepth(text: string, max: number): boolean {
  if (text.length < 2 * max + 2) return false
  return depthOf(text) > max
}

/** The deepest nesting of objects and arrays in a JSON text (0 for a scalar). O(text). */
export function depthOf(text: string): number {
  let depth = 0
  let deepest = 0
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at)
    if (code === 0x22) {
      for (at++; at < text.length && text.charCodeAt(at) !== 0x22; at++)
        if (text.charCodeAt(at) === 0x5c) at++
    } else if (code === 0x7b || code === 0x5b) {
      if (++depth > deepest) deepest = depth
    } else if (code === 0x7d || code === 0x5d) depth--
  }
  return deepest
}
