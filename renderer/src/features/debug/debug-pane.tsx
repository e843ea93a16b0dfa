// The Debug pane above the state: one expression field that adds a watch or a breakpoint, the lists of
// both, and Play with its speed and the previous/next-hit buttons.
//
// Watches show their value at the version shown; a breakpoint shows how many versions of this stream
// it holds at (its hits, marked on the slider and in the timeline) or why it cannot be evaluated.

import { useId, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { previewExact } from '../../lib/exact-numbers'
import { formatCount } from '../../lib/format'
import { isHit } from '../../lib/hits'
import { useAppStore, useSliderVersion } from '../../store'
import type { Breakpoint, Watch } from '../../store/debug-slice'
import { Pane } from '../../ui/pane'
import { PlayControls } from './play-controls'
import './debug.css'

/** Expression field, breakpoints, watches, and the Play controls in the header. */
export function DebugPane() {
  const { watches, breakpoints, hits } = useAppStore(
    useShallow((s) => ({ watches: s.debug.watches, breakpoints: s.debug.breakpoints, hits: s.debug.hits })),
  )
  const hasStream = useAppStore((s) => s.stream.info !== null)
  const detail =
    breakpoints.length === 0 || !hasStream ? null : hits.error ? (
      <span className="debug-error" role="alert" title={hits.error}>
        {hits.error}
      </span>
    ) : hits.loading ? (
      <span className="muted">finding hits…</span>
    ) : (
      <span>
        <strong className="num">{formatCount(hits.all.length)}</strong>{' '}
        {hits.all.length === 1 ? 'hit' : 'hits'}
        <AtHit hits={hits.all} />
      </span>
    )
  const [open, setOpen] = useState(true)
  const bodyId = useId()
  const lead = (
    <button
      type="button"
      className="debug-collapse"
      aria-expanded={open}
      aria-controls={bodyId}
      aria-label={open ? 'Hide watches and breakpoints' : 'Show watches and breakpoints'}
      title={open ? 'Hide watches and breakpoints' : 'Show watches and breakpoints'}
      onClick={() => setOpen(!open)}
    >
      {open ? '▾' : '▸'}
    </button>
  )
  return (
    <Pane
      title="Debug"
      lead={lead}
      className={`debug-pane ${open ? '' : 'collapsed'}`}
      detail={detail}
      tools={<PlayControls />}
    >
      <div className="debug-body" id={bodyId} hidden={!open}>
        <ExpressionForm />
        {breakpoints.length > 0 && (
          <ul className="debug-list" aria-label="Breakpoints">
            {breakpoints.map((b) => (
              <BreakpointRow key={b.id} breakpoint={b} />
            ))}
          </ul>
        )}
        {breakpoints.length > 0 && hasStream && hits.stoppedAt !== null && (
          <p className="debug-note warn-text">
            Hits stop before v {formatCount(hits.stoppedAt)}, the event the reducer failed on.
          </p>
        )}
        {watches.length > 0 && (
          <ul className="debug-list" aria-label="Watches">
            {watches.map((w) => (
              <WatchRow key={w.id} watch={w} />
            ))}
          </ul>
        )}
      </div>
    </Pane>
  )
}

/** Said while the slider is on a hit: where Play, a step or the hit keys stopped. */
function AtHit(props: { readonly hits: readonly number[] }) {
  const version = useSliderVersion()
  if (!isHit(props.hits, version)) return null
  return (
    <span className="at-hit" title="A breakpoint holds at this version">
      {' '}
      · here
    </span>
  )
}

/** One field, two ways to add it: as a watch (a value) or as a breakpoint (where it holds). */
function ExpressionForm() {
  const [text, setText] = useState('')
  const { watchAdded, breakpointAdded } = useAppStore(
    useShallow((s) => ({ watchAdded: s.watchAdded, breakpointAdded: s.breakpointAdded })),
  )
  const add = (as: 'watch' | 'breakpoint') => {
    if (!text.trim()) return
    if (as === 'watch') watchAdded(text)
    else breakpointAdded(text)
    setText('')
  }
  return (
    <form
      className="debug-form"
      onSubmit={(event) => {
        event.preventDefault()
        add('breakpoint')
      }}
    >
      <input
        className="text-field mono"
        aria-label="Debug expression"
        placeholder="state.total > 500 · changed(state.status)"
        spellCheck={false}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <button
        type="submit"
        className="button small"
        aria-label="Add breakpoint"
        disabled={!text.trim()}
        title="Stop where it holds (Enter)"
      >
        Break
      </button>
      <button
        type="button"
        className="button small"
        aria-label="Add watch"
        disabled={!text.trim()}
        title="Show its value at each version"
        onClick={() => add('watch')}
      >
        Watch
      </button>
    </form>
  )
}

function BreakpointRow({ breakpoint }: { readonly breakpoint: Breakpoint }) {
  const found = useAppStore((s) => s.debug.hits.byBreakpoint[breakpoint.id])
  const loading = useAppStore((s) => s.debug.hits.loading)
  const { toggled, removed } = useAppStore(
    useShallow((s) => ({ toggled: s.breakpointToggled, removed: s.breakpointRemoved })),
  )
  const count = found?.versions.length ?? 0
  return (
    <li className={`debug-row breakpoint ${breakpoint.enabled ? '' : 'disabled'}`}>
      <input
        type="checkbox"
        checked={breakpoint.enabled}
        aria-label={`Stop at ${breakpoint.text}`}
        onChange={() => toggled(breakpoint.id)}
      />
      <span className="hit-dot" aria-hidden="true" />
      <code className="debug-text ellipsis" title={breakpoint.text}>
        {breakpoint.text}
      </code>
      {found?.error ? (
        <span className="debug-error ellipsis" role="alert" title={found.error}>
          {found.error}
        </span>
      ) : (
        <span className="debug-count muted num">
          {loading || !found
            ? '…'
            : `${formatCount(count)}${found.truncated ? '+' : ''} ${count === 1 ? 'hit' : 'hits'}`}
        </span>
      )}
      <RemoveButton label={`Remove breakpoint ${breakpoint.text}`} onClick={() => removed(breakpoint.id)} />
    </li>
  )
}

function WatchRow({ watch }: { readonly watch: Watch }) {
  const answer = useAppStore((s) => s.debug.values.byWatch[watch.id])
  const error = useAppStore((s) => s.debug.values.error)
  const removed = useAppStore((s) => s.watchRemoved)
  const message = answer?.error ?? error
  return (
    <li className="debug-row watch">
      <code className="debug-text ellipsis" title={watch.text}>
        {watch.text}
      </code>
      {message ? (
        <span className="debug-error ellipsis" title={message}>
          {message}
        </span>
      ) : (
        <output className="debug-value mono ellipsis" aria-label={`Value of ${watch.text}`}>
          {answer ? previewExact(answer.value, answer.exact ?? undefined, 200) : '…'}
        </output>
      )}
      <RemoveButton label={`Remove watch ${watch.text}`} onClick={() => removed(watch.id)} />
    </li>
  )
}

function RemoveButton(props: { readonly label: string; readonly onClick: () => void }) {
  return (
    <button
      type="button"
      className="debug-remove"
      aria-label={props.label}
      title={props.label}
      onClick={props.onClick}
    >
      ×
    </button>
  )
}
