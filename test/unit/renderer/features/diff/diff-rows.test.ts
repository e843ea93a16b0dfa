import { describe, expect, it } from 'vitest'
import { formatPath, layoutDiff, oneLine } from '../../../../../renderer/src/features/diff/diff-rows'

describe('diff layout', () => {
  it('given paths, when formatted, then keys join by dots and positions sit in brackets', () => {
    expect(formatPath(['items', '2', 'sku'])).toBe('items[2].sku')
    expect(formatPath(['a b', 'c'])).toBe('["a b"].c')
    expect(formatPath([])).toBe('(whole state)')
  })

  it('given changes in any order, when laid out, then rows follow path order with positions numeric', () => {
    const layout = layoutDiff([
      { path: ['items', '10'], kind: 'added', after: 1 },
      { path: ['balance'], kind: 'changed', before: 0, after: 140 },
      { path: ['items', '2'], kind: 'removed', before: { sku: 'A' } },
    ])
    expect(layout.rows.map((row) => row.path)).toEqual(['balance', 'items[2]', 'items[10]'])
    expect(layout.rows.map((row) => [row.before, row.after])).toEqual([
      ['0', '140'],
      ['{"sku":"A"}', null],
      [null, '1'],
    ])
    expect([layout.added, layout.changed, layout.removed]).toEqual([1, 1, 1])
  })

  it('given a long value, when shown on one line, then it is cut with an ellipsis', () => {
    expect(oneLine('x'.repeat(300), 10)).toBe('"xxxxxxxx…')
    expect(oneLine(undefined)).toBeNull()
  })

  it('given two ids that round to the same double, when laid out, then each side shows its own digits', () => {
    const layout = layoutDiff([
      {
        path: ['account', 'id'],
        kind: 'changed',
        before: Number('12345678901234567890'),
        after: Number('12345678901234567891'),
        exactBefore: { '': '12345678901234567890' },
        exactAfter: { '': '12345678901234567891' },
      },
      { path: ['n'], kind: 'added', after: { big: Number('9007199254740993') } },
    ])
    expect(layout.rows.map((row) => [row.before, row.after])).toEqual([
      ['12345678901234567890', '12345678901234567891'],
      [null, '{"big":≈9007199254740992}'],
    ])
  })
})
