import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Change, Json } from '../../../../shared/contract'
import { jsonEqual, type ExactChange, type ExactJson } from '../../../../electron/core/json/json-value'
import { applyMergePatch } from '../../../../electron/core/json/merge-patch'
import { jsonObject, jsonValue } from '../../../support/json-arbitraries'
import { deepFreeze, naiveMergePatch, structuredCopy, valueAt } from '../../../support/naive-replay'

// RFC 7396, Appendix A: every example, as [target, patch, result].
const rfcExamples: [string, string, string][] = [
  ['{"a":"b"}', '{"a":"c"}', '{"a":"c"}'],
  ['{"a":"b"}', '{"b":"c"}', '{"a":"b","b":"c"}'],
  ['{"a":"b"}', '{"a":null}', '{}'],
  ['{"a":"b","b":"c"}', '{"a":null}', '{"b":"c"}'],
  ['{"a":["b"]}', '{"a":"c"}', '{"a":"c"}'],
  ['{"a":"c"}', '{"a":["b"]}', '{"a":["b"]}'],
  ['{"a":{"b":"c"}}', '{"a":{"b":"d","c":null}}', '{"a":{"b":"d"}}'],
  ['{"a":[{"b":"c"}]}', '{"a":[1]}', '{"a":[1]}'],
  ['["a","b"]', '["c","d"]', '["c","d"]'],
  ['{"a":"b"}', '["c"]', '["c"]'],
  ['{"a":"foo"}', 'null', 'null'],
  ['{"a":"foo"}', '"bar"', '"bar"'],
  ['{"e":null}', '{"a":1}', '{"e":null,"a":1}'],
  ['[1,2]', '{"a":"b","c":null}', '{"a":"b"}'],
  ['{}', '{"a":{"bb":{"ccc":null}}}', '{"a":{"bb":{}}}'],
]

function patched(target: Json, patch: Json): { result: ExactJson; changes: ExactChange[] } {
  const changes: ExactChange[] = []
  const result = applyMergePatch(target, patch, changes)
  return { result, changes }
}

describe('applyMergePatch', () => {
  it.each(rfcExamples)(
    'given target %s and patch %s, when applied, then the result is %s (RFC 7396 appendix A)',
    (target, patch, expected) => {
      expect(applyMergePatch(JSON.parse(target), JSON.parse(patch))).toEqual(JSON.parse(expected))
    },
  )

  it('given a frozen target, when patched at every level, then the target is unchanged and untouched subtrees are shared', () => {
    const target = deepFreeze({ keep: { deep: [1, 2] }, edit: { x: 1, y: 2 }, drop: 'gone' }) as Json

    const result = applyMergePatch(target, { edit: { x: 9, z: [3] }, drop: null, add: { n: 1 } }) as {
      [key: string]: Json
    }

    expect(result).toEqual({ keep: { deep: [1, 2] }, edit: { x: 9, y: 2, z: [3] }, add: { n: 1 } })
    expect(target).toEqual({ keep: { deep: [1, 2] }, edit: { x: 1, y: 2 }, drop: 'gone' })
    expect(result.keep).toBe((target as { keep: Json }).keep)
  })

  describe('prototype safety', () => {
    it('given a patch with a __proto__ key (as JSON.parse makes it), when applied, then it is stored as data and no prototype changes', () => {
      const patch = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Json

      const result = applyMergePatch({}, patch) as Record<string, unknown>

      expect(Object.getPrototypeOf(result)).toBe(Object.prototype)
      expect(Object.hasOwn(result, '__proto__')).toBe(true)
      expect(Object.keys(result)).toEqual(['__proto__', 'a'])
      expect((result as { polluted?: unknown }).polluted).toBeUndefined()
      expect(({} as { polluted?: unknown }).polluted).toBeUndefined()
      expect(JSON.stringify(result)).toBe('{"__proto__":{"polluted":true},"a":1}')
    })

    it('given a state holding a __proto__ key, when a later patch merges into it, then the nested data merges and Object.prototype stays clean', () => {
      const first = applyMergePatch({}, JSON.parse('{"__proto__": {"x": 1}}') as Json)

      const second = applyMergePatch(
        first,
        JSON.parse('{"__proto__": {"y": 2, "x": null}}') as Json,
      ) as Record<string, unknown>

      expect(JSON.stringify(second)).toBe('{"__proto__":{"y":2}}')
      expect(Object.getPrototypeOf(second)).toBe(Object.prototype)
      expect(Object.prototype).not.toHaveProperty('y')
      expect(Object.prototype).not.toHaveProperty('x')
    })

    it('given constructor and prototype keys, when patched and deleted, then they behave as plain data', () => {
      const patch = JSON.parse('{"constructor": {"prototype": {"polluted": 1}}, "prototype": 2}') as Json

      const added = applyMergePatch({}, patch) as Record<string, unknown>
      const removed = applyMergePatch(added as Json, { constructor: null }) as Record<string, unknown>

      expect(JSON.stringify(added)).toBe('{"constructor":{"prototype":{"polluted":1}},"prototype":2}')
      expect(({} as { polluted?: unknown }).polluted).toBeUndefined()
      expect(Object.keys(removed)).toEqual(['prototype'])
      expect(removed.constructor).toBe(Object)
    })

    it('given a delete of a key the target does not own (toString), when applied, then nothing is reported and nothing is removed', () => {
      const { result, changes } = patched({ a: 1 }, { toString: null, hasOwnProperty: null })

      expect(result).toEqual({ a: 1 })
      expect(changes).toEqual([])
    })
  })

  describe('changes', () => {
    it('given a key added, changed and removed, when applied with a change list, then each is reported with before and after', () => {
      const { changes } = patched({ keep: 1, edit: 'old', drop: true }, { edit: 'new', drop: null, add: [1] })

      expect(changes).toEqual([
        { path: ['edit'], kind: 'changed', before: 'old', after: 'new' },
        { path: ['drop'], kind: 'removed', before: true },
        { path: ['add'], kind: 'added', after: [1] },
      ])
    })

    it('given a nested patch, when applied, then changes carry the full path to the leaf', () => {
      const { changes } = patched(
        { address: { city: 'Oslo', zip: '0150' } },
        { address: { city: 'Bergen', zip: null, street: 'Main' } },
      )

      expect(changes).toEqual([
        { path: ['address', 'city'], kind: 'changed', before: 'Oslo', after: 'Bergen' },
        { path: ['address', 'zip'], kind: 'removed', before: '0150' },
        { path: ['address', 'street'], kind: 'added', after: 'Main' },
      ])
    })

    it('given a patch that creates a nested object, when applied, then one added change for the new object is reported without its nulls', () => {
      const { changes } = patched({}, { profile: { name: 'Ada', gone: null } })

      expect(changes).toEqual([{ path: ['profile'], kind: 'added', after: { name: 'Ada' } }])
    })

    it('given a scalar replaced by an object, when applied, then one changed entry at that path is reported', () => {
      const { changes } = patched({ status: 'new' }, { status: { code: 1 } })

      expect(changes).toEqual([{ path: ['status'], kind: 'changed', before: 'new', after: { code: 1 } }])
    })

    it('given a patch that sets values equal to the current ones, when applied, then no change is reported', () => {
      const { changes } = patched(
        { a: 1, b: { c: [1, { d: 2 }] } },
        { a: 1, b: { c: [1, { d: 2 }] }, missing: null },
      )

      expect(changes).toEqual([])
    })
  })

  describe('properties', () => {
    it('given any target and patch, when applied, then the result equals the RFC pseudocode model and the target is unchanged', () => {
      fc.assert(
        fc.property(jsonValue, jsonValue, (target, patch) => {
          const before = JSON.stringify(target)
          const result = applyMergePatch(target, patch)
          expect(JSON.stringify(result)).toBe(JSON.stringify(naiveMergePatch(target, patch)))
          expect(JSON.stringify(target)).toBe(before)
        }),
        { numRuns: 2000 },
      )
    })

    it('given any target and patch, when applied twice, then the second application changes nothing (merge patch is idempotent)', () => {
      fc.assert(
        fc.property(jsonValue, jsonObject, (target, patch) => {
          const once = applyMergePatch(target, patch)
          const changes: Change[] = []
          const twice = applyMergePatch(once, patch, changes)
          expect(JSON.stringify(twice)).toBe(JSON.stringify(once))
          expect(changes).toEqual([])
        }),
        { numRuns: 1000 },
      )
    })

    it('given any object target and object patch, when applied, then each change matches the values before and after at its path', () => {
      fc.assert(
        fc.property(jsonObject, jsonObject, (target, patch) => {
          const changes: ExactChange[] = []
          const result = applyMergePatch(structuredCopy(target), patch, changes) as Json
          for (const change of changes) {
            const before = valueAt(target, change.path)
            const after = valueAt(result, change.path)
            if (change.kind === 'added') {
              expect(before).toBeUndefined()
              expect(after).toEqual(change.after)
            } else if (change.kind === 'removed') {
              expect(after).toBeUndefined()
              expect(before).toEqual(change.before)
            } else {
              expect(before).toEqual(change.before)
              expect(after).toEqual(change.after)
              expect(jsonEqual(before, after)).toBe(false)
            }
          }
          expect(changes.length === 0).toBe(jsonEqual(target, result))
        }),
        { numRuns: 2000 },
      )
    })

    it('given any patches, when applied in turn, then Object.prototype never gains a property', () => {
      fc.assert(
        fc.property(fc.array(jsonObject, { maxLength: 6 }), (patches) => {
          patches.reduce<ExactJson>((state, patch) => applyMergePatch(state, patch), {})
          expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeNames)
        }),
        { numRuns: 500 },
      )
    })
  })
})

const prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort()

describe('applyMergePatch watching for numbers beyond 2^53', () => {
  it.each([
    ['{"a": 9007199254740992}', true],
    ['{"a": {"b": -12345678901234567890}}', true],
    ['{"a": [1, [2, 1e300]]}', true],
    ['{"a": 9007199254740991, "b": "12345678901234567890", "c": [1], "d": null}', false],
  ])(
    'given the patch %s, when merged with a watch, then it says whether one was stored: %s',
    (text, seen) => {
      const watch = { seen: false }
      applyMergePatch({}, JSON.parse(text) as Json, undefined, [], watch)
      expect(watch.seen).toBe(seen)
    },
  )
})
