// The +added ~changed −removed chips of an event's (or a previewed event's) changes.

import type { Change } from '../../../../shared/contract'

/** Three chips counting the changes by kind. */
export function ChangeCounts(props: { readonly changes: readonly Pick<Change, 'kind'>[] }) {
  const count = (kind: string) => props.changes.filter((c) => c.kind === kind).length
  return (
    <span className="change-counts">
      <span className="chip added">+{count('added')}</span>
      <span className="chip changed">~{count('changed')}</span>
      <span className="chip removed">−{count('removed')}</span>
    </span>
  )
}
