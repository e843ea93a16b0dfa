import { describe, expect, it } from 'vitest'
import { checkJsonObject, findJsonError, lineColumn } from '../../../../renderer/src/lib/json-errors'

describe('lineColumn', () => {
  it('given a position on the third line, when located, then line and column are 1-based', () => {
    const text = '{\n  "a": 1,\n  "b" 2\n}'
    expect(lineColumn(text, 0)).toEqual({ line: 1, column: 1 })
    expect(lineColumn(text, text.indexOf('"b"') + 4)).toEqual({ line: 3, column: 7 })
  })

  it('given the end of the text, when located, then the column is one past the last character', () => {
    expect(lineColumn('{"a":', 5)).toEqual({ line: 1, column: 6 })
  })
})

describe('findJsonError', () => {
  it('given valid JSON of every kind, when scanned, then no error is found', () => {
    for (const text of ['{}', '[]', ' {"a": [1, -2.5e+3, true, false, null, "x\\u00e9\\n"]} ', '0', '"s"'])
      expect(findJsonError(text), text).toBeNull()
  })

  it.each([
    ['{"a": 1\n "b": 2}', 9, "Expected ',' or '}' after property value"],
    ['{"a": x}', 6, "Unexpected token 'x'"],
    ['{"a": 1,}', 8, 'Expected double-quoted property name'],
    ['{', 1, "Expected property name or '}'"],
    ['[1 2]', 3, "Expected ',' or ']' after array element"],
    ['{"a" 1}', 5, "Expected ':' after property name"],
    ['{} x', 3, 'Unexpected non-whitespace character after JSON'],
    ['{"a": "b', 8, 'Unterminated string'],
    ['{"a": "\\q"}', 8, 'Bad escaped character'],
    ['{"a": -}', 7, 'No number after minus sign'],
    ['{"a": 1.}', 8, 'Unterminated fractional number'],
    ['', 0, 'Unexpected end of input'],
  ])('given %j, when scanned, then the error is at %i: %s', (text, position, message) => {
    expect(findJsonError(text)).toEqual({ position, message })
  })

  it('given any text JSON.parse refuses, when scanned, then the scanner finds an error too', () => {
    const samples = ['{"a":tru}', '{"a":01}', '["\t"]', '{"a":1}}', '{"a":"\\u12"}', '[,]', 'nul']
    for (const text of samples) {
      expect(() => JSON.parse(text), text).toThrow()
      expect(findJsonError(text), text).not.toBeNull()
    }
  })
})

describe('checkJsonObject', () => {
  it('given a missing comma on line 3, when checked, then the message names line and column', () => {
    const text = '{\n  "name": "Ada",\n  "role": "admin"  "x": 1\n}'
    expect(checkJsonObject(text, 'payload')).toEqual({
      ok: false,
      message: "Line 3, column 20: Expected ',' or '}' after property value",
    })
  })

  it('given JSON that is not an object, when checked, then it is refused as such', () => {
    for (const text of ['[1]', '"x"', '3', 'null'])
      expect(checkJsonObject(text, 'payload')).toEqual({
        ok: false,
        message: 'The payload must be a JSON object',
      })
  })

  it('given empty text, when checked, then a required field refuses and an optional one is null', () => {
    expect(checkJsonObject('  ', 'payload').ok).toBe(false)
    expect(checkJsonObject('', 'metadata', true)).toEqual({ ok: true, value: null })
  })

  it('given an integer beyond 2^53, when checked, then it is refused at its place rather than written rounded', () => {
    expect(checkJsonObject('{"s": "12345678901234567890",\n "id": 12345678901234567890}', 'payload')).toEqual(
      {
        ok: false,
        message:
          'Line 2, column 8: 12345678901234567890 is beyond 2^53 and would be written rounded (as 12345678901234567000); write it as a string',
      },
    )
    expect(checkJsonObject('{"safe": 9007199254740991, "f": 1.2345678901234567891}', 'payload').ok).toBe(true)
  })

  it('given integers beyond 2^53 where exact integers are asked for, when checked, then their digits come by pointer beside the value', () => {
    const text =
      '{"s": "12345678901234567890", "id": 12345678901234567890, "a/b": [1, -98765432109876543210], "~": {"n": 9007199254740993}}'
    const check = checkJsonObject(text, 'payload', false, true)
    expect(check).toEqual({
      ok: true,
      value: JSON.parse(text),
      exact: {
        '/id': '12345678901234567890',
        '/a~1b/1': '-98765432109876543210',
        '/~0/n': '9007199254740993',
      },
    })
    expect(checkJsonObject('{"n": 1}', 'payload', false, true)).toEqual({ ok: true, value: { n: 1 } })
  })

  it('given an object, when checked, then its value is returned', () => {
    expect(checkJsonObject('{"a": {"b": [1]}}', 'payload')).toEqual({ ok: true, value: { a: { b: [1] } } })
  })
})
