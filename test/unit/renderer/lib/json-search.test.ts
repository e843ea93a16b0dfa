import { describe, expect, it } from 'vitest'
import type { Json } from '../../../../shared/contract'
import { exactJsonText, exactBelow } from '../../../../renderer/src/lib/exact-json-text'
import { searchJson } from '../../../../renderer/src/lib/json-search'

const state: Json = {
  customer: { name: 'Ada Lovelace', city: 'Lyon' },
  lines: [{ sku: 'ada-1' }, { sku: 'b-2' }],
  paid: true,
  ref: Number('12345678901234567890'),
  amount: 1,
}
// As main sends them: the literal of every number a double prints otherwise, by JSON Pointer.
const exact = { '/ref': '12345678901234567890', '/amount': '1.0' }

describe('searchJson', () => {
  it('given a text in keys and values, when searched, then every node holding it is found in the order the tree shows them, case-insensitively', () => {
    const found = searchJson(state, exact, 'ADA')
    expect(found.matches.map((match) => match.path.join('.'))).toEqual(['customer.name', 'lines.0.sku'])
    expect(searchJson(state, exact, 'city').matches).toEqual([
      { path: ['customer', 'city'], key: true, value: false },
    ])
  })

  it('given numbers kept as written, when their digits are searched, then the literal matches, not the rounded double', () => {
    expect(searchJson(state, exact, '901234567890').matches.map((match) => match.path)).toEqual([['ref']])
    expect(searchJson(state, exact, '1.0').matches.map((match) => match.path)).toEqual([['amount']])
    expect(searchJson(state, null, '901234567890').matches).toEqual([])
  })

  it('given array indices and words, when searched, then indices never match and true/false/null match as printed', () => {
    expect(searchJson(state, exact, '0').matches.map((match) => match.path.join('.'))).toEqual([
      'ref',
      'amount',
    ])
    expect(searchJson(state, exact, 'TRUE').matches.map((match) => match.path)).toEqual([['paid']])
  })

  it('given an empty query or a limit, when searched, then nothing, or the first matches and truncated', () => {
    expect(searchJson(state, exact, '')).toEqual({ matches: [], truncated: false })
    const many = searchJson({ a: Array.from({ length: 50 }, () => 'x') }, null, 'x', 10)
    expect(many.matches).toHaveLength(10)
    expect(many.truncated).toBe(true)
  })
})

describe('exactJsonText', () => {
  it('given numbers a double prints otherwise, when printed, then each keeps its literal, pretty or on one line', () => {
    expect(exactJsonText(state, exact, 0)).toBe(
      '{"customer":{"name":"Ada Lovelace","city":"Lyon"},"lines":[{"sku":"ada-1"},{"sku":"b-2"}],"paid":true,"ref":12345678901234567890,"amount":1.0}',
    )
    const pretty = exactJsonText(state, exact)
    expect(pretty).toContain('\n  "ref": 12345678901234567890,\n  "amount": 1.0\n}')
    // Without the literals it is exactly JSON.stringify's text.
    expect(exactJsonText(state, null)).toBe(JSON.stringify(state, null, 2))
    expect(exactJsonText({ a: [], b: {} }, null)).toBe(JSON.stringify({ a: [], b: {} }, null, 2))
  })

  it('given one node of the state, when its literals are taken below its pointer, then its text keeps them', () => {
    const payment = { ref: Number('12345678901234567890') }
    expect(
      exactJsonText(payment, exactBelow({ '/payment/ref': '12345678901234567890' }, '/payment'), 0),
    ).toBe('{"ref":12345678901234567890}')
    expect(exactJsonText(1, exactBelow({ '/amount': '1.0' }, '/amount'))).toBe('1.0')
    expect(exactBelow({ '/a': '1.0' }, '/b')).toBeNull()
  })
})
