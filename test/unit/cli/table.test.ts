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
