import { describe, expect, it } from 'vitest'
import { renderIndex } from '../../../electron/core/gen/render-index'

describe('renderIndex', () => {
  it('given no aggregates, when rendered, then it is what _initialize_index writes (no indent)', () => {
    expect(renderIndex([])).toBe('{"aggregates": {}, "total_events": 0}')
  })

  it('given entries, when rendered, then they keep their order and total_events is their sum', () => {
    const text = renderIndex([
      { id: 'b', eventCount: 2, lastEventAt: '2026-03-01T12:00:00+00:00' },
      { id: 'a', eventCount: 1, lastEventAt: null },
    ])
    expect(text).toBe(
      '{\n  "aggregates": {\n    "b": {\n      "event_count": 2,\n      "last_event_at": "2026-03-01T12:00:00+00:00"\n    },\n' +
        '    "a": {\n      "event_count": 1,\n      "last_event_at": null\n    }\n  },\n  "total_events": 3\n}',
    )
  })
})
