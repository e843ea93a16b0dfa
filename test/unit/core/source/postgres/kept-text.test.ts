// What an import keeps beside jsonb and timestamptz, and when reading gives it back: only while it
// still stands for the row, and never as metadata.

import { describe, expect, it } from 'vitest'
import { parseJsonExact } from '../../../../../electron/core/json/big-integers'
import type { ExactJsonObject } from '../../../../../electron/core/json/json-value'
import {
  canonicalNumber,
  keptMember,
  restoreKept,
  sameValue,
} from '../../../../../electron/core/source/postgres/kept-text'

const object = (text: string): ExactJsonObject => parseJsonExact(text) as ExactJsonObject

describe('restoreKept', () => {
  const original = '{"zeta": 1, "2": "two", "n": 1E5, "s": "caf\\u00e9"}'
  // What jsonb prints for it: its own key order, 1E5 as 100000, the escape undone.
  const jsonb = '{"2": "two", "n": 100000, "s": "café", "zeta": 1}'

  it('given a kept payload text that parses to the row value, when read, then the text and its key order come back and the member is gone', () => {
    const parts = restoreKept({
      raw: jsonb,
      payload: object(jsonb),
      metadata: { user: 'ann', [keptMember]: { payloadText: original } },
      occurredAt: '2026-01-02T03:04:05.000000Z',
    })
    expect(parts.raw).toBe(original)
    expect(Object.keys(parts.payload)).toEqual(Object.keys(object(original)))
    expect(parts.metadata).toEqual({ user: 'ann' })
    expect(parts.occurredAt).toBe('2026-01-02T03:04:05.000000Z')
  })

  it('given a row edited after the copy, when read, then the row is what shows, not the stale text', () => {
    const edited = '{"2": "two", "n": 100001, "s": "café", "zeta": 1}'
    const parts = restoreKept({
      raw: edited,
      payload: object(edited),
      metadata: { [keptMember]: { payloadText: original } },
      occurredAt: null,
    })
    expect(parts.raw).toBe(edited)
    expect(parts.metadata).toEqual({})
  })

  it('given a kept time of the same instant, when read, then its own spelling comes back; of another instant, the row time stays', () => {
    const kept = { [keptMember]: { occurredAt: '2026-01-02T05:04:05.5+02:00' } }
    const same = restoreKept({
      raw: '{}',
      payload: {},
      metadata: kept,
      occurredAt: '2026-01-02T03:04:05.500000Z',
    })
    expect(same.occurredAt).toBe('2026-01-02T05:04:05.5+02:00')
    const moved = restoreKept({
      raw: '{}',
      payload: {},
      metadata: kept,
      occurredAt: '2026-01-02T03:04:06.500000Z',
    })
    expect(moved.occurredAt).toBe('2026-01-02T03:04:06.500000Z')
  })

  it('given a kept text that is no time at all, when read, then it comes back (the row holds the time of the copy)', () => {
    const parts = restoreKept({
      raw: '{}',
      payload: {},
      metadata: { [keptMember]: { occurredAt: 'yesterday at noon' } },
      occurredAt: '2026-12-06T16:00:00.000000Z',
    })
    expect(parts.occurredAt).toBe('yesterday at noon')
  })

  it('given metadata without the member, when read, then nothing changes', () => {
    const parts = { raw: '{"a": 1}', payload: { a: 1 }, metadata: { eventscope: 'theirs' }, occurredAt: null }
    expect(restoreKept(parts)).toBe(parts)
  })
})

describe('sameValue and canonicalNumber', () => {
  it('given numbers spelled differently, when compared, then equal values are equal whatever their spelling', () => {
    expect(canonicalNumber('1E5')).toBe(canonicalNumber('100000'))
    expect(canonicalNumber('1.0')).toBe(canonicalNumber('1'))
    expect(canonicalNumber('-0.0')).toBe('0')
    expect(canonicalNumber('0.10')).toBe(canonicalNumber('1e-1'))
    expect(canonicalNumber('12.5')).not.toBe(canonicalNumber('125'))
    expect(
      sameValue(
        object('{"a": [1.0, 1E5, 18446744073709551617]}'),
        object('{"a": [1, 100000, 18446744073709551617]}'),
      ),
    ).toBe(true)
    expect(sameValue(object('{"a": 18446744073709551617}'), object('{"a": 18446744073709551616}'))).toBe(
      false,
    )
    expect(sameValue(object('{"a": "1"}'), object('{"a": 1}'))).toBe(false)
    expect(sameValue(object('{"a": 1}'), object('{"a": 1, "b": null}'))).toBe(false)
  })
})
