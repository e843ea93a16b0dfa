// Whether a line is certainly an event, decided from its bytes without building a value: the scan counts
// a line its needles ruled out with this, so the versions after it stay exact without JSON.parse.
//
// Sound, not complete: `true` only for what line-verdict.ts calls an event (strict JSON, an object at
// the top, valid UTF-8, nested at most `maxNesting` deep); `false` means "not known", and the caller
// parses the line as every other reader does. So an odd line costs a parse, never a wrong version.
// One pass over the bytes with an explicit stack: no recursion, no allocation, no decoding. A cold search
// spends most of its time here, walking run after run of lines with certainLines (ruled-out-lines.ts).

import { isUtf8 } from 'node:buffer'

/** Deeper lines are left to the parser (line-verdict.ts refuses past 1,000 levels; this stays far below). */
const maxNesting = 64
const stack = new Uint8Array(maxNesting + 1)

const inObject = 1
const inArray = 2
// What comes next: a value, a key, a value or `]` (just after `[`), a key or `}`, a `,` or a close.
const value = 0
const key = 1
const valueOrClose = 2
const keyOrClose = 3
const afterValue = 4
const LF = 0x0a
let sawNonAscii = false

// What a byte is inside a string: plain (0), its closing quote, a backslash, a control byte (never
// allowed raw), or part of a multi-byte character.
const closing = 1
const escaping = 2
const control = 3
const multiByte = 4
const stringByte = new Uint8Array(256).map((_, byte) =>
  byte === 0x22 ? closing : byte === 0x5c ? escaping : byte < 0x20 ? control : byte >= 0x80 ? multiByte : 0,
)

/** Whether bytes [start, end) of `b` hold one JSON object and white space, as valid UTF-8. O(end - start). */
export function isCertainObjectLine(b: Uint8Array, start: number, end: number): boolean {
  // One line: strings are read a byte at a time (a view for four at a time costs more than it saves).
  const close = objectEnd(b, start, end)
  return close >= 0 && ends(b, start, close, end)
}

/**
 * Count the lines from `start` (a line's first byte) that are certainly events, each ended by a line
 * feed before `limit`; stops at the first line not known to be one or not ended before `limit`.
 * Returns the offset after the last line counted (`start` when none); the count is left in
 * `certainLines.counted` (a field, so the hot loop allocates nothing).
 *
 * A line here is what the line splitter hands out (line-splitter.ts): the bytes before its line feed;
 * the carriage return it strips is white space to JSON anyway. A line opening with a byte order mark
 * is not counted, so the splitter notes it as it does for any line. O(bytes counted): one walk, with
 * no line feed search, span or call per line first, which cost as much again as the walk.
 */
export function certainLines(b: Uint8Array, start: number, limit: number): number {
  let at = start
  let counted = 0
  viewOf(b)
  for (;;) {
    const close = objectEnd(b, at, limit)
    if (close < 0) break
    const feed = skipSpace(b, close, limit)
    if (feed >= limit || b[feed] !== LF || !ends(b, at, close, feed)) break
    counted++
    at = feed + 1
  }
  words = noWords
  certainLines.counted = counted
  return at
}
certainLines.counted = 0

// The offset just after the JSON object that starts at `start` (after white space), or -1 when the bytes
// before `end` are not certainly one. Sets `sawNonAscii`.
function objectEnd(b: Uint8Array, start: number, end: number): number {
  let i = skipSpace(b, start, end)
  if (i >= end || b[i] !== 0x7b) return -1
  let depth = 1
  stack[1] = inObject
  let next = keyOrClose
  sawNonAscii = false
  i++
  for (;;) {
    i = skipSpace(b, i, end)
    if (i >= end) return -1
    const c = b[i] as number
    if (next === afterValue) {
      if (c === 0x2c) {
        next = stack[depth] === inObject ? key : value
        i++
        continue
      }
      if (c !== (stack[depth] === inObject ? 0x7d : 0x5d)) return -1
    }
    if (next === afterValue || (next === keyOrClose && c === 0x7d) || (next === valueOrClose && c === 0x5d)) {
      i++
      if (--depth === 0) return i
      next = afterValue
      continue
    }
    if (next === key || next === keyOrClose) {
      if (c !== 0x22) return -1
      i = stringEnd(b, i, end)
      if (i < 0) return -1
      i = skipSpace(b, i, end)
      if (i >= end || b[i] !== 0x3a) return -1
      i++
      next = value
      continue
    }
    // A value at i.
    if (c === 0x22) {
      i = stringEnd(b, i, end)
      if (i < 0) return -1
    } else if (c === 0x7b || c === 0x5b) {
      if (depth === maxNesting) return -1
      stack[++depth] = c === 0x7b ? inObject : inArray
      next = c === 0x7b ? keyOrClose : valueOrClose
      i++
      continue
    } else if (c === 0x74) i = word(b, i, end, 0x72, 0x75, 0x65, -1)
    else if (c === 0x66) i = word(b, i, end, 0x61, 0x6c, 0x73, 0x65)
    else if (c === 0x6e) i = word(b, i, end, 0x75, 0x6c, 0x6c, -1)
    else i = numberEnd(b, i, end)
    if (i < 0) return -1
    next = afterValue
  }
}

// Whether only white space follows the top object's close at `at`, and the line is valid UTF-8.
function ends(b: Uint8Array, start: number, at: number, end: number): boolean {
  return skipSpace(b, at, end) === end && (!sawNonAscii || isUtf8(b.subarray(start, end)))
}

// The position after the string whose opening quote is at `at`, or -1. Notes non-ASCII bytes in
// `sawNonAscii`, so the line's UTF-8 is checked once, only when it has any.
function stringEnd(b: Uint8Array, at: number, end: number): number {
  let j = plainEnd(at + 1, end)
  while (j < end) {
    const d = b[j] as number
    // One table look per byte: 0 for the plain ASCII bytes that make up most strings.
    const kind = stringByte[d] as number
    if (kind === 0) {
      j++
      continue
    }
    if (kind === closing) return j + 1
    if (kind === escaping) {
      j = escapeEnd(b, j + 1, end)
      if (j < 0) return -1
    } else if (kind === control) return -1
    else {
      sawNonAscii = true
      j++
    }
  }
  return -1
}

// The bytes certainLines walks, as a view that reads four at a time, and the view's offset into them;
// let go after each call, so a big buffer (a long line joined from chunks) is not kept alive by it.
const noWords: DataView = new DataView(new ArrayBuffer(0))
let words = noWords
let wordsAt = 0

// Point `words` at `b`, once per call into this file, not per string.
function viewOf(b: Uint8Array): void {
  words = new DataView(b.buffer)
  wordsAt = b.byteOffset
}

/**
 * The offset of the first byte at or after `at` that is not plain inside a string, or a few bytes before
 * it: plain is ASCII from 0x20 up, but for `"` and `\\`. Reads four bytes at once (SWAR); stringEnd
 * reads the rest a byte at a time.
 */
function plainEnd(at: number, end: number): number {
  let j = at
  if (words === noWords) return j
  while (j + 4 <= end) {
    const x = words.getInt32(wordsAt + j, true)
    const quote = x ^ 0x22222222
    const slash = x ^ 0x5c5c5c5c
    // Per byte, the high bit of: a zero (quote, backslash), a byte under 0x20 (control), or the byte
    // itself (non-ASCII). Exact for "any such byte among the four", which is all that is asked.
    const odd =
      ((quote - 0x01010101) & ~quote) | ((slash - 0x01010101) & ~slash) | ((x - 0x20202020) & ~x) | x
    if ((odd & 0x80808080) !== 0) break
    j += 4
  }
  return j
}

// Space, tab and carriage return. A line feed ends a line, so it is never white space inside one (a
// span from the line splitter holds none; certainLines walks across them).
function skipSpace(b: Uint8Array, at: number, end: number): number {
  let i = at
  while (i < end) {
    const c = b[i] as number
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) break
    i++
  }
  return i
}

// The position after the escape whose letter is at `at`, or -1.
function escapeEnd(b: Uint8Array, at: number, end: number): number {
  if (at >= end) return -1
  switch (b[at]) {
    case 0x22:
    case 0x5c:
    case 0x2f:
    case 0x62:
    case 0x66:
    case 0x6e:
    case 0x72:
    case 0x74:
      return at + 1
    case 0x75:
      if (at + 4 >= end) return -1
      for (let k = 1; k <= 4; k++) if (!isHex(b[at + k] as number)) return -1
      return at + 5
    default:
      return -1
  }
}

// `true`, `false` or `null` at `at` (its first letter already seen); -1 as a letter means "ends here".
function word(
  b: Uint8Array,
  at: number,
  end: number,
  l1: number,
  l2: number,
  l3: number,
  l4: number,
): number {
  const length = l4 === -1 ? 4 : 5
  if (at + length > end) return -1
  if (b[at + 1] !== l1 || b[at + 2] !== l2 || b[at + 3] !== l3) return -1
  if (l4 !== -1 && b[at + 4] !== l4) return -1
  return at + length
}

// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? at `at`; the position after it, or -1.
function numberEnd(b: Uint8Array, at: number, end: number): number {
  let i = at
  if (i < end && b[i] === 0x2d) i++
  if (i < end && b[i] === 0x30) i++
  else if (isDigitAt(b, i, end)) i = digitsEnd(b, i, end)
  else return -1
  if (i < end && b[i] === 0x2e) {
    if (!isDigitAt(b, i + 1, end)) return -1
    i = digitsEnd(b, i + 1, end)
  }
  if (i < end && (b[i] === 0x65 || b[i] === 0x45)) {
    i++
    if (i < end && (b[i] === 0x2b || b[i] === 0x2d)) i++
    if (!isDigitAt(b, i, end)) return -1
    i = digitsEnd(b, i, end)
  }
  return i
}

function isDigitAt(b: Uint8Array, at: number, end: number): boolean {
  if (at >= end) return false
  const c = b[at] as number
  return c >= 0x30 && c <= 0x39
}

function digitsEnd(b: Uint8Array, at: number, end: number): number {
  let i = at
  while (isDigitAt(b, i, end)) i++
  return i
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)
}
