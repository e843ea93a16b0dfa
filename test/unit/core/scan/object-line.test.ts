// isCertainObjectLine against the one verdict of a line (judgeLine): it may say "not known" for an
// event, never "an event" for a line judgeLine refuses, whatever the bytes.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isCertainObjectLine } from '../../../../electron/core/scan/object-line'
import { LineSplitter, type LineSpan } from '../../../../electron/core/stream/line-splitter'
import { judgeLine } from '../../../../electron/core/stream/line-verdict'

/** The first line of `bytes` as the stream readers see it, followed by another line in the same buffer. */
function spanOf(bytes: Buffer): LineSpan {
  const out: LineSpan[] = []
  const splitter = new LineSplitter()
  splitter.push(Buffer.concat([bytes, Buffer.from('\n}]"0 {"a": 1}\n')]), (span) => out.push(span))
  return out[0] as LineSpan
}

const certain = (text: string | Buffer): boolean => {
  const span = spanOf(Buffer.isBuffer(text) ? text : Buffer.from(text))
  return isCertainObjectLine(span.buffer, span.start, span.end)
}
const isEvent = (bytes: Buffer): boolean => judgeLine(spanOf(bytes), null).event !== null

describe('isCertainObjectLine', () => {
  it.each([
    '{}',
    '  { }  ',
    '{"event_id": "b8829f5c", "event_type": "MoneyDepositedEvent", "amount": 202.47, "frozen": false}',
    '{"a": [1, -2, 3.5e-3, 0, -0.0, 1E+9, true, null, {"b": []}, [[]]], "c": {"d": {"e": "f"}}}',
    '{"s": "tab\\t quote\\" slash\\/ back\\\\ \\u00e9\\uD83D\\uDE00 \\b\\f\\n\\r"}',
    '{"owner": "José Núñez", "emoji": "😀"}',
    '{"big": 123456789012345678901234567890, "e": 1e400}',
  ])('given an event line %s, when checked, then it is certain', (line) => {
    expect(certain(line)).toBe(true)
    expect(isEvent(Buffer.from(line))).toBe(true)
  })

  it.each([
    ['bad JSON', '{"a": }'],
    ['a missing close', '{"a": 1'],
    ['trailing bytes', '{"a": 1} x'],
    ['two objects', '{} {}'],
    ['an array', '[1]'],
    ['a number', '42'],
    ['a raw tab in a string', '{"a": "x\ty"}'],
    ['a bad escape', '{"a": "\\x"}'],
    ['a short \\u escape', '{"a": "\\u12"}'],
    ['a leading zero', '{"a": 01}'],
    ['a bare point', '{"a": 1.}'],
    ['a bare exponent', '{"a": 1e}'],
    ['a single quote', "{'a': 1}"],
    ['a trailing comma', '{"a": 1,}'],
    ['a key that is no string', '{a: 1}'],
    ['a misspelt literal', '{"a": tru}'],
    ['a close of the other kind', '{"a": [1}]'],
    ['nesting beyond what it checks', `{"a": ${'['.repeat(100)}${']'.repeat(100)}}`],
    ['blank', '   '],
  ])('given %s, when checked, then it is not certain', (_what, line) => {
    expect(certain(line)).toBe(false)
  })

  it('given bytes that are not UTF-8 inside a string, when checked, then it is not certain', () => {
    expect(certain(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]))).toBe(false)
    expect(certain(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]))).toBe(
      false,
    )
  })

  it('given any JSON object written compactly or spaced, when checked, then it is certain', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ unit: 'binary' }), fc.jsonValue({ maxDepth: 4 })),
        fc.boolean(),
        (value, spaced) => {
          const text = JSON.stringify(value, null, spaced ? 1 : undefined).replace(/\n/g, ' ')
          expect(certain(text)).toBe(true)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('given random and damaged bytes, when checked, then a certain line is always an event to judgeLine', () => {
    const object = fc
      .dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }))
      .map((value) => Buffer.from(JSON.stringify(value)))
    // Damage: cut it, drop a byte, put a random byte in (any value, UTF-8 breaking ones included).
    const damaged = fc
      .tuple(
        object,
        fc.nat(),
        fc.integer({ min: 0, max: 255 }),
        fc.constantFrom('cut', 'drop', 'put', 'none'),
      )
      .map(([bytes, at, byte, how]) => {
        const i = bytes.length === 0 ? 0 : at % bytes.length
        if (how === 'cut') return bytes.subarray(0, i)
        if (how === 'drop') return Buffer.concat([bytes.subarray(0, i), bytes.subarray(i + 1)])
        if (how === 'put')
          return Buffer.concat([bytes.subarray(0, i), Buffer.from([byte]), bytes.subarray(i)])
        return bytes
      })
      .filter((bytes) => !bytes.includes(0x0a))
    const noise = fc
      .uint8Array({ maxLength: 40 })
      .map((bytes) => Buffer.from(bytes))
      .filter((bytes) => !bytes.includes(0x0a))
    fc.assert(
      fc.property(fc.oneof(damaged, noise), (bytes) => {
        if (certain(bytes)) expect(isEvent(bytes)).toBe(true)
      }),
      { numRuns: 3000 },
    )
  })
})
