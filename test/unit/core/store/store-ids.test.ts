import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { diffIds, mergeIds, sameIds } from '../../../../electron/core/store/store-ids'

const sortedIds = fc.uniqueArray(fc.string({ maxLength: 3 })).map((ids) => ids.sort())

describe('sorted id lists', () => {
  it('given the listed streams and the index ids, when merged, then all is the sorted union and unlisted the index ids without a stream', () => {
    fc.assert(
      fc.property(sortedIds, sortedIds, (listed, indexed) => {
        const { all, unlisted } = mergeIds(listed, indexed)
        expect(all).toEqual([...new Set([...listed, ...indexed])].sort())
        expect(unlisted).toEqual(indexed.filter((id) => !listed.includes(id)))
      }),
    )
  })

  it('given two listings, when compared, then added and removed are exactly the differences', () => {
    fc.assert(
      fc.property(sortedIds, sortedIds, (before, after) => {
        expect(diffIds(before, after)).toEqual({
          added: after.filter((id) => !before.includes(id)),
          removed: before.filter((id) => !after.includes(id)),
        })
        expect(sameIds(before, after)).toBe(JSON.stringify(before) === JSON.stringify(after))
      }),
    )
  })
})
