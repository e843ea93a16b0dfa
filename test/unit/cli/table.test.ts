import { describe, expect, it } from 'vitest'
import { formatTable, plural, shorten } from '../../../electron/cli/format/table'

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
