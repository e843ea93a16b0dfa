import { describe, expect, it } from 'vitest'
import { epochMicros, pythonIsoFormat } from '../../../electron/core/gen/python-time'

describe('pythonIsoFormat', () => {
  it('given microseconds, when formatted, then it reads like datetime.isoformat() in UTC', () => {
    expect(pythonIsoFormat(epochMicros('2026-03-01T12:00:00.123456+00:00'))).toBe(
      '2026-03-01T12:00:00.123456+00:00',
    )
  })

  it('given a whole second, when formatted, then the fraction is left out as Python does', () => {
    expect(pythonIsoFormat(epochMicros('2026-03-01T12:00:00Z'))).toBe('2026-03-01T12:00:00+00:00')
  })

  it('given times across midnight, when formatted in turn, then each has its own date', () => {
    const before = epochMicros('2026-03-01T23:59:59.999999+00:00')
    expect(pythonIsoFormat(before)).toBe('2026-03-01T23:59:59.999999+00:00')
    expect(pythonIsoFormat(before + 2)).toBe('2026-03-02T00:00:00.000001+00:00')
  })
})
