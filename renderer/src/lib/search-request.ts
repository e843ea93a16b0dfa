// The search form's fields as a `search.run` request, and the host's refusal mapped back to a field.
//
// Pure: the slice and the form share it, and the unit tests read it without a DOM.

import type { ChannelInput } from '../../../shared/contract'
import { isoFromLocalInput } from './local-input-time'

export interface SearchDraft {
  readonly eventType: string
  readonly aggregateType: string
  readonly aggregateId: string
  /** `datetime-local` values (local time, minutes), '' when open. */
  readonly since: string
  readonly until: string
  readonly where: string
  readonly text: string
}

export const emptyDraft: SearchDraft = {
  eventType: '',
  aggregateType: '',
  aggregateId: '',
  since: '',
  until: '',
  where: '',
  text: '',
}

/** The request for a draft: blank fields are left out, so they match everything. */
export function searchRequest(draft: SearchDraft, taskId: string, limit = 500): ChannelInput<'search.run'> {
  const since = isoFromLocalInput(draft.since)
  const until = isoFromLocalInput(draft.until, true)
  return {
    taskId,
    limit,
    ...(draft.eventType.trim() ? { eventTypes: [draft.eventType.trim()] } : {}),
    ...(draft.aggregateType.trim() ? { aggregateTypes: [draft.aggregateType.trim()] } : {}),
    ...(draft.aggregateId.trim() ? { aggregateIds: [draft.aggregateId.trim()] } : {}),
    ...(since ? { since } : {}),
    ...(until ? { until } : {}),
    ...(draft.where.trim() ? { where: draft.where.trim() } : {}),
    ...(draft.text ? { text: draft.text } : {}),
  }
}

/** Whether the draft asks anything at all (an empty search would list the whole store). */
export function isBlank(draft: SearchDraft): boolean {
  return Object.values(draft).every((value) => value.trim() === '')
}

/** The column a `Where` parse error names ("… at column 7"), or null for any other refusal. */
export function whereErrorColumn(message: string): number | null {
  const match = /at column (\d+)/.exec(message)
  return match ? Number(match[1]) : null
}
