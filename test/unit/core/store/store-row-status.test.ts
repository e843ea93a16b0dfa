import { describe, expect, it } from 'vitest'
import type { Problem } from '../../../../shared/contract'
import { parseIndexTable } from '../../../../electron/core/store/index-file'
import { noFolder, StoreState } from '../../../../electron/core/store/store-state'
import type { StreamReading } from '../../../../electron/core/stream-facts/stream-reading'

const at = '2026-03-01T09:00:00.123456+00:00'

function reading(eventCount: number, problems: Problem[] = []): StreamReading {
  return {
    eventCount,
    lastEventAt: at,
    lastEventAtMs: Date.parse(at),
    type: 'Order',
    style: null,
    typeCounts: new Map([['Placed', eventCount]]),
    latestOfType: new Map([['Placed', eventCount]]),
    problems,
    problemCount: problems.length,
    errorCount: problems.filter((problem) => problem.severity === 'error').length,
    file: { size: 100, mtimeMs: 1, ino: 1 },
  }
}

const tornLine: Problem = {
  kind: 'torn_tail',
  severity: 'error',
  line: 3,
  offset: 40,
  snippet: null,
  message: 'line 3 is cut short',
}
const oddLine: Problem = {
  kind: 'missing_type',
  severity: 'warning',
  line: 2,
  offset: 20,
  snippet: null,
  message: 'line 2 has no event type',
}

/** A store of every kind of row: read and agreeing, read and not, damaged, unreadable, unread, a ghost. */
function storeOfEveryKind(): StoreState {
  const entry = (eventCount: number) => ({ event_count: eventCount, last_event_at: at })
  const index = parseIndexTable(
    JSON.stringify({
      total_events: 20,
      aggregates: {
        agrees: entry(2),
        disagrees: entry(5),
        torn: entry(3),
        odd: entry(2),
        locked: entry(1),
        unread: entry(4),
        ghost: entry(3),
      },
    }),
  )
  const listed = ['agrees', 'disagrees', 'locked', 'odd', 'torn', 'unindexed', 'unread']
  const state = new StoreState('/store', index, listed, noFolder)
  state.updateIds()
  return state
}

function statusesBySortAndRow(state: StoreState): { sorted: string[]; rows: string[] } {
  const ids = [...state.listed, ...state.unlisted].sort()
  return {
    sorted: ids.map((id) => `${id}:${state.rows.status(id)}`),
    rows: ids.map((id) => `${id}:${state.rows.row(id).status}`),
  }
}

describe('the status a sort reads of a row', () => {
  it('given a store opened and nothing read yet, when every status is asked, then each is its row status: pending, the ghost an error', () => {
    const state = storeOfEveryKind()

    const { sorted, rows } = statusesBySortAndRow(state)

    expect(sorted).toEqual(rows)
    expect(sorted).toContain('ghost:error')
    expect(sorted.filter((status) => status.endsWith(':pending'))).toHaveLength(7)
  })

  it('given some streams read, one unreadable and one never read, when every status is asked, then each is its row status', () => {
    const state = storeOfEveryKind()
    state.takeReading('agrees', reading(2))
    state.takeReading('disagrees', reading(4))
    state.takeReading('torn', reading(3, [tornLine]))
    state.takeReading('odd', reading(2, [oddLine]))
    state.takeReading('unindexed', reading(1))
    state.markUnreadable('locked', 'EACCES')

    const { sorted, rows } = statusesBySortAndRow(state)

    expect(sorted).toEqual(rows)
    expect(sorted).toEqual([
      'agrees:ok',
      'disagrees:warning',
      'ghost:error',
      'locked:error',
      'odd:warning',
      'torn:error',
      'unindexed:warning',
      'unread:pending',
    ])
  })

  it('given a stream asked for before and after its reading, when its status is asked again, then the new reading counts', () => {
    const state = storeOfEveryKind()
    expect(state.rows.status('torn')).toBe('pending')

    state.takeReading('torn', reading(3, [tornLine]))

    expect(state.rows.status('torn')).toBe('error')
  })
})
