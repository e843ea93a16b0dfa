// Integer literals in JSON text that a double cannot hold exactly (beyond ±2^53). Main rewrites them
// for exact parsing (electron/core/json/big-integers.ts); the renderer's Append form points at the
// first one. One scanner, so both sides agree on what counts.

/** An unsafe integer literal and where it sits in the text: `text.slice(start, end) === literal`. */
export interface UnsafeIntegerLiteral {
  readonly start: number
  readonly end: number
  readonly literal: string
}

const longDigits = /\d{16}/

/**
 * Every integer literal outside strings that a double cannot hold exactly, in order; stops after `limit`.
 * `text` should be JSON. O(n), and a single regex test when no run of 16 digits is in the text.
 */
export function unsafeIntegerLiterals(text: string, limit = Infinity): UnsafeIntegerLiteral[] {
  const found: UnsafeIntegerLiteral[] = []
  if (!longDigits.test(text)) return found
  for (let at = 0; at < text.length && found.length < limit; at++) {
    const code = text.charCodeAt(at)
    if (code === 0x22) {
      // Skip a string, escapes included.
      for (at++; at < text.length && text.charCodeAt(at) !== 0x22; at++)
        if (text.charCodeAt(at) === 0x5c) at++
    } else if (code === 0x2d || (code >= 0x30 && code <= 0x39)) {
      let end = at + 1
      while (end < text.length && /[0-9.eE+-]/.test(text.charAt(end))) end++
      const literal = text.slice(at, end)
      if (/^-?\d{16,}$/.test(literal) && !Number.isSafeInteger(Number(literal)))
        found.push({ start: at, end, literal })
      at = end - 1
    }
  }
  return found
}
