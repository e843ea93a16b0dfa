// The time-travel slider: version 0 (empty state) to the stream's last event, plus step buttons.
//
// Its position lives in the hot slider store; the main store only hears about it through the
// coalesced state requests, so dragging re-renders this bar and the timeline highlight, nothing else.

import { command, describeCommand, type CommandName } from '../../commands/registry'
import { runAppCommand, useCommand } from '../../commands/use-command'
import { useAppStore, useSliderVersion } from '../../store'
import { formatCount } from '../../lib/format'
import { Instant } from '../../ui/instant'
import { rowAt } from '../../lib/pages'
import { rowOfVersion } from '../../lib/row-of-version'
import { Icon } from '../../ui/icons'
import { HitMarks } from '../debug/hit-marks'
import { VersionRail } from './version-rail'
import './version-slider.css'

/** `<input type=range aria-label="Version">` with "v 12 / 40" and the current event's type and time. */
export function VersionSlider() {
  const info = useAppStore((s) => s.stream.info)
  const pages = useAppStore((s) => s.stream.pages)
  const inspected = useAppStore((s) => s.inspection.event)
  const versionChosen = useAppStore((s) => s.versionChosen)
  const failed = useAppStore((s) =>
    s.inspection.aggregateId === s.stream.aggregateId ? (s.inspection.failure?.version ?? null) : null,
  )
  const version = useSliderVersion()

  if (!info) {
    return (
      <div className="version-bar idle">
        <input type="range" aria-label="Version" min={0} max={0} value={0} disabled readOnly />
        <span className="muted ellipsis" title="Select an aggregate to step through its versions.">
          No aggregate selected
        </span>
        <FollowToggle />
      </div>
    )
  }

  const row = rowAt(
    pages,
    rowOfVersion(
      version,
      info.problems.map((p) => p.row),
    ),
  )
  const event =
    row?.kind === 'event' && row.version === version ? row : inspected?.version === version ? inspected : null
  const max = info.eventCount
  return (
    <div className="version-bar">
      <div className="version-controls">
        <StepButton command="firstVersion" glyph="first" disabled={version <= 0} />
        <StepButton command="previousVersion" glyph="prev" disabled={version <= 0} />
        <div className="version-track">
          <VersionRail version={version} max={max} failed={failed} />
          <input
            className="version-range"
            type="range"
            aria-label="Version"
            min={0}
            max={max}
            step={1}
            value={version}
            disabled={max === 0}
            onChange={(e) => versionChosen(Number(e.target.value))}
          />
          <HitMarks max={max} />
        </div>
        <StepButton command="nextVersion" glyph="next" disabled={version >= max} />
        <StepButton command="lastVersion" glyph="last" disabled={version >= max} />
        <FollowToggle />
      </div>
      <div className="version-event">
        <output className="version-label mono" aria-live="off">
          v {formatCount(version)} <span className="muted">/ {formatCount(max)}</span>
        </output>
        {version === 0 ? (
          <span className="muted">Before the first event: the state is {'{}'}</span>
        ) : row?.kind === 'gap' && row.version === version ? (
          // A version the database counts without a row: nothing to load.
          <span className="muted ellipsis" title={row.message}>
            No row: {row.message}
          </span>
        ) : event ? (
          <>
            <strong className="ellipsis version-type">{event.type ?? '(no type)'}</strong>
            <Instant iso={event.occurredAt} width="short" className="mono muted ellipsis version-time" />
          </>
        ) : (
          <span className="muted">Loading event {formatCount(version)}…</span>
        )}
      </div>
    </div>
  )
}

/** "Follow": when on, events appended to the open stream by other programs move the slider to them. */
function FollowToggle() {
  const follow = useAppStore((s) => s.follow)
  // A store that cannot be followed (a database layout nothing can watch) says why instead.
  const { lacking } = useCommand('toggleFollow')
  return (
    <label
      className={`follow-toggle ${follow && lacking === null ? 'on' : ''}`}
      title={lacking ?? describeCommand(command('toggleFollow'))}
    >
      <input
        type="checkbox"
        checked={follow && lacking === null}
        disabled={lacking !== null}
        onChange={() => runAppCommand('toggleFollow')}
      />
      Follow
    </label>
  )
}

function StepButton(props: {
  readonly command: CommandName
  readonly glyph: 'first' | 'prev' | 'next' | 'last'
  readonly disabled: boolean
}) {
  const c = useCommand(props.command)
  return (
    <button
      type="button"
      className="step-button"
      aria-label={c.label}
      title={c.title}
      disabled={props.disabled || !c.enabled}
      onClick={c.run}
    >
      <Icon name={props.glyph} />
    </button>
  )
}
