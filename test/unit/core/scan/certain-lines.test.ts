// certainLines (object-line.ts) walks a chunk line after line without finding the line feeds first: it
// must count a line only where judgeLine (the one verdict, on the line splitter's spans) calls it an
// event, and exactly where isCertainObjectLine says so of the same span, whatever bytes surround it.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { certainLines, isCertainObjectLine } from '../../../../electron/core/scan/object-line'
import { LineSplitter, type LineSpan } from '../../../../electron/core/stream/line-splitter'
import { judgeLine } from '../../../../electron/core/stream/line-verdict'

/** Each line feed-ended line of `bytes` as the readers see it, with where its next line begins. */
function spansOf(bytes: Buffer): { span: LineSpan; next: number }[] {
  const out: { span: LineSpan; next: number }[] = []
  new LineSplitter().push(bytes, (span) => {
    const next = bytes.indexOf(0x0a, span.start) + 1
    out.push({ span, next })
  })
  return out
}

/** The lines certainLines counts when asked at every line start it did not pass over, as the reader asks. */
function countedStarts(bytes: Buffer, limit = bytes.length): Set<number> {
  const counted = new Set<number>()
  let at = 0
  while (at < limit) {
    let start = at
    at = certainLines(bytes, at, limit)
    // Its answer: `counted` lines, each ending with a line feed before `at`.
    for (let k = 0; k < certainLines.counted; k++) {
      counted.add(start)
      start = bytes.indexOf(0x0a, start) + 1
    }
    expect(start).toBe(at)
    const feed = bytes.indexOf(0x0a, at)
    if (feed === -1 || feed >= limit) break
    at = feed + 1
  }
  return counted
}

/** Every counted line is an event, and the counted ones are those isCertainObjectLine calls certain. */
function agrees(bytes: Buffer): void {
  const counted = countedStarts(bytes)
  for (const { span, next } of spansOf(bytes)) {
    const lineStart = span.lineOffset
    const bom = span.contentOffset !== span.lineOffset
    const certain = !bom && isCertainObjectLine(span.buffer, span.start, span.end)
    expect(counted.has(lineStart), `line ${span.line}: ${bytes.toString('latin1', lineStart, next)}`).toBe(
      certain,
    )
    if (certain) expect(judgeLine(span, null).event).not.toBeNull()
  }
}

const deep = (levels: number) => `{"a": ${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}}`
// Lines that are events, lines that are not, and lines the walk may not know: one of each kind of thing
// the walk reads differently (numbers, escapes, control and non-UTF-8 bytes, nesting, a BOM, white space).
const pieces = [
  '{"event_type": "A", "n": 1e5, "m": -0, "k": 0.5E-3, "t": true, "f": false, "z": null}',
  '{"n": 01}',
  '{"n": 1.}',
  '{"n": -}',
  '{"n": .5}',
  '{"n": 1e}',
  '{"n": 0x1}',
  '{"s": "quote \\" back \\\\ slash \\/ \\b\\f\\n\\r\\t \\u00e9 \\uD83D\\uDE00"}',
  '{"s": "\\x"}',
  '{"s": "\\u12"}',
  '{"s": "\\u12G4"}',
  '{"s": "tab\there"}',
  '{"owner": "José Núñez", "emoji": "😀"}',
  deep(63),
  deep(64),
  deep(65),
  deep(200),
  '{"a": [1, 2,]}',
  '{"a": 1,}',
  '{"a" 1}',
  '{"a": [}',
  '{} {}',
  '[1]',
  '  {"padded": true}  \t',
  '{"cr": 1}\r',
  '{"cr": 1}\r\r',
  '',
  '   ',
  '\uFEFF{"bom": 1}',
  '{"a": {"b": {}}, "c": [[], {}, [{}]]}',
  '{"unclosed": "string',
  '{"a": tru}',
  '{"a": nul}',
  '{"a": falsey}',
]
const rawBytes = [
  [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d], // a byte that is never UTF-8
  [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc0, 0x80, 0x22, 0x7d], // an overlong encoding
  [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d], // a lone surrogate
  [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xe6, 0x97, 0x22, 0x7d], // a character cut short
  [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0x00, 0x22, 0x7d], // a raw NUL
  [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0x7f, 0x22, 0x7d], // DEL is allowed raw
].map((bytes) => Buffer.from(bytes))

const line = fc.oneof(
  fc.constantFrom(...pieces).map((text) => Buffer.from(text)),
  fc.constantFrom(...rawBytes),
  fc
    .tuple(fc.dictionary(fc.string({ unit: 'binary' }), fc.jsonValue({ maxDepth: 4 })), fc.boolean())
    .map(([value, spaced]) =>
      Buffer.from(JSON.stringify(value, null, spaced ? 1 : undefined).replace(/\n/g, ' ')),
    ),
  // Damaged: an object cut short, or with one byte put in.
  fc
    .tuple(
      fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 })),
      fc.nat(),
      fc.nat({ max: 255 }),
      fc.boolean(),
    )
    .map(([value, at, byte, cut]) => {
      const bytes = Buffer.from(JSON.stringify(value))
      const i = at % (bytes.length + 1)
      return cut
        ? bytes.subarray(0, i)
        : Buffer.concat([bytes.subarray(0, i), Buffer.from([byte]), bytes.subarray(i)])
    }),
)
// A file: lines ended by LF or CRLF; its last line unterminated or not.
const file = fc
  .tuple(fc.array(fc.tuple(line, fc.boolean()), { maxLength: 12 }), fc.option(line))
  .map(([lines, tail]) =>
    Buffer.concat([
      ...lines.map(([bytes, crlf]) => Buffer.concat([bytes, Buffer.from(crlf ? '\r\n' : '\n')])),
      tail ?? Buffer.alloc(0),
    ]),
  )

describe('certainLines', () => {
  it.each(pieces.map((text) => [text.slice(0, 60), text]))(
    'given the line %s among others, when walked, then it is counted exactly where it is certain',
    (_name, text) => {
      agrees(Buffer.from(`{"before": 1}\n${text}\n{"after": [2]}\n${text}\r\n`))
    },
  )

  it('given lines of bytes that are not UTF-8, control bytes or DEL, when walked, then each is counted exactly where it is certain', () => {
    for (const bytes of rawBytes) agrees(Buffer.concat([Buffer.from('{}\n'), bytes, Buffer.from('\n{}\n')]))
  })

  it('given an odd byte at every place of a long string, when walked, then the line is counted exactly when it is an event', () => {
    // The walk reads a string four bytes at a time: each kind of byte it must stop at, at each of the
    // four places in a word and near the string's ends.
    const odd = [[0x00], [0x1f], [0x09], [0x22], [0x5c], [0x5c, 0x6e], [0x5c, 0x75, 0x30, 0x30, 0x65, 0x39]]
    const nonAscii = [[0x7f], [0x80], [0xff], [0xc3, 0xa9], [0xe6, 0x97, 0xa5], [0xf0, 0x9f, 0x98, 0x80]]
    for (const bytes of [...odd, ...nonAscii])
      for (let at = 0; at <= 12; at++) {
        const text = Buffer.concat([
          Buffer.from('{"key": "'),
          Buffer.from('abcdefghijkl'.slice(0, at)),
          Buffer.from(bytes),
          Buffer.from('mnopqrstuvwx'.slice(at), 'latin1'),
          Buffer.from('", "n": 1}'),
        ])
        const line = Buffer.concat([text, Buffer.from('\n')])
        const event = judgeLine(spansOf(line)[0]?.span as LineSpan, null).event !== null
        certainLines(line, 0, line.length)
        expect(certainLines.counted, `${bytes.join(',')} at ${at}`).toBe(event ? 1 : 0)
      }
  })

  it('given a line split over two lines at any byte, when walked, then neither half is counted as the whole', () => {
    const text = '{"a": "b", "c": [1, {"d": null}], "e": 2.5}'
    for (let cut = 1; cut < text.length; cut++) {
      const bytes = Buffer.from(`${text.slice(0, cut)}\n${text.slice(cut)}\n`)
      agrees(bytes)
      expect(countedStarts(bytes).size, `cut at ${cut}`).toBe(0)
    }
  })

  it('given a last line without a line feed or one reaching the limit, when walked, then it is not counted', () => {
    const bytes = Buffer.from('{"a": 1}\n{"b": 2}\n{"c": 3}')
    expect(certainLines(bytes, 0, bytes.length)).toBe(18)
    expect(certainLines.counted).toBe(2)
    // The limit falls on the second line's line feed: that line is left for the caller.
    expect(certainLines(bytes, 0, 17)).toBe(9)
    expect(certainLines.counted).toBe(1)
  })

  it('given random files of events, damaged lines and odd bytes, when walked, then every counted line is an event and the count is exact', () => {
    fc.assert(fc.property(file, agrees), { numRuns: 2000 })
  })
})
