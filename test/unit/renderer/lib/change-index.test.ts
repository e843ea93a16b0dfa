import { describe, expect, it } from 'vitest'
import { formatPath, indexChanges, isOpenByDefault, pathKey } from '../../../../renderer/src/lib/change-index'
import type { Change } from '../../../../shared/contract'

const changes: Change[] = [
  { path: ['customer', 'address', 'city'], kind: 'changed', before: 'Oslo', after: 'Paris' },
  { path: ['paidAt'], kind: 'added', after: '2024-05-01' },
  { path: ['items', '0'], kind: 'removed', before: { sku: 'A' } },
]

describe('indexChanges', () => {
  it('given changes, when indexed, then each path is found by its key', () => {
    const index = indexChanges(changes)
    expect(index.byPath.get(pathKey(['paidAt']))?.kind).toBe('added')
    expect(index.byPath.get(pathKey(['customer', 'address', 'city']))?.before).toBe('Oslo')
  })

  it('given a deep change, when indexed, then all its ancestors are marked, the root included', () => {
    const index = indexChanges(changes)
    expect(index.ancestors.has(pathKey([]))).toBe(true)
    expect(index.ancestors.has(pathKey(['customer']))).toBe(true)
    expect(index.ancestors.has(pathKey(['customer', 'address']))).toBe(true)
    expect(index.ancestors.has(pathKey(['customer', 'address', 'city']))).toBe(false)
  })

  it('given a removal, when indexed, then it is listed apart for display under the tree', () => {
    expect(indexChanges(changes).removed.map((c) => c.path)).toEqual([['items', '0']])
  })

  it('given keys that contain dots or quotes, when keyed, then distinct paths get distinct keys', () => {
    expect(pathKey(['a.b'])).not.toBe(pathKey(['a', 'b']))
  })
})

describe('isOpenByDefault', () => {
  it('given shallow nodes and nodes leading to a change, when deciding, then they open; others stay closed', () => {
    const index = indexChanges(changes)
    expect(isOpenByDefault([], index)).toBe(true)
    expect(isOpenByDefault(['tags'], index)).toBe(true)
    expect(isOpenByDefault(['customer', 'address'], index)).toBe(true)
    expect(isOpenByDefault(['items', '3'], index)).toBe(false)
  })
})

describe('formatPath', () => {
  it('given mixed paths, when formatted, then they read like JavaScript accessors', () => {
    expect(formatPath([])).toBe('$')
    expect(formatPath(['items', '2', 'price'])).toBe('items[2].price')
    expect(formatPath(['odd key', 'x'])).toBe('["odd key"].x')
  })
})
