import { describe, expect, it } from 'vitest'
import {
  holdsBeyondSafeNumber,
  parseExact,
  stringifyExact,
} from '../../../../electron/core/json/big-integers'
import { fromWire, toWire, toWireChange } from '../../../../electron/core/json/exact-wire'
import type { Json } from '../../../../shared/contract'
import { jsonPointer } from '../../../../shared/json-pointer'

const big = 12345678901234567890n

describe('exact big integers', () => {
  it('given a line with integers beyond 2^53, when parsed exactly, then they are bigints and the rest is as JSON.parse has it', () => {
    const line = '{"a": 12345678901234567890, "b": [1.5, -98765432109876543210], "s": "12345678901234567890"}'
    expect(holdsBeyondSafeNumber(JSON.parse(line))).toBe(true)
    expect(parseExact(line)).toEqual({ a: big, b: [1.5, -98765432109876543210n], s: '12345678901234567890' })
  })

  it('given a line without one, when parsed exactly, then null says JSON.parse is already exact', () => {
    expect(holdsBeyondSafeNumber(JSON.parse('{"a": [1, {"b": 9007199254740991}], "s": "x"}'))).toBe(false)
    expect(parseExact('{"a": 1234567890123456, "s": "12345678901234567890"}')).toBeNull()
  })

  it('given a key named __proto__ on a line with a big integer, when parsed exactly, then it stays data', () => {
    const value = parseExact('{"__proto__": {"x": 12345678901234567890}}') as object
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype)
    expect(Object.hasOwn(value, '__proto__')).toBe(true)
  })

  it('given a value with bigints, when stringified exactly, then each is written as its digits', () => {
    expect(stringifyExact({ a: big, b: [-1n, 'x'] })).toBe('{"a":12345678901234567890,"b":[-1,"x"]}')
    expect(stringifyExact({ a: big }, 2)).toBe('{\n  "a": 12345678901234567890\n}')
  })

  it('given a value without bigints, when wired, then it is returned as is with no exact map', () => {
    const value = { a: { b: [1, 2] }, c: 'x' }
    const wired = toWire(value)
    expect(wired.value).toBe(value)
    expect(wired.exact).toBeUndefined()
  })

  it('given bigints nested, in arrays and under awkward keys, when wired, then numbers stand in and pointers name the digits', () => {
    const shared = { untouched: true }
    const value = { shared, a: { 'x/y~z': big }, list: [0, [-big]], top: 5n }
    const wired = toWire(value)
    expect(wired.value).toEqual({
      shared,
      a: { 'x/y~z': Number(big) },
      list: [0, [-Number(big)]],
      top: 5,
    })
    // Only the way to a bigint is copied: other subtrees stay shared.
    expect((wired.value as { shared: object }).shared).toBe(shared)
    expect(wired.exact).toEqual({
      '/a/x~1y~0z': '12345678901234567890',
      '/list/1/0': '-12345678901234567890',
      '/top': '5',
    })
    expect(toWire(big)).toEqual({ value: Number(big), exact: { '': '12345678901234567890' } })
  })

  it('given a change between two big integers, when wired, then before and after carry their digits', () => {
    expect(toWireChange({ path: ['id'], kind: 'changed', before: big, after: big + 1n })).toEqual({
      path: ['id'],
      kind: 'changed',
      before: Number(big),
      after: Number(big),
      exactBefore: { '': '12345678901234567890' },
      exactAfter: { '': '12345678901234567891' },
    })
    expect(toWireChange({ path: ['n'], kind: 'removed', before: 1 })).toEqual({
      path: ['n'],
      kind: 'removed',
      before: 1,
    })
  })

  it('given paths, when made pointers, then ~ and / are escaped as RFC 6901 says', () => {
    expect(jsonPointer([])).toBe('')
    expect(jsonPointer(['a/b', 'm~n', '0'])).toBe('/a~1b/m~0n/0')
  })
})

describe('fromWire: digits the page sends back', () => {
  it('given a value and the digits toWire took from it, when put back, then the exact value returns and the input is untouched', () => {
    const original = { id: big, nested: { list: [1, -98765432109876543210n] }, 'a/b': { '~': big } }
    const { value, exact } = toWire(original)
    const before = JSON.stringify(value)
    expect(fromWire(value, exact)).toEqual(original)
    expect(JSON.stringify(value)).toBe(before)
    expect(fromWire(value, undefined)).toBe(value)
  })

  it('given a pointer to a key named __proto__, when put back, then it stays data and no prototype changes', () => {
    const value = JSON.parse('{"__proto__": {"x": 12345678901234567890}}') as Json
    const result = fromWire(value, { '/__proto__/x': '12345678901234567890' }) as Record<string, unknown>
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype)
    expect(Object.hasOwn(result, '__proto__')).toBe(true)
    expect(({} as Record<string, unknown>).x).toBeUndefined()
  })

  it('given digits that do not match, a place that is not there, a safe number or a bad pointer, when put back, then each is refused as invalid input', () => {
    const value = { id: Number(big), small: 5, list: [1] }
    const refused: Record<string, string>[] = [
      { '/id': '99999999999999999999' },
      { '/missing': '12345678901234567890' },
      { '/list/3': '12345678901234567890' },
      { '/list/01': '12345678901234567890' },
      { '/small': '5' },
      { id: '12345678901234567890' },
      { '/id~2': '12345678901234567890' },
    ]
    for (const exact of refused)
      expect(() => fromWire(value, exact), JSON.stringify(exact)).toThrow(
        expect.objectContaining({ code: 'invalid_input' }) as unknown as Error,
      )
  })
})
