import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Json } from '../../../../shared/contract'
import { stringifyExact } from '../../../../electron/core/json/big-integers'
import {
  applyComposite,
  emptyComposite,
  foldPatch,
  isReplaced,
  isWhole,
  type Composite,
} from '../../../../electron/core/json/merge-composite'
import { applyMergePatch, applyMergePatchExcept } from '../../../../electron/core/json/merge-patch'
import { numberLiteral, type ExactJsonObject } from '../../../../electron/core/json/json-value'
import { churnPatch, jsonObject } from '../../../support/json-arbitraries'
import { naiveStates } from '../../../support/naive-replay'

type JsonObject = { [key: string]: Json }

// Key order is part of a state (it is what `state` prints): compare the text, then the values.
function same(actual: ExactJsonObject, expected: ExactJsonObject): void {
  expect(stringifyExact(actual)).toBe(stringifyExact(expected))
  expect(actual).toEqual(expected)
}

function sequential(start: ExactJsonObject, patches: readonly ExactJsonObject[]): ExactJsonObject {
  return patches.reduce((state, patch) => applyMergePatch(state, patch) as ExactJsonObject, start)
}

function composite(patches: readonly ExactJsonObject[]): Composite {
  return patches.reduce<Composite>((folded, patch) => foldPatch(folded, patch), emptyComposite())
}

/** The state after each chunk's composite, applied in order (what the parallel replay does). */
function byChunks(start: ExactJsonObject, patches: readonly ExactJsonObject[], cuts: readonly number[]) {
  const bounds = [...new Set([0, ...cuts.map((cut) => cut % (patches.length + 1)), patches.length])].sort(
    (a, b) => a - b,
  )
  let state = start
  for (let i = 1; i < bounds.length; i++)
    state = applyComposite(state, composite(patches.slice(bounds[i - 1], bounds[i])))
  return state
}

const churn = churnPatch

const cuts = fc.array(fc.nat(40), { maxLength: 4 })

describe('given a stream cut into chunks, each folded into one composite patch', () => {
  it('when the composites are applied in order, then the state is the sequential replay, key order included', () => {
    fc.assert(
      fc.property(churn, fc.array(churn, { maxLength: 30 }), cuts, (start, patches, at) => {
        const initial = applyMergePatch({}, start) as ExactJsonObject
        same(byChunks(initial, patches, at), sequential(initial, patches))
      }),
      { numRuns: 3000 },
    )
  })

  it('when patches are any JSON objects, then it also agrees with the RFC model', () => {
    fc.assert(
      fc.property(fc.array(jsonObject, { maxLength: 20 }), cuts, (patches, at) => {
        const expected = naiveStates(patches).at(-1) as JsonObject
        same(byChunks({}, patches, at), expected as ExactJsonObject)
      }),
      { numRuns: 1000 },
    )
  })

  it('when the composite of every prefix is kept (relative checkpoints), then each resolves to the state at its version', () => {
    fc.assert(
      fc.property(churn, fc.array(churn, { maxLength: 20 }), (start, patches) => {
        const base = applyMergePatch({}, start) as ExactJsonObject
        const kept: Composite[] = [emptyComposite()]
        for (const patch of patches) kept.push(foldPatch(kept.at(-1) as Composite, patch))
        const texts = kept.map((one) => stringifyExact(one))
        kept.forEach((prefix, version) =>
          same(applyComposite(base, prefix), sequential(base, patches.slice(0, version))),
        )
        // Folding on never changed a composite kept before (they share subtrees).
        expect(kept.map((one) => stringifyExact(one))).toEqual(texts)
      }),
      { numRuns: 1500 },
    )
  })

  it('when composites cross to another thread (structured clone), then they apply as before', () => {
    fc.assert(
      fc.property(churn, fc.array(churn, { maxLength: 20 }), (start, patches) => {
        const base = applyMergePatch({}, start) as ExactJsonObject
        const folded = composite(patches)
        same(applyComposite(base, structuredClone(folded)), applyComposite(base, folded))
      }),
      { numRuns: 500 },
    )
  })

  it('when a chunk is applied, then neither the state nor the patches it came from change', () => {
    fc.assert(
      fc.property(churn, fc.array(churn, { maxLength: 10 }), (start, patches) => {
        const base = applyMergePatch({}, start) as ExactJsonObject
        const before = [stringifyExact(base), ...patches.map((patch) => JSON.stringify(patch))]
        applyComposite(base, composite(patches))
        expect([stringifyExact(base), ...patches.map((patch) => JSON.stringify(patch))]).toEqual(before)
      }),
    )
  })
})

describe('given a deletion followed by a set in one chunk', () => {
  it('when the set is an object, then it replaces what the key held (not merged into it)', () => {
    const start = { a: { x: 1, y: 2 }, b: 1 }
    const patches = [{ a: null }, { a: { x: 3 } }]
    const folded = composite(patches)
    expect(isReplaced(folded.a)).toBe(true)
    same(applyComposite(start, folded), { b: 1, a: { x: 3 } })
    // The naive composition ({a: {x: 3}} as one patch) would have kept y.
    expect(applyMergePatch(start, { a: { x: 3 } })).toEqual({ a: { x: 3, y: 2 }, b: 1 })
  })

  it('when the set is a scalar, then the key moves to the end, as the sequential delete-then-add does', () => {
    same(applyComposite({ a: 1, b: 2 }, composite([{ a: null }, { a: 3 }])), { b: 2, a: 3 })
  })

  it('when keys are added, one deleted and added again, then they end in the order of their last adding', () => {
    same(applyComposite({}, composite([{ x: 1 }, { y: 1 }, { x: null }, { x: 2 }])), { y: 1, x: 2 })
  })

  it('when a replaced key is then merged into, then the merge builds on the replacement', () => {
    same(applyComposite({ a: { old: 1 } }, composite([{ a: null }, { a: { x: 1 } }, { a: { y: 2 } }])), {
      a: { x: 1, y: 2 },
    })
  })

  it('when the key is deleted again at the end, then it is gone', () => {
    same(applyComposite({ a: 1, b: 2 }, composite([{ a: null }, { a: 3 }, { a: null }])), { b: 2 })
  })

  it('when the deletion and the set are one level down, then only that key is replaced', () => {
    const start = { o: { k: { x: 1 }, m: 1 } }
    same(applyComposite(start, composite([{ o: { k: null } }, { o: { k: { y: 2 } } }])), {
      o: { m: 1, k: { y: 2 } },
    })
  })

  it('when the key is __proto__, then it stays data and the result has no other prototype', () => {
    const patches = [JSON.parse('{"__proto__": null}'), JSON.parse('{"__proto__": {"polluted": 1}}')]
    const start = JSON.parse('{"__proto__": {"kept": 1}, "b": 1}') as ExactJsonObject
    const state = applyComposite(start, composite(patches))
    same(state, sequential(start, patches))
    expect(Object.getPrototypeOf(state)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

describe('given a scalar set and then merged into in one chunk', () => {
  it('when applied to an object at that key, then the object is replaced by the merge built on the scalar', () => {
    const folded = composite([{ a: 5 }, { a: { x: 1 } }])
    expect(isWhole(folded.a)).toBe(true)
    same(applyComposite({ a: { y: 1 }, b: 1 }, folded), { a: { x: 1 }, b: 1 })
  })
})

describe('given flat events, whose envelope fields are no payload', () => {
  it('when folded with those fields skipped, then the state is the one applyMergePatchExcept builds', () => {
    const skip = new Set(['event_type', 'occurred_at'])
    const events: ExactJsonObject[] = [
      { event_type: 'Opened', occurred_at: 't1', balance: 0, owner: 'x' },
      { event_type: 'Closed', occurred_at: 't2', owner: null },
      { event_type: 'Opened', occurred_at: 't3', owner: 'y' },
    ]
    const folded = events.reduce<Composite>((acc, event) => foldPatch(acc, event, skip), emptyComposite())
    const expected = events.reduce<ExactJsonObject>(
      (state, event) => applyMergePatchExcept(state, event, skip),
      {},
    )
    same(applyComposite({}, folded), expected)
  })
})

describe('given exact numbers', () => {
  it('when integers beyond 2^53 and kept literals pass through a composite, then they stay as written', () => {
    const big = 2n ** 64n
    const one = numberLiteral('1.0')
    const state = applyComposite({ n: 1 }, composite([{ n: null }, { n: big }, { m: one }]))
    expect(state.n).toBe(big)
    expect(state.m).toBe(one)
    expect(stringifyExact(state)).toBe('{"n":18446744073709551616,"m":1.0}')
  })
})
