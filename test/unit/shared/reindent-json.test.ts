// The re-indenter under the Append template and the Event pane's raw line: text laid out again from its
// tokens, so every number literal, string and key keeps its place and spelling.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { reindentJson } from '../../../shared/reindent-json'

// JSON text written in odd ways: literals a double prints otherwise, integer-like keys, uneven spacing.
const space = fc.constantFrom('', ' ', '\n', '\t ', '\r\n  ')
const literal = fc.oneof(
  fc.constantFrom('1.0', '1E5', '-0.0', '0.10', '1e400', '12345678901234567890', '-98765432109876543210'),
  fc.constantFrom('true', 'false', 'null', '"a, {b}: [c] \\"d\\" \\\\"', '"\\u00e9"'),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)),
  fc.string().map((s) => JSON.stringify(s)),
)
const key = fc.oneof(
  fc.constantFrom('"2"', '"1"', '"b"', '"__proto__"', '"a\\"b"'),
  fc.string().map((s) => JSON.stringify(s)),
)
const { text } = fc.letrec<{ text: string; object: string; array: string }>((tie) => ({
  text: fc.oneof({ depthSize: 'small', withCrossShrink: true }, literal, tie('object'), tie('array')),
  object: fc
    .array(fc.tuple(key, space, space, tie('text')), { maxLength: 5 })
    .chain((members) =>
      space.map((s) => `{${s}${members.map(([k, a, b, v]) => `${a}${k}${b}:${a}${v}${b}`).join(',')}${s}}`),
    ),
  array: fc
    .array(tie('text'), { maxLength: 5 })
    .chain((items) => space.map((s) => `[${s}${items.join(`,${s}`)}${s}]`)),
}))

/** The number tokens and the string tokens (keys included) of JSON text, in their order. */
function tokens(json: string): { numbers: string[]; strings: string[] } {
  const strings = json.match(/"(?:[^"\\]|\\.)*"/g) ?? []
  const outside = json.replace(/"(?:[^"\\]|\\.)*"/g, '""')
  return { numbers: outside.match(/-?[0-9][0-9.eE+-]*/g) ?? [], strings }
}

describe('reindentJson', () => {
  it('given JSON text however written, when re-indented, then it parses to the same value with the same keys, strings and number tokens in order', () => {
    fc.assert(
      fc.property(text, (json) => {
        const out = reindentJson(json)
        expect(JSON.parse(out)).toEqual(JSON.parse(json))
        expect(tokens(out)).toEqual(tokens(json))
      }),
    )
  })

  it('given any JSON written compactly, when re-indented, then it reads as JSON.stringify indents it', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(reindentJson(JSON.stringify(value))).toBe(JSON.stringify(value, null, 2))
      }),
    )
  })

  it('given any JSON laid out with 2 spaces, when re-indented by 0, then it reads as JSON.stringify writes it compactly', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(reindentJson(JSON.stringify(value, null, 2), 0)).toBe(JSON.stringify(value))
      }),
    )
  })

  it('given literals and integer-like keys, when re-indented, then they stay as written and in place', () => {
    expect(reindentJson('{"2":1.0,"1": 1E5 ,"b":[ 18446744073709551616 ,{ }]}')).toBe(
      '{\n  "2": 1.0,\n  "1": 1E5,\n  "b": [\n    18446744073709551616,\n    {}\n  ]\n}',
    )
  })

  it('given nesting far deeper than the stack, when re-indented, then it is laid out without recursion, in linear size', () => {
    const deep = '['.repeat(20_000) + ']'.repeat(20_000)
    const out = reindentJson(deep)
    expect(out.split('\n')).toHaveLength(2 * 19_999 + 1)
    // Indentation stops growing at depth 100, so the text stays linear in the input's size.
    expect(out.length).toBeLessThan(20_000 * 2 * 210)
    expect(out.replace(/\s/g, '')).toBe(deep)
  })
})
