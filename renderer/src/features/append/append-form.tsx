// The "Append event" form: aggregate, type, payload and metadata as JSON, the expected version, Append.

import { useEffect, useId, type FormEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { formatCount } from '../../lib/format'
import type { ObjectCheck } from '../../lib/json-errors'
import { useAppStore } from '../../store'
import { Pane } from '../../ui/pane'
import { newAggregateId } from './new-aggregate-id'
import type { useAppendDraft } from './use-append-draft'

const templateDelayMs = 250
const noIds: readonly string[] = []

/** The form; `payload` and `metadata` are the drafts' checks, done once by the caller. */
export function AppendForm(props: {
  readonly draft: ReturnType<typeof useAppendDraft>
  readonly payload: ObjectCheck
  readonly metadata: ObjectCheck
}) {
  const { draft, payload, metadata } = props
  const ids = useId()
  const { types, submitting, error, confirmation, preview, hasStore } = useAppStore(
    useShallow((s) => ({
      types: s.append.types,
      submitting: s.append.submitting,
      error: s.append.error,
      confirmation: s.append.confirmation,
      preview: s.append.preview,
      hasStore: s.store.summary !== null,
    })),
  )
  // Suggestions for Aggregate: the rows loaded in the aggregates list (first pages, in its order).
  const knownIds = useAppStore(useShallow((s) => s.aggregates.pages[0]?.rows.map((row) => row.id) ?? noIds))
  const { appendSubmitted, appendFormEdited, templateNeeded } = useAppStore(
    useShallow((s) => ({
      appendSubmitted: s.appendSubmitted,
      appendFormEdited: s.appendFormEdited,
      templateNeeded: s.templateNeeded,
    })),
  )

  const aggregateId = draft.aggregate.trim()
  const eventType = draft.type.trim()
  const known = types.some((t) => t.type === eventType)
  const canFill = !draft.payloadTouched || draft.payload.trim() === ''
  const { fillPayload } = draft
  useEffect(() => {
    // A known type fills an untouched payload with the latest payload of that type, as a template.
    if (!known || !canFill) return
    let live = true
    const timer = setTimeout(() => {
      void templateNeeded(eventType, aggregateId || null).then((template) => {
        if (live && template !== null) fillPayload(template)
      })
    }, templateDelayMs)
    return () => {
      live = false
      clearTimeout(timer)
    }
    // Only a new type asks for a template; the aggregate and payload are read as they are then.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [eventType, known])

  const expectedText = draft.expected.trim()
  const expected = expectedText === '' ? null : Number(expectedText)
  const expectedValid = expected === null || (Number.isSafeInteger(expected) && expected >= 0)
  // The stream's last version: the selected stream's, or what the preview found for another aggregate.
  const lastVersion =
    draft.selectedLastVersion ??
    (preview && preview.key.startsWith(`${aggregateId}\n`) ? preview.version - 1 : null)
  const conflict = expected !== null && expectedValid && lastVersion !== null && expected !== lastVersion

  const ready =
    hasStore && aggregateId !== '' && eventType !== '' && payload.ok && metadata.ok && expectedValid
  const edited = () => appendFormEdited()

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!ready || submitting || !payload.ok || !metadata.ok) return
    const ok = await appendSubmitted({
      aggregateId,
      eventType,
      payload: payload.value ?? {},
      ...(payload.exact ? { exact: payload.exact } : {}),
      // The text as typed: main writes its key order and number literals (1.0 stays 1.0).
      ...(payload.value ? { payloadText: draft.payload } : {}),
      ...(metadata.value ? { metadata: metadata.value } : {}),
      expectedVersion: expected,
    })
    if (ok) draft.appended()
  }

  return (
    <Pane title="Append event" className="append-pane">
      <form className="append-form" aria-label="Append event" onSubmit={(e) => void submit(e)} noValidate>
        <label htmlFor={`${ids}-aggregate`}>Aggregate</label>
        <div className="append-row">
          <input
            id={`${ids}-aggregate`}
            className="text-field mono append-grow"
            list={`${ids}-aggregates`}
            placeholder="aggregate id"
            spellCheck={false}
            autoComplete="off"
            value={draft.aggregate}
            onChange={(e) => {
              draft.setAggregate(e.target.value)
              edited()
            }}
          />
          <datalist id={`${ids}-aggregates`}>
            {knownIds.map((id) => (
              <option key={id} value={id} />
            ))}
          </datalist>
          <button
            type="button"
            className="button small"
            title="New aggregate: fill in a random id (UUID v4), so the event starts a new stream"
            onClick={() => {
              draft.setAggregate(newAggregateId())
              edited()
            }}
          >
            New<span className="visually-hidden"> aggregate</span>
          </button>
        </div>

        <label htmlFor={`${ids}-type`}>Event type</label>
        <div>
          <input
            id={`${ids}-type`}
            className="text-field append-wide"
            list={`${ids}-types`}
            placeholder={types[0] ? `e.g. ${types[0].type}` : 'e.g. UserRenamed'}
            spellCheck={false}
            autoComplete="off"
            value={draft.type}
            onChange={(e) => {
              draft.setType(e.target.value)
              edited()
            }}
          />
          <datalist id={`${ids}-types`}>
            {types.map((t) => (
              <option key={t.type} value={t.type}>
                {`${formatCount(t.count)} ${t.count === 1 ? 'event' : 'events'}${t.aggregateType ? ` · ${t.aggregateType}` : ''}`}
              </option>
            ))}
          </datalist>
        </div>

        <label htmlFor={`${ids}-payload`}>Payload</label>
        <div>
          <textarea
            id={`${ids}-payload`}
            className={`text-area mono ${payload.ok ? '' : 'invalid'}`}
            rows={6}
            spellCheck={false}
            aria-invalid={!payload.ok}
            aria-describedby={payload.ok ? undefined : `${ids}-payload-error`}
            value={draft.payload}
            onChange={(e) => {
              draft.editPayload(e.target.value)
              edited()
            }}
          />
          {!payload.ok && (
            <p id={`${ids}-payload-error`} className="field-error" aria-live="polite">
              {payload.message}
            </p>
          )}
        </div>

        <label htmlFor={`${ids}-metadata`}>Metadata</label>
        <div>
          <textarea
            id={`${ids}-metadata`}
            className={`text-area mono ${metadata.ok ? '' : 'invalid'}`}
            rows={1}
            spellCheck={false}
            placeholder="optional JSON object"
            aria-invalid={!metadata.ok}
            aria-describedby={metadata.ok ? undefined : `${ids}-metadata-error`}
            value={draft.metadata}
            onChange={(e) => {
              draft.setMetadata(e.target.value)
              edited()
            }}
          />
          {!metadata.ok && (
            <p id={`${ids}-metadata-error`} className="field-error" aria-live="polite">
              {metadata.message}
            </p>
          )}
        </div>

        <label htmlFor={`${ids}-expected`}>Expected version</label>
        <div>
          <div className="append-row">
            <input
              id={`${ids}-expected`}
              className={`text-field num append-version ${expectedValid ? '' : 'invalid'}`}
              type="number"
              min={0}
              step={1}
              placeholder="any"
              aria-describedby={`${ids}-expected-hint`}
              value={draft.expected}
              onChange={(e) => {
                draft.setExpected(e.target.value)
                edited()
              }}
            />
            {conflict ? (
              <button
                type="button"
                className="button small"
                title="Expect the stream's last version"
                onClick={() => {
                  draft.setExpected(String(lastVersion))
                  edited()
                }}
              >
                Use v {formatCount(lastVersion)}
              </button>
            ) : expectedValid ? (
              <span id={`${ids}-expected-hint`} className="append-hint muted ellipsis">
                {expected === null ? 'Empty: no check' : 'Must match the stream'}
              </span>
            ) : null}
          </div>
          {(conflict || !expectedValid) && (
            <p
              id={`${ids}-expected-hint`}
              className={`field-hint ${expectedValid ? 'warn-text' : 'error-text'}`}
            >
              {expectedValid
                ? `The stream is at v ${formatCount(lastVersion ?? 0)}: appending with ${formatCount(expected ?? 0)} will be refused.`
                : 'A version is a whole number from 0.'}
            </p>
          )}
        </div>

        <div className="append-actions">
          <button type="submit" className="button primary" disabled={!ready || submitting}>
            {submitting ? 'Appending…' : 'Append'}
          </button>
          {error ? (
            <p className="append-outcome error" role="alert" title={error}>
              {error}
            </p>
          ) : confirmation ? (
            <p className="append-outcome ok" role="status">
              {confirmation}
            </p>
          ) : null}
        </div>
      </form>
    </Pane>
  )
}
