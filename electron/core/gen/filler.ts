// Filler text for `eventscope gen --pad`: makes events as big as real ones (which carry descriptions,
// addresses, line items) so a store of a given event count has a realistic size on disk.

import type { Random } from './prng'

const words =
  'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore ' +
  'et dolore magna aliqua ut enim ad minim veniam quis nostrud exercitation ullamco laboris nisi ut ' +
  'aliquip ex ea commodo consequat duis aute irure dolor in reprehenderit in voluptate velit esse ' +
  'cillum dolore eu fugiat nulla pariatur excepteur sint occaecat cupidatat non proident sunt in culpa ' +
  'qui officia deserunt mollit anim id est laborum '

// ASCII only, no quote or backslash: its length in characters is its length in bytes, escaped or not.
const source = words.repeat(64)

/**
 * Filler of `averageBytes` bytes on average: a slice of the text above, 0 to 2 x averageBytes long, at a
 * random place. Two draws from `random` per call, whatever the length: O(length) to copy, no per-character
 * randomness, so padding a million events costs little more than writing their bytes.
 */
export function fillerText(random: Random, averageBytes: number): string {
  const length = random.int(0, 2 * averageBytes)
  const start = random.int(0, source.length - 1)
  if (start + length <= source.length) return source.slice(start, start + length)
  // Longer than what is left after `start`: wrap around (the text repeats anyway).
  let text = source.slice(start)
  while (text.length < length) text += source.slice(0, length - text.length)
  return text
}
