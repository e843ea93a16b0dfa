// Integers a double cannot hold (beyond ±2^53) survive JSON.parse only rounded. Where eventscope writes
// numbers out (JSON and CSV exports), a line holding such a literal is parsed with each one swapped for a
// marker string first, and the marker is turned back into the literal's digits on the way out.
// Pure; the cost is one regex test per line, and a scan only for a line with a run of 16+ digits.

import { randomUUID } from 'node:crypto'

/** Per process, so no string in anyone's data can pass for a marker. */
const nonce = randomUUID().slice(0, 8)
const markerPrefix = `\u0000bigint:${nonce}:`
const longDigits = /\d{16}/
const markerInJson = new RegExp(`"\\\\u0000bigint:${nonce}:(-?\\d+)"`, 'g')

/** The integer literals of a JSON text that a double cannot hold exactly, in order (strings skipped). */
export function unsafeIntegers(text: string): string[] {
  const found: string[] = []
  rewriteUnsafe(text, (literal) => {
    found.push(literal)
    return literal
  })
  return found
}

/** The JSON text with every unsafe integer literal turned into a marker string; the text itself when none. */
export function markBigIntegers(text: string): string {
  return rewriteUnsafe(text, (literal) => JSON.stringify(`${markerPrefix}${literal}`))
}

/** The digits a marker string stands for, or null for any other string. */
export function bigIntegerDigits(value: string): string | null {
  return value.startsWith(markerPrefix) ? value.slice(markerPrefix.length) : null
}

/** JSON text (from JSON.stringify) with each marker string written back as the number it was. */
export function unmarkBigIntegers(json: string): string {
  return json.includes(nonce) ? json.replace(markerInJson, '$1') : json
}

function rewriteUnsafe(text: string, replace: (literal: string) => string): string {
  if (!longDigits.test(text)) return text
  let out = ''
  let copied = 0
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at)
    if (code === 0x22) {
      // Skip a string, escapes included.
      for (at++; at < text.length && text.charCodeAt(at) !== 0x22; at++)
        if (text.charCodeAt(at) === 0x5c) at++
    } else if (code === 0x2d || (code >= 0x30 && code <= 0x39)) {
      let end = at + 1
      while (end < text.length && /[0-9.eE+-]/.test(text[end] as string)) end++
      const literal = text.slice(at, end)
      if (/^-?\d{16,}$/.test(literal) && !Number.isSafeInteger(Number(literal))) {
        out += text.slice(copied, at) + replace(literal)
        copied = end
      }
      at = end - 1
    }
  }
  return copied === 0 ? text : out + text.slice(copied)
}
