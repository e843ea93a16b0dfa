// A database window's rows: each version in its place, an event where the store holds a row for it and
// a gap where it holds none, whatever rows the source handed out around them.

import { describe, expect, it } from 'vitest'
import { windowRows } from '../../../../electron/core/session/source-event-shapes'
import type { SourceEvent } from '../../../../electron/core/source/source'

function event(version: number): SourceEvent {
  return {
    streamId: 's',
    version,
    globalPosition: String(version),
    type: `T${version}`,
    id: null,
    occurredAt: null,
    payload: { v: version },
    metadata: null,
    raw: `{"v":${version}}`,
  }
}

const shape = (rows: ReturnType<typeof windowRows>) =>
  rows.map((row) =>
    row.kind === 'event'
      ? `e${row.version}@${row.row}`
      : row.kind === 'gap'
        ? `gap${row.version}@${row.row}`
        : 'problem',
  )

describe('windowRows', () => {
  it('given rows for every version, then each is an event at row = version - 1', () => {
    expect(shape(windowRows([2, 3, 4].map(event), 1, 4, undefined))).toEqual(['e2@1', 'e3@2', 'e4@3'])
  })

  it('given versions without rows at the start, in the middle and at the end, then each is a gap in its place', () => {
    expect(shape(windowRows([3, 5].map(event), 0, 7, undefined))).toEqual([
      'gap1@0',
      'gap2@1',
      'e3@2',
      'gap4@3',
      'e5@4',
      'gap6@5',
      'gap7@6',
    ])
  })

  it('given a second row at a version already shown, then it is passed over and the later versions keep their events', () => {
    expect(shape(windowRows([1, 2, 2, 3, 4].map(event), 0, 4, undefined))).toEqual([
      'e1@0',
      'e2@1',
      'e3@2',
      'e4@3',
    ])
  })

  it('given no rows at all in the window, then every version is a gap saying why', () => {
    const rows = windowRows([], 10, 12, undefined)
    expect(shape(rows)).toEqual(['gap11@10', 'gap12@11'])
    expect(rows[0]).toMatchObject({
      message: expect.stringMatching(/^the store holds no row for it \(truncated/),
    })
  })
})
