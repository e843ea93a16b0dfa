// The one owner of facts kept between reads and writes: per store directory, and the readings of one
// closed store at a time (O(aggregates) each, so two are never held).

import { afterEach, describe, expect, it } from 'vitest'
import type { IndexTable } from '../../../../electron/core/store/index-file'
import {
  clearStoreFacts,
  rememberReadings,
  storeFacts,
} from '../../../../electron/core/stream-facts/store-facts'
import type { StampedReading } from '../../../../electron/core/scan-cache/readings-codec'

afterEach(() => clearStoreFacts())

const noIndex = { state: 'missing' } as unknown as IndexTable
const readings = (): ReadonlyMap<string, StampedReading> => new Map()

describe('store facts', () => {
  it('given a directory, when its facts are asked for twice, then the same facts come back, empty at first', () => {
    const facts = storeFacts('/stores/a')
    expect(facts).toMatchObject({ lastReadings: null, lastIndex: null, index: null, style: null })
    const style = {
      payload: 'flat',
      typeField: 'event_type',
      idField: null,
      timeField: null,
      aggregateIdField: null,
    } as const
    facts.style = style
    expect(storeFacts('/stores/a').style).toBe(style)
    expect(storeFacts('/stores/b').style).toBeNull()
  })

  it('given the readings of a closed store, when another store is closed, then only the later readings are kept', () => {
    const first = readings()
    rememberReadings('/stores/a', first, noIndex)
    expect(storeFacts('/stores/a').lastReadings).toBe(first)

    const second = readings()
    rememberReadings('/stores/b', second, noIndex)
    expect(storeFacts('/stores/a')).toMatchObject({ lastReadings: null, lastIndex: null })
    expect(storeFacts('/stores/b')).toMatchObject({ lastReadings: second, lastIndex: noIndex })
  })
})
