import { describe, expect, it } from 'vitest'
import { existingStoreReason } from '../../../electron/cli/store-guard'

describe('existingStoreReason', () => {
  it('given an empty or unrelated directory, when checked, then gen may write', () => {
    expect(existingStoreReason([])).toBeNull()
    expect(existingStoreReason(['notes.txt', 'events.jsonl.bak'])).toBeNull()
  })

  it('given stream files, when checked, then gen refuses and says how many', () => {
    expect(existingStoreReason(['a.events.jsonl', 'b.events.jsonl'])).toBe(
      'it already holds an event store (2 *.events.jsonl files)',
    )
  })

  it('given only an index.json, when checked, then gen refuses', () => {
    expect(existingStoreReason(['index.json'])).toBe('it already holds an event store (index.json)')
  })
})
