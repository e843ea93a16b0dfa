// The append form's fields as the user left them, with defaults that follow the rest of the window.
//
// The aggregate defaults to the selected one and the expected version to the slider's position; once the
// user types in either, their text wins until the selection (or the aggregate) changes under it.

import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useAppStore, useSliderVersion } from '../../store'

interface Draft {
  /** What the user typed in Aggregate, and the selection it was typed over. */
  readonly aggregate: { readonly value: string; readonly over: string | null } | null
  readonly type: string
  readonly payload: string
  /** Whether the user edited the payload (a template then no longer replaces it). */
  readonly payloadTouched: boolean
  readonly metadata: string
  /** What the user typed in Expected version, and the aggregate it was typed for. */
  readonly expected: { readonly value: string; readonly aggregate: string } | null
}

const initial: Draft = {
  aggregate: null,
  type: '',
  payload: '{}',
  payloadTouched: false,
  metadata: '',
  expected: null,
}

/** The form's effective values, the stream's last version when known, and setters. */
export function useAppendDraft() {
  const [draft, setDraft] = useState(initial)
  const { selected, eventCount } = useAppStore(
    useShallow((s) => ({ selected: s.stream.aggregateId, eventCount: s.stream.info?.eventCount ?? null })),
  )
  const slider = useSliderVersion()

  const aggregate =
    draft.aggregate && draft.aggregate.over === selected ? draft.aggregate.value : (selected ?? '')
  const isSelected = selected !== null && aggregate === selected
  const expected =
    draft.expected && draft.expected.aggregate === aggregate
      ? draft.expected.value
      : isSelected && eventCount !== null
        ? String(slider)
        : ''
  const patch = (part: Partial<Draft>) => setDraft((now) => ({ ...now, ...part }))

  return {
    aggregate,
    type: draft.type,
    payload: draft.payload,
    payloadTouched: draft.payloadTouched,
    metadata: draft.metadata,
    expected,
    /** The selected stream's last version when the form targets it; null otherwise. */
    selectedLastVersion: isSelected ? eventCount : null,
    setAggregate: (value: string) => patch({ aggregate: { value, over: selected } }),
    setType: (type: string) => patch({ type }),
    /** The user typed in Payload. */
    editPayload: (payload: string) => patch({ payload, payloadTouched: true }),
    /**
     * A template replaces the payload, unless the user has typed one since the template was asked for
     * (it arrives asynchronously); a template still counts as untouched.
     */
    fillPayload: (payload: string) =>
      setDraft((now) =>
        now.payloadTouched && now.payload.trim() !== '' ? now : { ...now, payload, payloadTouched: false },
      ),
    setMetadata: (metadata: string) => patch({ metadata }),
    setExpected: (value: string) => patch({ expected: { value, aggregate } }),
    /** After an append: the aggregate and expected version follow the window again. */
    appended: () => patch({ aggregate: null, expected: null }),
  }
}
