// The Compare tab's inputs: versions A and B, Compare, and "B = slider".

import { useState, type ReactNode } from 'react'
import { sliderStore, useAppStore } from '../../store'
import { DockField } from '../dock/dock-field'

/** Starts from `from` and `to`; `children` (status, summary) sit at the end of the row. */
export function DiffForm(props: {
  readonly from: number
  readonly to: number
  readonly max: number
  readonly children?: ReactNode
}) {
  const diffRequested = useAppStore((s) => s.diffRequested)
  const loading = useAppStore((s) => s.diff.loading)
  const [from, setFrom] = useState(String(props.from))
  const [to, setTo] = useState(String(props.to))
  const parse = (text: string) => Math.max(0, Math.min(props.max, Math.round(Number(text) || 0)))
  return (
    <form
      className="dock-toolbar"
      onSubmit={(event) => {
        event.preventDefault()
        diffRequested(parse(from), parse(to))
      }}
    >
      <VersionField label="Version A" value={from} max={props.max} onChange={setFrom} />
      <span className="muted" aria-hidden="true">
        →
      </span>
      <VersionField label="Version B" value={to} max={props.max} onChange={setTo} />
      <button type="submit" className="button small primary" disabled={loading}>
        Compare
      </button>
      <button
        type="button"
        className="button small"
        title="Use the slider’s version as B"
        onClick={() => setTo(String(sliderStore.getState().version))}
      >
        B = slider
      </button>
      {props.children}
    </form>
  )
}

function VersionField(props: {
  readonly label: string
  readonly value: string
  readonly max: number
  readonly onChange: (value: string) => void
}) {
  return (
    <DockField label={props.label} inline>
      {(id) => (
        <input
          id={id}
          className="text-field version-field"
          type="number"
          min={0}
          max={props.max}
          value={props.value}
          onChange={(event) => props.onChange(event.target.value)}
        />
      )}
    </DockField>
  )
}
