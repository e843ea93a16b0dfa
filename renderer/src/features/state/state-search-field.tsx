// The search field of the state toolbar: the text, "3 of 12", and previous / next (Enter and
// Shift+Enter in the field, Escape clears it).

/** A search box over the state with its match counter and step buttons. */
export function StateSearchField(props: {
  readonly query: string
  onQuery(query: string): void
  /** Index of the current match, -1 when none. */
  readonly current: number
  readonly count: number
  /** More matches exist than were counted. */
  readonly truncated: boolean
  onStep(by: 1 | -1): void
}) {
  const { query, count } = props
  const counter =
    query === ''
      ? ''
      : count === 0
        ? 'No match'
        : `${(props.current + 1).toLocaleString('en-US')} of ${count.toLocaleString('en-US')}${props.truncated ? '+' : ''}`
  return (
    <div
      className={`state-search ${counter ? 'counting' : ''}`}
      role="search"
      aria-label="Search in the state"
    >
      <input
        type="search"
        className="state-search-input"
        aria-label="Search in state"
        placeholder="Search state"
        title="Search keys and values (Enter: next, Shift+Enter: previous, Escape: clear)"
        value={query}
        onChange={(event) => props.onQuery(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault()
            props.onStep(event.shiftKey ? -1 : 1)
          } else if (event.key === 'Escape' && query !== '') {
            event.preventDefault()
            event.stopPropagation()
            props.onQuery('')
          }
        }}
      />
      <span className="state-search-count" role="status" aria-live="polite">
        {counter}
      </span>
      {query !== '' && (
        <>
          <button
            type="button"
            className="step-button"
            aria-label="Previous match"
            title="Previous match (Shift+Enter)"
            disabled={count === 0}
            onClick={() => props.onStep(-1)}
          >
            ↑
          </button>
          <button
            type="button"
            className="step-button"
            aria-label="Next match"
            title="Next match (Enter)"
            disabled={count === 0}
            onClick={() => props.onStep(1)}
          >
            ↓
          </button>
        </>
      )}
    </div>
  )
}
