// The header line for a directory that holds no event store: what it is instead of "0 aggregates ✓ OK",
// and the stores found one level down, each a button that opens it.

import { useAppStore } from '../../store'
import type { NotAStore } from '../../store/types'

/** Says the directory is not a store and offers the stores below it. */
export function NotAStoreLine(props: { readonly dir: string; readonly notAStore: NotAStore }) {
  const directoryChosen = useAppStore((s) => s.directoryChosen)
  const { storesBelow } = props.notAStore
  return (
    <div className="summary-line not-a-store" role="status">
      <span className="warn-text">
        <span className="mono">{props.dir}</span> is not an event store: it holds no index.json and no
        *.events.jsonl file.
      </span>
      {storesBelow.length > 0 ? (
        <span className="stores-below">
          Stores one level down:
          {storesBelow.map((choice) => (
            <button
              key={choice.id}
              type="button"
              className="button small"
              title={choice.path}
              onClick={() => void directoryChosen(choice)}
            >
              {lastSegment(choice.path)}
            </button>
          ))}
        </span>
      ) : (
        <span className="muted">
          Open the folder that holds the streams (a service&apos;s data/events), or create a store with
          eventscope init.
        </span>
      )}
    </div>
  )
}

/** The last segment of a path, for either separator (the host may run on Windows). */
function lastSegment(path: string): string {
  return (
    path
      .replace(/[\\/]+$/, '')
      .split(/[\\/]/)
      .pop() || path
  )
}
