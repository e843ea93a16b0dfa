import { describe, expect, it } from 'vitest'
import { createRandom, uuid4 } from '../../../../electron/core/gen/prng'
import { SeenIds } from '../../../../electron/core/verify/seen-ids'

describe('SeenIds', () => {
  it('given an id seen in an earlier stream, when seen again, then it answers where it was first seen', () => {
    const seen = new SeenIds()
    seen.startStream('a')
    expect(seen.remember('e-1', 1)).toBeUndefined()
    expect(seen.remember('e-2', 3)).toBeUndefined()
    seen.startStream('b')
    expect(seen.remember('e-2', 7)).toBe('a line 3')
    expect(seen.remember('e-1', 8)).toBe('a line 1')
    expect(seen.remember('e-3', 9)).toBeUndefined()
  })

  it('given 300,000 distinct UUIDs into a table sized for none, when it grows, then none is reported and each repeat is', () => {
    const random = createRandom(11)
    const ids = Array.from({ length: 300_000 }, () => uuid4(random))
    const seen = new SeenIds()
    seen.startStream('s')
    const reported = ids.filter((id, n) => seen.remember(id, n + 1) !== undefined)
    expect(reported).toEqual([])
    seen.startStream('t')
    for (const n of [0, 4095, 123_456, 299_999])
      expect(seen.remember(ids[n] as string, 1)).toBe(`s line ${n + 1}`)
  })

  it('given ids that differ only in order or length, when remembered, then they are told apart', () => {
    const seen = new SeenIds(10)
    seen.startStream('s')
    for (const id of ['ab', 'ba', 'a', 'aa', '', 'a\u0000', '\u00e9', 'e\u0301'])
      expect(seen.remember(id, 1)).toBeUndefined()
  })
})
