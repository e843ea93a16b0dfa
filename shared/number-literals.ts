// Number literals in JSON text that a JavaScript double does not print back as written: `-0.0`, `1.0`,
// `1E5`, `1e-400`, `1e400`, `0.10`, integers beyond 2^53. Main keeps each one as written (see
// electron/core/json/big-integers.ts); the renderer's Append form finds them the same way. One scanner,
// so both sides agree on what counts.

/** A literal and where it sits in the text: `text.slice(start, end) === literal`. */
export interface NumberLiteralAt {
  readonly start: number
  readonly end: number
  readonly literal: string
}

/** Whether `String(Number(literal))` gives back something else than `literal`. */
export function isUnfaithful(literal: string): boolean {
  return String(Number(literal)) !== literal
}

/**
 * Whether a JSON text may hold a number literal that a double does not print back. Never false for a
 * text that holds one; true also for some that do not (a 16-digit number that happens to print back).
 *
 * O(n) over the text outside strings: strings are skipped with indexOf, and a number is looked at
 * character by character, without converting it (~a third of the JSON.parse of the same line).
 */
export function mayHoldUnfaithfulNumber(text: string): boolean {
  const n = text.length
  let at = 0
  while (at < n) {
    const quote = text.indexOf('"', at)
    const gapEnd = quote === -1 ? n : quote
    for (let i = at; i < gapEnd; i++) {
      const c = text.charCodeAt(i)
      if (c !== 0x2d && (c < 0x30 || c > 0x39)) continue
      let end = i + 1
      let dot = -1
      let exponent = false
      for (; end < gapEnd; end++) {
        const d = text.charCodeAt(end)
        if (d >= 0x30 && d <= 0x39) continue
        if (d === 0x2e) dot = end
        else if (d === 0x65 || d === 0x45) exponent = true
        else if (d !== 0x2b && d !== 0x2d) break
      }
      // An exponent or 16+ characters may print otherwise; so may -0 (prints 0), a fraction ending in
      // 0 (1.0, 0.10) and a tiny decimal (0.0000001 prints as 1e-7).
      if (exponent || end - i >= 16) return true
      const digits = c === 0x2d ? i + 1 : i
      if (c === 0x2d && text.charCodeAt(digits) === 0x30 && (end === digits + 1 || dot === digits + 1))
        return true
      if (dot !== -1 && (text.charCodeAt(end - 1) === 0x30 || text.startsWith('0.00000', digits))) return true
      i = end - 1
    }
    if (quote === -1) return false
    at = stringEnd(text, quote) + 1
    if (at === 0) return false
  }
  return false
}

/**
 * Every number literal outside strings that a double does not print back, in order; stops after
 * `limit`. `text` should be JSON. O(n).
 */
export function unfaithfulNumberLiterals(text: string, limit = Infinity): NumberLiteralAt[] {
  const found: NumberLiteralAt[] = []
  if (!mayHoldUnfaithfulNumber(text)) return found
  for (let at = 0; at < text.length && found.length < limit; at++) {
    const code = text.charCodeAt(at)
    if (code === 0x22) {
      const end = stringEnd(text, at)
      if (end === -1) break
      at = end
    } else if (code === 0x2d || (code >= 0x30 && code <= 0x39)) {
      let end = at + 1
      while (end < text.length && isNumberChar(text.charCodeAt(end))) end++
      const literal = text.slice(at, end)
      if (isUnfaithful(literal)) found.push({ start: at, end, literal })
      at = end - 1
    }
  }
  return found
}

/** Whether a literal is an integer (no fraction, no exponent), so a bigint can hold it exactly. */
export function isIntegerLiteral(literal: string): boolean {
  return /^-?\d+$/.test(literal)
}

function isNumberChar(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    code === 0x2e ||
    code === 0x65 ||
    code === 0x45 ||
    code === 0x2b ||
    code === 0x2d
  )
}

// The index of the quote closing the string that opens at `open`, or -1 when it is not closed.
function stringEnd(text: string, open: number): number {
  let at = open + 1
  for (;;) {
    const quote = text.indexOf('"', at)
    if (quote === -1) return -1
    let back = quote - 1
    while (text.charCodeAt(back) === 0x5c) back--
    if (((quote - 1 - back) & 1) === 0) return quote
    at = quote + 1
  }
}
