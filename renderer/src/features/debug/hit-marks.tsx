// The breakpoints' hits as marks under the version slider's track, one per pixel column at most, so a
// stream hit a million times draws no more marks than the track has pixels. A mark is a button-less
// picture: the hit keys (H, Shift+H) and the Debug pane's buttons reach the hits by keyboard.

import { useMemo, useRef } from 'react'
import { hitMarks } from '../../lib/hits'
import { useAppStore } from '../../store'
import { useWidth } from '../histogram/use-width'
import './debug.css'

/** Marks at the hits of the open stream, over a track from version 0 to `max`. */
export function HitMarks(props: { readonly max: number }) {
  const ref = useRef<HTMLDivElement>(null)
  const width = useWidth(ref)
  const hits = useAppStore((s) =>
    s.debug.hits.aggregateId === s.stream.aggregateId ? s.debug.hits.all : null,
  )
  const marks = useMemo(() => (hits ? hitMarks(hits, props.max, width) : []), [hits, props.max, width])
  const label =
    hits && hits.length > 0
      ? `Breakpoint hits at ${hits.length > 20 ? `${hits.length} versions` : `v ${hits.join(', v ')}`}`
      : undefined
  return (
    <div
      ref={ref}
      className="hit-marks"
      role={label ? 'img' : undefined}
      aria-label={label}
      data-count={hits?.length ?? 0}
    >
      {marks.map((mark) => (
        <span
          key={mark.version}
          className="hit-mark"
          data-version={mark.version}
          style={{ left: `${mark.at * 100}%` }}
          title={mark.count > 1 ? `v ${mark.version} and ${mark.count - 1} more` : `v ${mark.version}`}
        />
      ))}
    </div>
  )
}
