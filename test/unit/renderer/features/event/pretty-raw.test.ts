import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { prettyRaw } from '../../../../../renderer/src/features/event/pretty-raw'

describe('prettyRaw', () => {
  it('given a JSON line, when prettified, then it is indented by two spaces', () => {
    expect(prettyRaw('{"a":1}')).toBe('{\n  "a": 1\n}')
  })

  it('given a broken line, when prettified, then it is shown unchanged', () => {
    expect(prettyRaw('{"a":')).toBe('{"a":')
  })

  it('given integers beyond 2^53, when prettified, then every digit is shown as written, never rounded', () => {
    expect(prettyRaw('{"id": 12345678901234567890, "n": [-98765432109876543210, 1.0]}')).toBe(
      '{\n  "id": 12345678901234567890,\n  "n": [\n    -98765432109876543210,\n    1.0\n  ]\n}',
    )
  })

  it('given strings with quotes, brackets and escapes, when prettified, then they are kept as written', () => {
    expect(prettyRaw('{"s": "a, {b}: [c] \\"d\\" \\\\", "e": {}, "f": [ ]}')).toBe(
      '{\n  "s": "a, {b}: [c] \\"d\\" \\\\",\n  "e": {},\n  "f": []\n}',
    )
  })

  it('given any JSON written compactly, when prettified, then it reads as JSON.stringify indents it', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const compact = JSON.stringify(value)
        expect(prettyRaw(compact)).toBe(JSON.stringify(value, null, 2))
      }),
      { numRuns: 500 },
    )
  })
})
