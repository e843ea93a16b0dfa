import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyDiff, diffJson } from '../../../../electron/core/json/diff'
import type { Json } from '../../../../electron/core/json/json-value'

describe('diffJson', () => {
  it('given two objects, when diffed, then added, removed and changed paths are listed', () => {
    const changes = diffJson({ a: 1, b: { c: 2, d: 3 }, gone: true }, { a: 1, b: { c: 5, d: 3 }, fresh: 'x' })

    expect(changes).toEqual([
      { path: ['b', 'c'], kind: 'changed', before: 2, after: 5 },
      { path: ['gone'], kind: 'removed', before: true },
      { path: ['fresh'], kind: 'added', after: 'x' },
    ])
  })

  it('given arrays, when diffed, then elements are compared by index', () => {
    expect(diffJson({ xs: [1, 2, 3] }, { xs: [1, 9] })).toEqual([
      { path: ['xs', '1'], kind: 'changed', before: 2, after: 9 },
      { path: ['xs', '2'], kind: 'removed', before: 3 },
    ])
  })

  it('given a __proto__ key as data, when diffed and applied, then it stays data', () => {
    const before = JSON.parse('{"__proto__": {"polluted": 1}}') as Json
    const after = JSON.parse('{"__proto__": {"polluted": 2}}') as Json

    const changes = diffJson(before, after)

    expect(changes).toEqual([{ path: ['__proto__', 'polluted'], kind: 'changed', before: 1, after: 2 }])
    expect(applyDiff(before, changes)).toEqual(after)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('given a key only on the prototype, when diffed, then it is not mistaken for data', () => {
    expect(diffJson({}, { toString: 1 })).toEqual([{ path: ['toString'], kind: 'added', after: 1 }])
  })

  it('given any two JSON values, when the diff is applied to the first, then it gives the second', () => {
    const json = fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.parse(JSON.stringify(value)) as Json)
    fc.assert(
      fc.property(json, json, (before, after) => {
        expect(applyDiff(before, diffJson(before, after))).toEqual(after)
      }),
      { numRuns: 500 },
    )
  })

  it('given equal values, when diffed, then there are no changes', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        const json = JSON.parse(JSON.stringify(value)) as Json
        expect(diffJson(json, structuredClone(json))).toEqual([])
      }),
    )
  })
})
