import { describe, expect, it } from 'vitest'
import { sanePrefs } from '../../../../renderer/src/prefs/prefs-store'

describe('remembered preferences', () => {
  it('given a stored value of the right shape, when read back, then every part is kept', () => {
    const saved = {
      theme: 'dark',
      time: 'utc',
      columns: { aggregates: 30, timeline: 30, inspector: 40 },
      collapsed: { aggregates: true, timeline: false },
      dockHeight: 300,
      timelineFields: { Order: ['total', 'status'] },
    }
    expect(sanePrefs(saved)).toEqual(saved)
  })

  it('given a damaged or hand-edited value, when read back, then only the parts with the right shape are kept', () => {
    expect(sanePrefs(null)).toEqual({})
    expect(sanePrefs('dark')).toEqual({})
    expect(
      sanePrefs({
        theme: 'purple',
        time: 'utc',
        columns: { aggregates: -1, timeline: 30, inspector: 40 },
        collapsed: { aggregates: 'yes' },
        dockHeight: '300',
        timelineFields: { Order: [1, 2], User: ['email'] },
      }),
    ).toEqual({ time: 'utc', timelineFields: { User: ['email'] } })
  })
})
