// CSV columns lose nothing: a payload field named like an envelope column has its own column, and a key
// holding a dot is not the nested path it looks like.

import { describe, expect, it } from 'vitest'
import { columnName, envelopeColumns, flattenPayload } from '../../../../electron/core/export/csv-row'

describe('CSV payload columns', () => {
  it('given payload fields named like envelope columns, when flattened, then each has a payload. column of its own', () => {
    const cells = flattenPayload({
      version: 7,
      event_id: 'theirs',
      occurred_at: 'x',
      payload: { version: 1 },
      n: 1,
    })
    expect([...cells]).toEqual([
      ['payload.version', '7'],
      ['payload.event_id', 'theirs'],
      ['payload.occurred_at', 'x'],
      ['payload.payload.version', '1'],
      ['n', '1'],
    ])
    for (const column of cells.keys()) expect(envelopeColumns as readonly string[]).not.toContain(column)
  })

  it('given a key holding a dot and a nested path that reads the same, when flattened, then they get distinct columns', () => {
    const cells = flattenPayload({ 'a.b': 1, a: { b: 2 }, 'c\\d': 3 })
    expect([...cells]).toEqual([
      ['a\\.b', '1'],
      ['a.b', '2'],
      ['c\\\\d', '3'],
    ])
  })

  it('given random paths, when named, then two different paths never share a column', () => {
    const keys = ['a', 'b', 'a.b', '.', '\\', 'version', 'payload', 'a\\.b', '']
    const seen = new Map<string, string>()
    for (const x of keys)
      for (const y of keys)
        for (const path of [[x], [x, y]]) {
          const name = columnName(path)
          const before = seen.get(name)
          if (before !== undefined) expect(before).toBe(JSON.stringify(path))
          seen.set(name, JSON.stringify(path))
        }
  })

  it('given an object nested 5,000 deep, when flattened, then it is one column, no stack overflow', () => {
    let deep: Record<string, unknown> = { leaf: 1 }
    for (let i = 0; i < 5000; i++) deep = { k: deep }
    expect(flattenPayload(deep as never).size).toBe(1)
  })
})
