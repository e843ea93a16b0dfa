// Above the timeline: filter the selected stream's events by type and by text, and pick columns.

import { useId, useState } from 'react'
import { useAppStore } from '../../store'
import { useDebouncedEffect } from '../../ui/use-debounced'
import { ColumnPicker } from './column-picker'

/** The type field (suggesting the store's event types), the text field, and Columns. */
export function TimelineToolbar() {
  const id = useId()
  const filter = useAppStore((s) => s.timelineFilter)
  const types = useAppStore((s) => s.append.types)
  const timelineFilterEdited = useAppStore((s) => s.timelineFilterEdited)
  const [text, setText] = useState(filter.text)
  useDebouncedEffect(text, 250, (value) => {
    if (value !== useAppStore.getState().timelineFilter.text) timelineFilterEdited({ text: value })
  })
  return (
    <div className="tl-toolbar" role="search" aria-label="Filter the timeline">
      {/* The fields wrap onto two lines in a narrow column; Columns stays at the right edge, so its
          list opens inside the pane. */}
      <div className="tl-filter-fields">
        <input
          className="text-field tl-filter-type"
          type="search"
          aria-label="Event type"
          placeholder="Any type"
          list={`${id}-types`}
          spellCheck={false}
          value={filter.type}
          onChange={(event) => timelineFilterEdited({ type: event.target.value.trim() })}
        />
        <datalist id={`${id}-types`}>
          {types.map((type) => (
            <option key={type.type} value={type.type} />
          ))}
        </datalist>
        <input
          className="text-field tl-filter-text"
          type="search"
          aria-label="Text in the event"
          placeholder="Text in the event"
          spellCheck={false}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      </div>
      <ColumnPicker />
    </div>
  )
}
