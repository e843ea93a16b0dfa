// A damaged line shown whole: read back from its byte offset, split into UTF-8 text and the bytes that
// are not UTF-8 (as hex), so the user sees exactly what is in the file instead of U+FFFD or an excerpt.

import { openRegularFile } from '../store/regular-file'

/** The most of one line sent to the page; a longer line is cut there and says so. */
export const maxShownLineBytes = 1024 * 1024

/** A run of text that is valid UTF-8, or a run of bytes that are not (lower-case hex, space-separated). */
export type LineSegment = { readonly text: string } | { readonly bytes: string }

/** What a damaged line holds, as far as `maxShownLineBytes`. */
export interface LineBytes {
  /** Bytes of the line without its line end, up to the cut. */
  readonly shownBytes: number
  /** The line goes on beyond what is shown. */
  readonly truncated: boolean
  readonly segments: readonly LineSegment[]
}

/**
 * The line starting at `offset` in `file`, up to its newline (a CR before it is dropped) or the end of
 * the file. One read of at most `maxBytes + 1` bytes; the file is opened read-only.
 */
export async function readLineAt(
  file: string,
  offset: number,
  maxBytes = maxShownLineBytes,
): Promise<LineBytes> {
  const buffer = Buffer.allocUnsafe(maxBytes + 1)
  const { handle } = await openRegularFile(file)
  let bytesRead: number
  try {
    ;({ bytesRead } = await handle.read(buffer, 0, buffer.length, offset))
  } finally {
    await handle.close()
  }
  const read = buffer.subarray(0, bytesRead)
  const newline = read.indexOf(0x0a)
  let line = newline >= 0 ? read.subarray(0, newline) : read.subarray(0, Math.min(bytesRead, maxBytes))
  const truncated = newline < 0 && bytesRead > maxBytes
  if (!truncated && line.at(-1) === 0x0d) line = line.subarray(0, -1)
  return { shownBytes: line.length, truncated, segments: utf8Segments(line) }
}

/**
 * `bytes` as alternating runs of decoded UTF-8 text and hex of the bytes that are not UTF-8.
 *
 * Follows the UTF-8 definition (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF, so
 * what counts as bad here is what the stream reader's fatal decoder refuses. O(n).
 */
export function utf8Segments(bytes: Uint8Array): LineSegment[] {
  const segments: LineSegment[] = []
  const decoder = new TextDecoder('utf-8')
  let textStart = 0
  let bad: number[] = []
  const flushText = (end: number) => {
    if (end > textStart) segments.push({ text: decoder.decode(bytes.subarray(textStart, end)) })
  }
  const flushBad = () => {
    if (bad.length === 0) return
    segments.push({ bytes: bad.map((b) => b.toString(16).padStart(2, '0')).join(' ') })
    bad = []
  }
  let i = 0
  while (i < bytes.length) {
    const size = sequenceLength(bytes, i)
    if (size > 0) {
      if (bad.length > 0) {
        flushBad()
        textStart = i
      }
      i += size
      continue
    }
    if (bad.length === 0) flushText(i)
    bad.push(bytes[i] as number)
    i += 1
    textStart = i
  }
  if (bad.length > 0) flushBad()
  else flushText(bytes.length)
  return segments
}

/** Length of the well-formed UTF-8 sequence at `i`, or 0 when the byte there does not start one. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i] as number
  if (b0 < 0x80) return 1
  const cont = (k: number, low = 0x80, high = 0xbf): boolean => {
    const b = bytes[i + k]
    return b !== undefined && b >= low && b <= high
  }
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const low = b0 === 0xe0 ? 0xa0 : 0x80
    const high = b0 === 0xed ? 0x9f : 0xbf
    return cont(1, low, high) && cont(2) ? 3 : 0
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const low = b0 === 0xf0 ? 0x90 : 0x80
    const high = b0 === 0xf4 ? 0x8f : 0xbf
    return cont(1, low, high) && cont(2) && cont(3) ? 4 : 0
  }
  return 0
}
