// What one line of a stream is: nothing but white space, a problem of some kind, or an event with its
// value and text. The one place that decides it: opening a stream, verify, search, projections and
// export all take a line's verdict from here, so they agree on which line is the event at version N.
// Pure: a line as bytes (a LineSpan) and the stream's envelope style in, a verdict out.

import type { EnvelopeStyle, Problem } from '../../../shared/contract'
import { unfaithfulNumberLiterals } from '../../../shared/number-literals'
import { parseExactAt } from '../json/big-integers'
import { isExactObject, isJsonObject, type ExactJsonObject, type JsonObject } from '../json/json-value'
import { exceedsDepth, maxJsonDepth } from '../json/json-depth'
import { defaultMaxLineBytes, type LineSpan } from './line-splitter'
import { lineProblem, parseFailure } from './line-problems'

/** An event line: its parsed value and its text (content only: no BOM, CR or line feed). */
export interface LineEvent {
  readonly value: JsonObject
  readonly text: string
  /**
   * The value with every number literal a double does not print back kept as written (bigints and
   * NumberLiterals, big-integers.ts); absent when the line holds none (`value` is then exact).
   */
  readonly exact?: ExactJsonObject
}

/** What a line is. `event` is null for a line that holds no event; `problems` may accompany an event. */
export interface LineVerdict {
  readonly event: LineEvent | null
  /** What is wrong with the line, each at the line's first byte (one offset rule for every kind). */
  readonly problems: readonly Problem[]
}

const none: readonly Problem[] = []
const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Judge one line. `style` is the stream's envelope style, null before its first event.
 *
 * O(line): one UTF-8 decode, one JSON.parse, a strict UTF-8 check only for a line holding U+FFFD and a
 * depth walk only for a line long enough to be over-deep.
 */
export function judgeLine(span: LineSpan, style: EnvelopeStyle | null): LineVerdict {
  const { line, lineOffset } = span
  if (span.tooLong !== undefined) {
    const size = `${(span.tooLong / 1048576).toFixed(1)} MiB`
    const limit = defaultMaxLineBytes / 1048576
    return skip(
      lineProblem(
        'line_too_long',
        line,
        lineOffset,
        `Line is ${size}, over the ${limit} MiB limit; not read`,
        null,
      ),
    )
  }
  const text = span.buffer.toString('utf8', span.start, span.end)
  // toString turns bad bytes into U+FFFD silently; only a line holding one is checked strictly. A last
  // line without its line feed may be cut inside a character by a writer still writing it: that is a
  // torn tail (below), not bad UTF-8; bad bytes before that cut are invalid_utf8 all the same.
  if (text.includes('\uFFFD') && !isValidUtf8(span.buffer.subarray(span.start, span.end), !span.terminated))
    return skip(lineProblem('invalid_utf8', line, lineOffset, 'Line is not valid UTF-8; not read', text))
  if (text.trim() === '') return skip(blankLine(span, text))
  const problems: Problem[] = []
  if (span.strayBom)
    problems.push(
      lineProblem(
        'stray_bom',
        line,
        lineOffset,
        'Byte order mark in the middle of the file (were two files joined?)',
        null,
      ),
    )
  let value: unknown
  try {
    // V8's JSON.parse is not recursive: any depth parses; what comes after it is bounded below.
    value = JSON.parse(text)
  } catch (error) {
    problems.push(
      span.terminated
        ? lineProblem('bad_line', line, lineOffset, 'Not valid JSON: ' + parseFailure(error), text)
        : lineProblem('torn_tail', line, lineOffset, 'Last line is incomplete: ' + parseFailure(error), text),
    )
    return { event: null, problems }
  }
  if (!isJsonObject(value)) {
    problems.push(lineProblem('not_object', line, lineOffset, 'Line is JSON but not an object', text))
    return { event: null, problems }
  }
  if (exceedsDepth(text, maxJsonDepth)) {
    problems.push(
      lineProblem(
        'too_deep',
        line,
        lineOffset,
        `Event is nested more than ${maxJsonDepth} levels deep; not read (the seed's Python cannot read it either)`,
        text,
      ),
    )
    return { event: null, problems }
  }
  // The first event decides the style (envelope.ts); in a stream whose payload sits under `data` or
  // `payload`, an event where that field is something else has lost its payload.
  const nested = style?.payload ?? 'flat'
  if (nested !== 'flat' && Object.hasOwn(value, nested) && !isJsonObject(value[nested]))
    problems.push(
      lineProblem(
        'payload_not_object',
        line,
        lineOffset,
        `The event's "${nested}" field is ${describe(value[nested])}, not an object: its payload is read as empty`,
        null,
      ),
    )
  // One scan outside the strings; the literals are found and the line parsed again only when it may
  // hold one (a 16-digit number, an exponent, -0, a fraction ending in 0).
  const literals = unfaithfulNumberLiterals(text)
  let exact: ExactJsonObject | undefined
  if (literals.length > 0) {
    const parsed = parseExactAt(text, literals)
    if (isExactObject(parsed)) exact = parsed
    const huge = literals.find((found) => !Number.isFinite(Number(found.literal)))
    if (huge)
      problems.push(
        lineProblem(
          'number_out_of_range',
          line,
          lineOffset,
          `The number ${huge.literal.slice(0, 40)} is beyond the double range: kept and shown as written, but a custom reducer sees it as ${Number(huge.literal) > 0 ? 'Infinity' : '-Infinity'}`,
          null,
        ),
      )
  }
  const event: LineEvent = exact ? { value, text, exact } : { value, text }
  return { event, problems: problems.length === 0 ? none : problems }
}

function skip(problem: Problem): LineVerdict {
  return { event: null, problems: [problem] }
}

// The seed's load_events runs json.loads on every line and gives up on the whole stream at a blank one,
// so a blank line is worth knowing about even though eventscope reads past it.
function blankLine(span: LineSpan, text: string): Problem {
  const bomOnly = text === '' && span.contentOffset - span.lineOffset === 3
  const what = bomOnly
    ? 'Line holds only a byte order mark'
    : text === ''
      ? 'Blank line'
      : 'Line holds only white space'
  return lineProblem(
    'blank_line',
    span.line,
    span.lineOffset,
    `${what}; skipped (the seed's load_events fails on it)`,
    null,
  )
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return `a ${typeof value}`
}

/** Whether `bytes` are UTF-8; with `prefix`, UTF-8 cut short inside a character counts too. */
function isValidUtf8(bytes: Uint8Array, prefix: boolean): boolean {
  try {
    // A streaming decode keeps an incomplete last character for later instead of failing; it needs a
    // decoder of its own (it would hold those bytes), and only a line still being written takes it.
    if (prefix) new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true })
    else strictUtf8.decode(bytes)
    return true
  } catch {
    return false
  }
}
