import { describe, expect, it } from 'vitest'
import { pythonJsonDumps, pythonNumber } from '../../../electron/core/gen/python-json'

describe('pythonJsonDumps', () => {
  it('given nested values and indent 2, when dumped, then lines end with "," and empty containers stay inline', () => {
    const value = {
      aggregates: { a: { event_count: 3, last_event_at: null } },
      empty: {},
      list: [],
      nums: [1, { q: true }],
    }
    expect(pythonJsonDumps(value, { indent: 2 })).toBe(
      [
        '{',
        '  "aggregates": {',
        '    "a": {',
        '      "event_count": 3,',
        '      "last_event_at": null',
        '    }',
        '  },',
        '  "empty": {},',
        '  "list": [],',
        '  "nums": [',
        '    1,',
        '    {',
        '      "q": true',
        '    }',
        '  ]',
        '}',
      ].join('\n'),
    )
  })

  it('given no indent, when dumped, then separators are ", " and ": " as json.dumps writes them', () => {
    expect(pythonJsonDumps({ a: [1, 2], b: { c: 'd' } })).toBe('{"a": [1, 2], "b": {"c": "d"}}')
  })

  it('given non-ASCII text, when dumped with the default ensure_ascii, then it is escaped as lowercase \\u code units', () => {
    expect(pythonJsonDumps('Zoë 李 😀 \u007f')).toBe('"Zo\\u00eb \\u674e \\ud83d\\ude00 \\u007f"')
  })

  it('given control characters, when dumped either way, then they use the short escapes Python uses', () => {
    const text = 'a"b\\c\n\r\t\b\f\u0001'
    const expected = '"a\\"b\\\\c\\n\\r\\t\\b\\f\\u0001"'
    expect(pythonJsonDumps(text)).toBe(expected)
    expect(pythonJsonDumps(text, { ensureAscii: false })).toBe(expected)
  })

  it('given ensure_ascii off, when dumped, then non-ASCII stays raw', () => {
    expect(pythonJsonDumps({ name: 'Zoë 🚀' }, { ensureAscii: false })).toBe('{"name": "Zoë 🚀"}')
  })

  it('given integers beyond 2^53 as bigints (an exact parse of user input), when dumped, then every digit is written as Python writes an int', () => {
    expect(pythonJsonDumps({ n: 12345678901234567890n, m: [-98765432109876543210n, 1] })).toBe(
      '{"n": 12345678901234567890, "m": [-98765432109876543210, 1]}',
    )
  })

  it('given a Map with integer-like keys, when dumped, then insertion order is kept', () => {
    expect(
      pythonJsonDumps(
        new Map([
          ['b', 1],
          ['42', 2],
        ]),
      ),
    ).toBe('{"b": 1, "42": 2}')
  })
})

describe('pythonNumber', () => {
  it.each([
    [0, '0'],
    [-3, '-3'],
    [12.5, '12.5'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [2.5e-7, '2.5e-07'],
    [1e16, '1e+16'],
    [1.5e300, '1.5e+300'],
    [-0, '-0.0'],
    [Number.NaN, 'NaN'],
    [Infinity, 'Infinity'],
  ])('given %s, when formatted, then Python repr gives %s', (value, expected) => {
    expect(pythonNumber(value)).toBe(expected)
  })
})
