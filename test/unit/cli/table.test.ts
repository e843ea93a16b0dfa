import { describe, expect, it } from 'vitest'
import { columnsBytes, formatColumns, formatTable, plural, shorten } from '../../../electron/cli/format/table'

describe('formatTable', () => {
  it('given rows, when laid out, then columns align, numbers right, and no line has trailing spaces', () => {
    const lines = formatTable(
      [{ header: 'ID' }, { header: 'N', align: 'right' }, { header: 'NOTE' }],
      [
        ['a', '1', ''],
        ['long-id', '100', 'x'],
      ],
    )
    expect(lines).toEqual(['ID         N  NOTE', 'a          1', 'long-id  100  x'])
  })
})

describe('shorten', () => {
  it('given a long text, when shortened, then it ends with an ellipsis at the limit', () => {
    expect(shorten('abcdefghij', 5)).toBe('abcd…')
  })

  it('given a multi-line text, when shortened, then it is one line', () => {
    expect(shorten('a\n  b', 10)).toBe('a b')
  })
})

describe('plural', () => {
  it('given counts, when worded, then one is singular and thousands are grouped', () => {
    expect(plural(1, 'event')).toBe('1 event')
    expect(plural(12345, 'event')).toBe('12,345 events')
  })
})

describe('formatTable at scale', () => {
  it('given 200,000 rows (more than a spread into Math.max takes), when formatted, then every row is there', () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => [`agg-${i}`, String(i)])
    const lines = formatTable(
      [
        { header: 'ID', align: 'left' },
        { header: 'EVENTS', align: 'right' },
      ],
      rows,
    )
    expect(lines).toHaveLength(200_001)
    expect(lines.at(-1)).toBe('agg-199999  199999')
  })
})

describe('columnsBytes', () => {
  const columns = [{ header: 'ID' }, { header: 'N', align: 'right' as const }, { header: 'NOTE' }]

  it('given cells, when written as bytes, then they are formatColumns lines in UTF-8, each ending in a newline, then the text after', () => {
    const cells = [
      ['a', 'long-id', 'é', '日本語の名前', '😀x'],
      ['1', '100', '', '7', '12'],
      ['', 'x', 'ü note ', 'タイプ', ''],
    ]
    const bytes = columnsBytes(columns, cells, 'after\n')
    expect(bytes.toString('utf8')).toBe(`${formatColumns(columns, cells).join('\n')}\nafter\n`)
  })

  it('given lines far wider in UTF-8 than in characters (the buffer must grow), when written, then nothing is cut', () => {
    const wide = '日'.repeat(400)
    const cells = [
      Array.from({ length: 300 }, (_, i) => (i % 7 === 0 ? `id-${i}` : wide)),
      Array(300).fill('1'),
      Array(300).fill(''),
    ]
    const text = columnsBytes(columns, cells).toString('utf8')
    expect(text).toBe(`${formatColumns(columns, cells).join('\n')}\n`)
    expect(text.split(wide).length - 1).toBe(257)
  })

  it('given rows whose line would end in spaces (an empty last cell, a last cell ending in blanks), when written, then each line is trimmed as formatColumns trims it', () => {
    const cells = [
      ['a', 'bb', 'c', 'dddd', 'e'],
      ['1', '', '333', '4', '5'],
      ['', 'x ', ' ', 'y\u00a0 ', 'z\t '],
    ]
    const bytes = columnsBytes(columns, cells)
    expect(bytes.toString('utf8')).toBe(`${formatColumns(columns, cells).join('\n')}\n`)
    expect(
      bytes
        .toString('utf8')
        .split('\n')
        .some((line) => line.endsWith(' ')),
    ).toBe(false)
  })

  it('given random cells of every kind (ASCII, accents, CJK, emoji, blanks), when written, then the bytes are formatColumns lines in UTF-8', () => {
    // A seeded generator: the same cells every run, so a failure can be replayed.
    let seed = 7
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed % n
    }
    const pieces = ['a', 'Z9', '-', ' ', 'é', '日本', '😀', '', 'x y', '\u00a0', '1234567890']
    const cell = (): string => Array.from({ length: next(4) }, () => pieces[next(pieces.length)]).join('')
    const wide = [{ header: 'A' }, { header: 'B', align: 'right' as const }, { header: 'C' }, { header: 'D' }]
    for (let round = 0; round < 20; round++) {
      const rows = next(60)
      const cells = wide.map(() => Array.from({ length: rows }, cell))
      expect(columnsBytes(wide, cells, 'end').toString('utf8')).toBe(
        `${formatColumns(wide, cells).join('\n')}\nend`,
      )
    }
  })

  it('given no rows, when written, then only the header and the text after are there', () => {
    expect(columnsBytes(columns, [[], [], []], 'x').toString()).toBe('ID  N  NOTE\nx')
  })
})
