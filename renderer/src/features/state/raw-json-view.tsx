// The state as its JSON text (numbers as written, exact-json-text.ts), with the search's matches
// marked in it and the current one scrolled into view.

import { useEffect, useRef } from 'react'

/** Where `query` occurs in `text`, case-insensitive, up to `limit` starts. O(text). */
export function textMatches(
  text: string,
  query: string,
  limit = 10_000,
): { readonly starts: readonly number[]; readonly truncated: boolean } {
  const starts: number[] = []
  if (query === '') return { starts, truncated: false }
  const lower = text.toLowerCase()
  const needle = query.toLowerCase()
  for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, at + needle.length)) {
    if (starts.length === limit) return { starts, truncated: true }
    starts.push(at)
  }
  return { starts, truncated: false }
}

/** `<pre>` of the text; a focusable region, so the keyboard can scroll it. */
export function RawJsonView(props: {
  readonly text: string
  readonly starts: readonly number[]
  readonly length: number
  readonly current: number
}) {
  const { text, starts, length, current } = props
  const preRef = useRef<HTMLPreElement>(null)
  useEffect(() => {
    preRef.current?.querySelector('mark.current')?.scrollIntoView({ block: 'nearest' })
  }, [current, starts])
  const parts: (string | React.JSX.Element)[] = []
  let at = 0
  starts.forEach((start, i) => {
    if (start > at) parts.push(text.slice(at, start))
    parts.push(
      <mark key={start} className={i === current ? 'current' : undefined}>
        {text.slice(start, start + length)}
      </mark>,
    )
    at = start + length
  })
  if (at < text.length) parts.push(text.slice(at))
  return (
    <pre ref={preRef} className="state-json mono" role="region" tabIndex={0} aria-label="State as JSON">
      {parts}
    </pre>
  )
}
