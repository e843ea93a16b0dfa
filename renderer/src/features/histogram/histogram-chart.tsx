// Events over time as stacked SVG bars, one colour per event type. Dragging across the bars picks a
// time range; a click picks one bucket; with the chart focused, the arrow keys move a cursor (Shift
// extends it) and Enter picks its range; Escape clears. The "as of" instant shows as a vertical line.

import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react'
import type { HistogramDto } from '../../../../shared/contract'
import { formatCount } from '../../lib/format'
import { localZone, useTimeFormat } from '../../prefs/use-time-format'
import type { LastEventRange } from '../../store/aggregates-slice'
import {
  bucketAt,
  bucketLabel,
  bucketX,
  bucketsOfRange,
  dragSelection,
  labelledBuckets,
  niceScale,
  rangeOfBuckets,
  stackOf,
  timeX,
  type Plot,
} from './histogram-scale'
import { bandColor } from './bands'
import { cursorAfterKey, cursorSpan, type KeyCursor } from './keyboard-selection'
import { useWidth } from './use-width'
import { maxOf } from '../../../../shared/array-ops'

const height = 150
const margin = { left: 44, right: 8, top: 8, bottom: 20 }

/** The chart at the width of its container. */
export function HistogramChart(props: {
  readonly histogram: HistogramDto
  readonly range: LastEventRange | null
  readonly asOf: string | null
  readonly onRange: (range: LastEventRange | null) => void
}) {
  const { histogram, range } = props
  // Relative times suit single instants, not an axis: the axis then reads in local time.
  const time = useTimeFormat()
  const mode = time.mode === 'relative' ? 'local' : time.mode
  const zone = mode === 'utc' ? 'UTC' : localZone
  const boxRef = useRef<HTMLDivElement>(null)
  const width = useWidth(boxRef)
  const [drag, setDrag] = useState<{ readonly x0: number; readonly x1: number } | null>(null)
  const [hover, setHover] = useState<number | null>(null)
  const [cursor, setCursor] = useState<KeyCursor | null>(null)
  const plot: Plot = {
    left: margin.left,
    top: margin.top,
    width: Math.max(1, width - margin.left - margin.right),
    height: height - margin.top - margin.bottom,
  }
  const { buckets, unit } = histogram
  const count = buckets.length
  const { top, ticks } = niceScale(
    maxOf(
      buckets.map((b) => b.total),
      0,
    ),
  )
  const slot = plot.width / Math.max(1, count)
  const gap = slot >= 5 ? 1 : 0
  // A histogram of another store or bucket size makes an old cursor meaningless.
  const keyCursor = cursor && cursor.at < count && cursor.anchor < count ? cursor : null
  const selection = drag
    ? dragSelection(drag.x0, drag.x1, count, plot)
    : keyCursor
      ? cursorSpan(keyCursor)
      : range
        ? bucketsOfRange(buckets, unit, range)
        : null
  const asOfX = props.asOf ? timeX(props.asOf, buckets, unit, plot) : null

  const xOf = (event: PointerEvent<SVGSVGElement>) =>
    event.clientX - event.currentTarget.getBoundingClientRect().left

  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    if (event.key === 'Escape') {
      setCursor(null)
      props.onRange(null)
      return
    }
    if ((event.key === 'Enter' || event.key === ' ') && keyCursor) {
      event.preventDefault()
      const { first, last } = cursorSpan(keyCursor)
      setCursor(null)
      props.onRange(rangeOfBuckets(buckets, unit, first, last))
      return
    }
    const next = cursorAfterKey(event.key, event.shiftKey, keyCursor, count)
    if (next === null) return
    event.preventDefault()
    setCursor(next)
  }

  const shown = keyCursor?.at ?? hover
  const hovered = shown === null ? null : buckets[shown]
  return (
    <div className="histogram-chart" ref={boxRef}>
      {width > 0 && (
        <svg
          width={width}
          height={height}
          role="img"
          aria-label="Events over time"
          aria-describedby="histogram-hint"
          tabIndex={0}
          className={drag ? 'dragging' : ''}
          onKeyDown={onKeyDown}
          onBlur={() => setCursor(null)}
          onPointerDown={(event) => {
            if (event.button !== 0 || count === 0) return
            event.currentTarget.setPointerCapture(event.pointerId)
            const x = xOf(event)
            setCursor(null)
            setDrag({ x0: x, x1: x })
          }}
          onPointerMove={(event) => {
            const x = xOf(event)
            setHover(x >= plot.left && x <= plot.left + plot.width ? bucketAt(x, count, plot) : null)
            if (drag) setDrag({ ...drag, x1: x })
          }}
          onPointerLeave={() => setHover(null)}
          onPointerUp={(event) => {
            if (!drag) return
            const picked = dragSelection(drag.x0, xOf(event), count, plot)
            setDrag(null)
            if (picked) props.onRange(rangeOfBuckets(buckets, unit, picked.first, picked.last))
          }}
        >
          {ticks.map((tick) => {
            const y = plot.top + plot.height - (tick / top) * plot.height
            return (
              <g key={tick} className="hist-grid">
                <line x1={plot.left} x2={plot.left + plot.width} y1={y} y2={y} />
                <text x={plot.left - 6} y={y} dy="0.32em" textAnchor="end">
                  {formatCount(tick)}
                </text>
              </g>
            )
          })}
          {selection && (
            <rect
              className="hist-selection"
              x={bucketX(selection.first, count, plot)}
              y={plot.top - 4}
              width={bucketX(selection.last + 1, count, plot) - bucketX(selection.first, count, plot)}
              height={plot.height + 4}
            />
          )}
          {buckets.map((bucket, index) => {
            const x = bucketX(index, count, plot)
            return (
              <g key={bucket.start} className={index === shown ? 'hist-bar hovered' : 'hist-bar'}>
                <title>{`${bucketLabel(bucket.start, unit, mode)} ${zone}: ${formatCount(bucket.total)} events`}</title>
                {stackOf(bucket.counts, top, plot).map((segment) => (
                  <rect
                    key={segment.band}
                    x={x + gap / 2}
                    y={segment.y}
                    width={Math.max(0.5, slot - gap)}
                    height={segment.height}
                    fill={bandColor(segment.band)}
                  />
                ))}
              </g>
            )
          })}
          {labelledBuckets(count, plot).map((index) => (
            <text
              key={index}
              className="hist-label"
              x={bucketX(index, count, plot) + 1}
              y={height - 5}
              textAnchor="start"
            >
              {bucketLabel(buckets[index]?.start ?? '', unit, mode)}
            </text>
          ))}
          {asOfX !== null && (
            <g className="hist-as-of">
              <line x1={asOfX} x2={asOfX} y1={plot.top - 6} y2={plot.top + plot.height} />
              <text x={asOfX + 3} y={plot.top + 4}>
                as of
              </text>
            </g>
          )}
          <line
            className="hist-axis"
            x1={plot.left}
            x2={plot.left + plot.width}
            y1={plot.top + plot.height}
            y2={plot.top + plot.height}
          />
        </svg>
      )}
      <p id="histogram-hint" className="hist-readout muted">
        {hovered
          ? `${bucketLabel(hovered.start, unit, mode)} ${zone} · ${formatCount(hovered.total)} events${topTypes(histogram, shown ?? 0)}`
          : `One bar per ${unit} (UTC). Drag across bars to pick a time range (or use ← → with Shift, then Enter); Escape clears it.`}
      </p>
    </div>
  )
}

function topTypes(histogram: HistogramDto, index: number): string {
  const counts = histogram.buckets[index]?.counts ?? []
  const parts = counts
    .map((count, type) => ({ count, type: histogram.types[type] ?? '' }))
    .filter((entry) => entry.count > 0)
    .slice(0, 3)
    .map((entry) => `${entry.type} ${formatCount(entry.count)}`)
  return parts.length ? ` — ${parts.join(', ')}` : ''
}
