import { describe, expect, it } from 'vitest'
import {
  asTable,
  exportName,
  tableToCsv,
} from '../../../../../renderer/src/features/projections/projection-table'

describe('projection result as a table', () => {
  it('given an array of objects, when tabled, then columns are the keys in first-seen order', () => {
    expect(asTable([{ a: 1 }, { b: 2, a: 3 }])?.columns).toEqual(['a', 'b'])
    expect(asTable({ a: 1 })).toBeNull()
    expect(asTable([1, 2])).toBeNull()
    expect(asTable([])).toBeNull()
  })

  it('given awkward cells, when written as CSV, then quotes, commas and newlines are quoted per RFC 4180', () => {
    const table = asTable([
      { name: 'a,b', note: 'say "hi"' },
      { name: 'x\ny', note: null, extra: { k: 1 } },
    ])!
    expect(tableToCsv(table)).toBe('name,note,extra\r\n"a,b","say ""hi""",\r\n"x\ny",,"{""k"":1}"\r\n')
  })

  it('given a projection name, when exported, then the file name is safe', () => {
    expect(exportName('events-per-type', 'csv')).toBe('events-per-type.csv')
    expect(exportName('../x y', 'json')).toBe('..-x-y.json')
  })
})
