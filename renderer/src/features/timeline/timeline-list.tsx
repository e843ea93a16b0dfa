// The virtualized timeline of one stream: follows the slider and lets a row click choose a version.
//
// Streams may hold a million events, so only visible rows exist and pages of 200 are fetched around
// them. The highlighted row follows the slider's hot store, which re-renders this list (about forty
// rows) but nothing else while the user drags.

import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { StreamInfo } from '../../../../shared/contract'
import { rowAt } from '../../lib/pages'
import { rowOfVersion } from '../../lib/row-of-version'
import { scrollToShow } from '../../lib/scroll-to-show'
import { timelineRowHeight } from '../../lib/row-height'
import { useAppStore, useSliderVersion } from '../../store'
import { TimelineRowView } from './timeline-row'

/** All rows of the stream described by `info`. */
export function TimelineList(props: { readonly info: StreamInfo }) {
  const { info } = props
  const { pages, generation, focus } = useAppStore(
    useShallow((s) => ({ pages: s.stream.pages, generation: s.stream.generation, focus: s.stream.focus })),
  )
  const timelineRowsNeeded = useAppStore((s) => s.timelineRowsNeeded)
  const versionChosen = useAppStore((s) => s.versionChosen)
  const timelineLineChosen = useAppStore((s) => s.timelineLineChosen)
  const current = useSliderVersion()
  const failedVersion = useAppStore((s) =>
    s.inspection.aggregateId === info.aggregateId ? (s.inspection.failure?.version ?? null) : null,
  )
  // The breakpoints' hits of this stream, marked in their rows.
  const hits = useAppStore((s) => (s.debug.hits.aggregateId === info.aggregateId ? s.debug.hits.all : null))
  const scrollRef = useRef<HTMLDivElement>(null)
  // Two lines per row (type and time, then the payload summary a narrow pane cannot fit beside them),
  // unless the stream is too long for that: see timelineRowHeight.
  const { height: rowHeight, compact } = timelineRowHeight(info.rowCount)

  // No React Compiler in this build; the virtualizer re-rendering its owner on scroll is the point.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: info.rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    // Scrolling re-renders the rows in React's next batch, not synchronously inside the scroll event.
    useFlushSync: false,
  })
  const items = virtualizer.getVirtualItems()
  const first = items[0]?.index ?? 0
  const last = items.at(-1)?.index ?? 0
  useEffect(() => timelineRowsNeeded(first, last), [timelineRowsNeeded, first, last, generation, info])

  const problemRows = useMemo(() => info.problems.map((p) => p.row), [info])
  const currentRow = rowOfVersion(current, problemRows)
  useEffect(() => {
    // Moving the slider brings its event into view, leaving an already visible row alone. Rows are
    // rowHeight tall, so where to scroll follows from the scroll offset and the view's height, read and
    // written in the next animation frame, where the layout they need is due anyway: scrollToIndex
    // read scrollHeight at once, forcing a layout of its own per move (the drag's longest frames).
    const frame = requestAnimationFrame(() => {
      const element = scrollRef.current
      if (!element) return
      const viewTop = element.scrollTop
      const top =
        currentRow < 0
          ? viewTop === 0
            ? null
            : 0
          : scrollToShow(currentRow * rowHeight, rowHeight, viewTop, element.clientHeight)
      if (top !== null) element.scrollTop = top
    })
    return () => cancelAnimationFrame(frame)
  }, [currentRow, rowHeight])
  // A row picked in the Problems panel is brought to the middle; declared after the slider's effect
  // so that, when both move at once, this one scrolls last.
  useEffect(() => {
    if (focus) virtualizer.scrollToIndex(focus.row, { align: 'center' })
  }, [focus, virtualizer])
  const focusedRow = focus && focus.version === current ? focus.row : -1
  const problemFocused = focusedRow >= 0 && problemRows.includes(focusedRow)

  const onKeyDown = (event: KeyboardEvent) => {
    const steps: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 20, PageUp: -20 }
    const step = steps[event.key]
    if (step !== undefined) versionChosen(current + step)
    else if (event.key === 'Home') versionChosen(0)
    else if (event.key === 'End') versionChosen(info.eventCount)
    else return
    event.preventDefault()
  }

  return (
    <div
      ref={scrollRef}
      className={`tl-scroll ${compact ? 'compact' : ''}`}
      // The version column fits the longest version number, the same for every row so columns align.
      style={{
        ['--tl-version-width' as string]: `${versionColumnWidth(info.eventCount)}px`,
      }}
      role="grid"
      aria-label="Timeline"
      aria-rowcount={info.rowCount}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div className="tl-spacer" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => (
          <TimelineRowView
            // Keyed by slot, not by row: a jump of the slider to another part of the stream updates the
            // rendered rows in place instead of unmounting and creating every one of them.
            key={item.index % items.length}
            index={item.index}
            row={rowAt(pages, item.index)}
            current={current}
            focused={item.index === focusedRow}
            problemFocused={problemFocused}
            failedVersion={failedVersion}
            hits={hits}
            style={{ height: rowHeight, transform: `translateY(${item.start}px)` }}
            onChoose={versionChosen}
            onChooseLine={(line) => timelineLineChosen(info.aggregateId, line)}
          />
        ))}
      </div>
    </div>
  )
}

/** The version column's width in px: the longest version number, the same for every row. */
export function versionColumnWidth(eventCount: number): number {
  return Math.max(3, String(eventCount).length) * 7.5 + 6
}
