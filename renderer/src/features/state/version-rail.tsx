// The version slider's track, drawn under a transparent native range input: the rail, the part already
// replayed, the current event's own span (from v-1 to v) highlighted, and the event a custom reducer
// failed on. The input stays the control (keyboard, screen readers); this is a picture of it.
//
// Positions are fractions of the rail, whose ends sit under the thumb's centre at 0 and at `max`
// (see version-slider.css: the rail is inset by the input's margin plus half the thumb).

/** Where version `version` sits on a rail from 0 to `max`, as a percentage. */
export function railPercent(version: number, max: number): number {
  return max <= 0 ? 0 : (Math.min(Math.max(version, 0), max) / max) * 100
}

/** The rail under the slider; `failed` is the version a reducer failed on, or null. */
export function VersionRail(props: {
  readonly version: number
  readonly max: number
  readonly failed: number | null
}) {
  const { version, max, failed } = props
  const at = railPercent(version, max)
  return (
    <div className="version-rail" aria-hidden="true">
      <span className="version-fill" style={{ width: `${at}%` }} />
      {version > 0 && (
        <span
          className="version-current"
          data-version={version}
          style={{
            left: `${railPercent(version - 1, max)}%`,
            width: `${at - railPercent(version - 1, max)}%`,
          }}
        />
      )}
      {failed !== null && failed > 0 && failed <= max && (
        <span
          className="version-failed"
          data-version={failed}
          style={{ left: `${railPercent(failed, max)}%` }}
        />
      )}
    </div>
  )
}
