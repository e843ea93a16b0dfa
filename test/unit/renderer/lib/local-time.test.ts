import { describe, expect, it } from 'vitest'
import { localInputToIso } from '../../../../renderer/src/lib/local-time'

describe('localInputToIso', () => {
  it('given a datetime-local value and an offset east of UTC, when converted, then seconds and +HH:MM are added', () => {
    expect(localInputToIso('2026-11-26T10:00', () => 60)).toBe('2026-11-26T10:00:00+01:00')
  })

  it('given an offset west of UTC with minutes, when converted, then the sign and minutes are kept', () => {
    expect(localInputToIso('2026-03-01T23:59:30', () => -(3 * 60 + 30))).toBe('2026-03-01T23:59:30-03:30')
  })

  it('given UTC, when converted, then the offset reads +00:00', () => {
    expect(localInputToIso('2026-01-02T03:04:05.678', () => 0)).toBe('2026-01-02T03:04:05+00:00')
  })

  it('given the machine zone, when converted, then the offset is the one in force on that date', () => {
    const iso = localInputToIso('2026-07-01T12:00')
    expect(iso).not.toBeNull()
    expect(new Date(iso as string).getTime()).toBe(new Date(2026, 6, 1, 12, 0, 0).getTime())
  })

  it('given empty, partial or impossible values, when converted, then the answer is null', () => {
    for (const value of ['', '2026-11-26', '2026-11-26T1', '2026-02-30T10:00', 'yesterday'])
      expect(
        localInputToIso(value, () => 0),
        value,
      ).toBeNull()
  })
})
