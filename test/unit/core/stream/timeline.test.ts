import { describe, expect, it } from 'vitest'
import { fieldCells, problemRows, summarize } from '../../../../electron/core/stream/timeline'
import { indexText } from '../../../support/stream-text'

const ok = (n: number): string => JSON.stringify({ type: 'Noted', aggregate_id: 'agg-1', n })

describe('problemRows', () => {
  it('given problems between events, when rows are assigned, then each problem sits where its line is in the file', () => {
    // line: 1 ok, 2 bad, 3 ok, 4 bad, 5 bad, 6 ok, 7 torn
    const index = indexText([ok(1), 'bad', ok(2), '[]', '7', ok(3), '{"n'].join('\n'))

    const rows = problemRows(index)

    expect(rows.map((row) => [row.row, row.problem.line, row.problem.kind])).toEqual([
      [1, 2, 'bad_line'],
      [3, 4, 'not_object'],
      [4, 5, 'not_object'],
      [6, 7, 'torn_tail'],
    ])
  })

  it('given a warning on the same line as its event, when rows are assigned, then the problem comes right before that event', () => {
    // line 2 is an event without a type: its missing_type warning takes row 1, the event row 2.
    const index = indexText([ok(1), '{"n": 2}', ok(3)].join('\n'))

    expect(problemRows(index).map((row) => [row.row, row.problem.kind])).toEqual([[1, 'missing_type']])
  })

  it('given two problems on one line and bad lines first, when rows are assigned, then rows are consecutive and in line order', () => {
    const foreignUntyped = JSON.stringify({ aggregate_id: 'other', n: 1 })

    const rows = problemRows(indexText(['x', 'y', foreignUntyped, ok(2)].join('\n')))

    expect(rows.map((row) => [row.row, row.problem.line, row.problem.kind])).toEqual([
      [0, 1, 'bad_line'],
      [1, 2, 'bad_line'],
      [2, 3, 'missing_type'],
      [3, 3, 'aggregate_mismatch'],
    ])
  })

  it('given a stream without problems, when rows are assigned, then there are none', () => {
    expect(problemRows(indexText([ok(1), ok(2)].join('\n')))).toEqual([])
  })
})

describe('summarize', () => {
  it('given a payload, when summarized, then it lists key=value pairs with nested values abbreviated', () => {
    expect(
      summarize({
        name: 'Ada',
        age: 36,
        tags: ['a', 'b'],
        address: { city: 'x', zip: 'y' },
        note: null,
        ok: true,
      }),
    ).toBe('name=Ada  age=36  tags=[2]  address={2}  note=null  ok=true')
  })

  it('given a long string value, when summarized, then it is cut at 40 characters with an ellipsis', () => {
    expect(summarize({ text: 'x'.repeat(100) })).toBe(`text=${'x'.repeat(39)}…`)
  })

  it('given many fields, when summarized, then the summary is at most 160 characters and ends with an ellipsis', () => {
    const payload = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`field${i}`, `value${i}`]))

    const summary = summarize(payload)

    expect(summary.length).toBe(160)
    expect(summary.endsWith('…')).toBe(true)
    expect(summary.startsWith('field0=value0  field1=value1')).toBe(true)
  })

  it('given an empty payload, when summarized, then the summary is empty', () => {
    expect(summarize({})).toBe('')
  })
})

describe('fieldCells', () => {
  it('given dotted paths, when a payload is read, then each is its value as short text, exact, or null where absent', () => {
    const payload = {
      status: 'paid',
      total: 12.5,
      customer: { address: { city: 'Lyon' }, tags: ['a'] },
      id: 9007199254740993n,
      note: 'x'.repeat(300),
    }
    const cells = fieldCells(payload, [
      'status',
      'total',
      'customer.address.city',
      'customer.tags',
      'id',
      'missing',
      'status.deeper',
      'note',
    ])
    expect(cells.slice(0, 7)).toEqual(['paid', '12.5', 'Lyon', '["a"]', '9007199254740993', null, null])
    expect(cells[7]).toHaveLength(120)
    expect(cells[7]?.endsWith('…')).toBe(true)
  })

  it('given a path through an inherited name, when read, then it is absent rather than a prototype value', () => {
    expect(fieldCells({ a: {} }, ['a.constructor', 'toString'])).toEqual([null, null])
  })
})
