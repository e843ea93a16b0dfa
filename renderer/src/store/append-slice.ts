// Appending an event by hand: the store's event types, the preview of the state it would make, and the
// append itself with its confirmation or refusal.
//
// Previews go through a coalescer like the slider's state requests: typing asks for many, the host sees
// at most one in flight and then only the newest text.

import type { AppendInput, Change, ChannelOutput, ExactIntegers, Json } from '../../../shared/contract'
import { createCoalescer } from '../lib/coalescer'
import { formatCount, messageOf } from '../lib/format'
import type { JsonObject } from '../lib/json-errors'
import type { SliceCreator } from './types'

export type EventTypeCount = ChannelOutput<'events.types'>['types'][number]

interface PreviewKey {
  readonly aggregateId: string
  readonly payload: JsonObject
  /** Digits of the payload's integers beyond 2^53, by pointer. */
  readonly exact?: ExactIntegers
  /** The payload as typed: previewed as append writes it, its literals kept (`1.0` stays 1.0). */
  readonly payloadText?: string
  /** Identifies the payload text and the store revision it was asked for. */
  readonly key: string
}

export interface AppendPreview {
  readonly key: string
  /** The version the event would get. */
  readonly version: number
  readonly state: Json
  /** Exact digits of the integers beyond 2^53 in `state`, by JSON Pointer. */
  readonly exact?: ExactIntegers | undefined
  readonly changes: readonly Change[]
}

export interface AppendSlice {
  readonly append: {
    readonly types: readonly EventTypeCount[]
    readonly preview: AppendPreview | null
    readonly previewError: { readonly key: string; readonly message: string } | null
    readonly submitting: boolean
    /** The host's one-line refusal of the last append. */
    readonly error: string | null
    /** "Appended UserRenamed as version 5". */
    readonly confirmation: string | null
  }
  /**
   * Ask the open store's event types again. The slice itself asks when a store opens, when it changes
   * and after an append; a view only asks where it shows a moment of its own (the export dialog opening).
   */
  eventTypesNeeded(): void
  /**
   * The text to fill the payload with: the latest payload of the type (in that aggregate if it has
   * one), as its line has it; null when there is none.
   */
  templateNeeded(eventType: string, aggregateId: string | null): Promise<string | null>
  previewNeeded(request: PreviewKey): void
  /** The user edited the form: the last outcome no longer describes what is in it. */
  appendFormEdited(): void
  /** Append; resolves true when the event was written. */
  appendSubmitted(input: AppendInput): Promise<boolean>
}

const initial: AppendSlice['append'] = {
  types: [],
  preview: null,
  previewError: null,
  submitting: false,
  error: null,
  confirmation: null,
}

export const createAppendSlice: SliceCreator<AppendSlice> = ({ set, get, api, latest }) => {
  const patch = (part: Partial<AppendSlice['append']>) => set((s) => ({ append: { ...s.append, ...part } }))

  const previews = createCoalescer<PreviewKey, ChannelOutput<'events.preview'>>({
    same: (a, b) => a.key === b.key,
    run: ({ aggregateId, payload, exact, payloadText }) =>
      api['events.preview']({
        aggregateId,
        payload,
        ...(exact ? { exact } : {}),
        ...(payloadText === undefined ? {} : { payloadText }),
      }),
    deliver: ({ key }, outcome) => {
      if (outcome.ok) patch({ preview: { key, ...outcome.value }, previewError: null })
      else patch({ previewError: { key, message: messageOf(outcome.error) } })
    },
  })

  const typeLists = latest()
  const appends = latest()
  // Each draft gets its event id before it is sent; the same draft sent again after a failure keeps it,
  // so a retry of an append that did land (the index left behind, the answer lost) is a no-op on the
  // host, never a second copy of the event. Cleared once an append is confirmed.
  let pending: { readonly key: string; readonly eventId: string | null } | null = null

  const slice: AppendSlice = {
    append: initial,

    eventTypesNeeded() {
      if (!get().store.summary) return
      typeLists.run(
        api['events.types']({}),
        ({ types }) => patch({ types }),
        () => {
          // Suggestions are a convenience: without them the field still takes any type.
        },
      )
    },

    async templateNeeded(eventType, aggregateId) {
      try {
        const { payload, payloadText } = await api['events.template'](
          aggregateId ? { eventType, aggregateId } : { eventType },
        )
        // The line's own text keeps its key order and literals; the parsed payload is the fallback.
        if (payloadText !== undefined) return payloadText
        return payload ? JSON.stringify(payload, null, 2) : null
      } catch {
        return null
      }
    },

    previewNeeded(request) {
      previews.request(request)
    },

    appendFormEdited() {
      const { error, confirmation } = get().append
      if (error !== null || confirmation !== null) patch({ error: null, confirmation: null })
    },

    async appendSubmitted(input) {
      // An answer that comes back after another store was opened is about the old one: not shown there.
      const current = appends.next()
      patch({ submitting: true, error: null, confirmation: null })
      const key = JSON.stringify(input)
      // A database makes its own event ids (Emmett's layout refuses one), so only a directory store
      // gets one made here: resending the same event after a lost answer is then a no-op.
      const ownIds = (get().store.summary?.source.kind ?? 'jsonl') !== 'jsonl'
      if (pending?.key !== key)
        pending = { key, eventId: input.eventId ?? (ownIds ? null : crypto.randomUUID()) }
      try {
        const { eventId } = pending
        const result = await api['events.append']({ ...input, ...(eventId === null ? {} : { eventId }) })
        pending = null
        if (!current()) return true
        const confirmation = result.duplicate
          ? `Already appended: ${input.eventType} is version ${formatCount(result.version)}`
          : `Appended ${input.eventType} as version ${formatCount(result.version)}`
        patch({ submitting: false, confirmation })
        get().eventAppended(result.aggregateId, result.version)
        get().eventTypesNeeded()
        return true
      } catch (error) {
        if (current()) patch({ submitting: false, error: messageOf(error) })
        return false
      }
    },
  }

  return {
    slice,
    // Types, previews and outcomes are all about the old store; the form's draft lives in the form.
    perStore: () => ({ append: initial }),
    opened: () => get().eventTypesNeeded(),
  }
}
