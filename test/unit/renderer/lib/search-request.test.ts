import { describe, expect, it } from 'vitest'
import {
  emptyDraft,
  isBlank,
  searchRequest,
  whereErrorColumn,
} from '../../../../renderer/src/lib/search-request'

describe('search request', () => {
  it('given a draft with blank fields, when turned into a request, then only the filled fields are sent', () => {
    expect(searchRequest({ ...emptyDraft, where: ' payload.amount > 1 ', eventType: 'A' }, 's1', 50)).toEqual(
      {
        taskId: 's1',
        limit: 50,
        eventTypes: ['A'],
        where: 'payload.amount > 1',
      },
    )
    expect(isBlank(emptyDraft)).toBe(true)
  })

  it('given a time range to the minute, when sent, then “To” reaches the end of its minute', () => {
    const request = searchRequest(
      { ...emptyDraft, since: '2026-03-01T10:00', until: '2026-03-01T10:00' },
      's',
    )
    expect(Date.parse(request.until!) - Date.parse(request.since!)).toBe(59_999)
  })

  it('given the parser’s refusal, when read, then its column is found', () => {
    expect(whereErrorColumn('Expected a value at column 26')).toBe(26)
    expect(whereErrorColumn('No such directory')).toBeNull()
  })
})
