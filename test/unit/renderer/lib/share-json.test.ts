import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Json } from '../../../../shared/contract'
import { shareJson } from '../../../../renderer/src/lib/share-json'

describe('shareJson', () => {
  it('given a state and the next one, when shared, then the result equals the next state and unchanged subtrees are the previous objects', () => {
    const previous: Json = { a: { x: 1, list: [1, { y: 2 }] }, b: { keep: true }, c: 3 }
    const next: Json = JSON.parse('{"a": {"x": 2, "list": [1, {"y": 2}]}, "b": {"keep": true}, "c": 3}')

    const shared = shareJson(previous, next) as Record<string, Record<string, Json>>

    expect(shared).toEqual(next)
    expect(shared).not.toBe(previous)
    expect(shared.b).toBe((previous as Record<string, Json>).b)
    expect(shared.a?.list).toBe(((previous as Record<string, Json>).a as Record<string, Json>).list)
    expect(shareJson(previous, JSON.parse(JSON.stringify(previous)))).toBe(previous)
  })

  it('given the same keys in another order, when shared, then the new order is kept', () => {
    const shared = shareJson({ a: 1, b: 2 }, { b: 2, a: 1 })

    expect(Object.keys(shared as object)).toEqual(['b', 'a'])
  })

  it('given a key named __proto__, when shared, then it stays an own key', () => {
    const next = JSON.parse('{"__proto__": {"x": 1}, "y": 2}') as Json
    const shared = shareJson({ y: 1 }, next) as Record<string, Json>

    expect(Object.hasOwn(shared, '__proto__')).toBe(true)
    expect(shared).toEqual(next)
  })

  it('given any two JSON values, when shared, then the result deep-equals the second', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(shareJson(a as Json, b as Json)).toStrictEqual(b)
      }),
    )
  })
})
