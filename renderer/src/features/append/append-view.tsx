// The Append tab: the form that writes one event, and the state that event would make.

import { useEffect, useMemo } from 'react'
import { checkJsonObject } from '../../lib/json-errors'
import { useAppStore } from '../../store'
import { AppendForm } from './append-form'
import { AppendPreview } from './append-preview'
import { useAppendDraft } from './use-append-draft'
import './append.css'

const previewDelayMs = 200

/** Form above, preview below; both read the same draft. */
export function AppendView() {
  const draft = useAppendDraft()
  // The payload keeps integers beyond 2^53 exactly (main writes their digits); metadata refuses them.
  const payload = useMemo(() => checkJsonObject(draft.payload, 'payload', false, true), [draft.payload])
  const metadata = useMemo(() => checkJsonObject(draft.metadata, 'metadata', true), [draft.metadata])
  const storeEvents = useAppStore((s) => s.store.summary?.events ?? null)
  const previewNeeded = useAppStore((s) => s.previewNeeded)
  // The event types the form offers are the append slice's to ask: once when a store opens, again
  // when it changes and after an append. The view asking too, on every store change, doubled the
  // opening's request.

  const aggregateId = draft.aggregate.trim()
  // Asked again when the store grows: the preview builds on the stream's latest state.
  const previewKey =
    payload.ok && aggregateId ? `${aggregateId}\n${storeEvents ?? ''}\n${draft.payload}` : null
  useEffect(() => {
    if (previewKey === null || !payload.ok || payload.value === null) return
    const request = {
      aggregateId,
      payload: payload.value,
      ...(payload.exact ? { exact: payload.exact } : {}),
      // As for append: main previews the text's literals (1.0 stays 1.0), once it says the same.
      payloadText: draft.payload,
      key: previewKey,
    }
    const timer = setTimeout(() => previewNeeded(request), previewDelayMs)
    return () => clearTimeout(timer)
  }, [previewKey, aggregateId, payload, draft.payload, previewNeeded])

  return (
    <>
      <AppendForm draft={draft} payload={payload} metadata={metadata} />
      <AppendPreview
        previewKey={previewKey}
        aggregateId={aggregateId}
        payloadError={payload.ok ? null : payload.message}
      />
    </>
  )
}
