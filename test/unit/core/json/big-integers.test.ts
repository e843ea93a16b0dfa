import { describe, expect, it } from 'vitest'
import {
  bigIntegerDigits,
  markBigIntegers,
  unmarkBigIntegers,
  unsafeIntegers,
} from '../../../../electron/core/json/big-integers'

const line =
  '{"id": 12345678901234567891, "safe": 9007199254740991, "edge": 9007199254740993, "s": "12345678901234567891", "f": 1.2345678901234567891, "n": [-98765432109876543210, 1e30]}'

describe('big integers', () => {
  it('given a line, when scanned, then every number literal outside strings that a double does not print back is found', () => {
    expect(unsafeIntegers(line)).toEqual([
      '12345678901234567891',
      '9007199254740993',
      '1.2345678901234567891',
      '-98765432109876543210',
      '1e30',
    ])
    expect(unsafeIntegers('{"a": 1, "b": "x"}')).toEqual([])
    expect(unsafeIntegers('{"s": "say \\"12345678901234567891\\""}')).toEqual([])
  })

  it('given a line, when marked, parsed, stringified and unmarked, then every literal is back as written and everything else is as JSON.parse has it', () => {
    const value = JSON.parse(markBigIntegers(line)) as {
      id: string
      safe: number
      s: string
      f: number
      n: unknown[]
    }
    expect(bigIntegerDigits(value.id)).toBe('12345678901234567891')
    expect(value.safe).toBe(9007199254740991)
    expect(value.s).toBe('12345678901234567891')
    expect(bigIntegerDigits(value.s)).toBeNull()
    expect(bigIntegerDigits(value.f as unknown as string)).toBe('1.2345678901234567891')
    expect(unmarkBigIntegers(JSON.stringify(value))).toBe(
      '{"id":12345678901234567891,"safe":9007199254740991,"edge":9007199254740993,"s":"12345678901234567891","f":1.2345678901234567891,"n":[-98765432109876543210,1e30]}',
    )
  })

  it('given a line without long digit runs, when marked, then it is returned as is', () => {
    const plain = '{"a": 1}'
    expect(markBigIntegers(plain)).toBe(plain)
  })

  it('given a string that looks like a marker from another process, when read back, then it is not taken for a number', () => {
    expect(bigIntegerDigits('\u0000bigint:deadbeef:123')).toBeNull()
  })
})
