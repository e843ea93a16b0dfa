// Store health: the rows flagged while reading the store, a full verification on request, the
// Problems panel, and repair or reindex behind a confirmation that shows their dry run.

import type {
  AggregateRow,
  ReindexReportDto,
  RepairReportDto,
  StreamInfo,
  VerifyReportDto,
} from '../../../shared/contract'
import { afterNextPaint } from '../lib/after-paint'
import { isCancelled, messageOf } from '../lib/format'
import type { PanelFinding } from '../lib/integrity'
import type { SliceCreator, Store } from './types'

let nextVerify = 1

export type Confirmation =
  | { readonly action: 'repair'; readonly plan: RepairReportDto }
  | { readonly action: 'reindex'; readonly plan: ReindexReportDto }

export interface IntegritySlice {
  readonly integrity: {
    /** Rows whose status is error or warning (first 1000), from reading the store; null before known. */
    readonly flagged: readonly AggregateRow[] | null
    readonly report: VerifyReportDto | null
    /** The store changed on disk after the report was made. */
    readonly stale: boolean
    readonly verifying: boolean
    readonly panelOpen: boolean
    /** An action whose dry run is being fetched, or which is being carried out. */
    readonly busy: 'repair' | 'reindex' | null
    readonly confirmation: Confirmation | null
    readonly notice: string | null
    readonly error: string | null
    /** The finding picked last (panel or next/previous problem), where the next one is counted from. */
    readonly chosen: PanelFinding | null
  }
  problemsToggled(open: boolean): void
  verifyRequested(): Promise<void>
  verifyCancelled(): void
  /** Repair… or Reindex… was clicked: fetch the dry run and ask for confirmation. */
  integrityActionRequested(action: 'repair' | 'reindex'): Promise<void>
  integrityActionConfirmed(): Promise<void>
  integrityActionCancelled(): void
  /** A finding was picked in the panel: select its aggregate and its line in the timeline. */
  problemChosen(finding: PanelFinding): Promise<void>
  /** The open store changed (read, appended to, rewritten): recount the flagged rows. */
  integrityStoreChanged(changedAggregates: readonly string[]): void
}

const flaggedLimit = 1000
const initial: IntegritySlice['integrity'] = {
  flagged: null,
  report: null,
  stale: false,
  verifying: false,
  panelOpen: false,
  busy: null,
  confirmation: null,
  notice: null,
  error: null,
  chosen: null,
}

export const createIntegritySlice: SliceCreator<IntegritySlice> = ({ set, get, store, api, latest }) => {
  const patch = (change: Partial<IntegritySlice['integrity']>): void =>
    set((s) => ({ integrity: { ...s.integrity, ...change } }))
  // Both are superseded when another store opens, so an answer about the old store never lands.
  const flaggedAnswers = latest()
  const verifyAnswers = latest()

  const fetchFlagged = async (): Promise<void> => {
    const current = flaggedAnswers.next()
    try {
      const reply = await api['aggregates.window']({
        offset: 0,
        limit: flaggedLimit,
        // Errors sort first, then warnings: the flagged rows are a prefix of this order.
        sort: { column: 'status', direction: 'asc' },
        filter: '',
      })
      if (!current()) return
      patch({ flagged: reply.rows.filter((row) => row.status === 'error' || row.status === 'warning') })
    } catch {
      // The badge keeps its last counts; the panel's Verify now gives the full answer anyway.
    }
  }

  // The flagged rows sort every aggregate by status, hundreds of ms for 100,000 of them: asked at the
  // same time as the table's first page, the host sorted them first and the first rows waited; asked
  // as the first page landed, the host's sort took a core from the page drawing it.
  const afterFirstRows = (then: () => void): void => {
    const answered = (s: Store): boolean => s.aggregates.total !== null || s.aggregates.error !== null
    if (answered(get())) return afterNextPaint(then)
    const stop = store.subscribe((s) => {
      if (!answered(s)) return
      stop()
      afterNextPaint(then)
    })
  }

  /** The opened stream's info once the timeline has it (it may be opening now). */
  const streamInfoOf = (aggregateId: string): Promise<StreamInfo | null> =>
    new Promise((resolve) => {
      const check = (s: Store): boolean => {
        if (s.stream.aggregateId !== aggregateId) return (resolve(null), true)
        if (s.stream.info) return (resolve(s.stream.info), true)
        if (!s.stream.loading) return (resolve(null), true)
        return false
      }
      if (check(get())) return
      const stop = store.subscribe((s) => {
        if (check(s)) stop()
      })
    })

  // The verification's task id, so Cancel can name it.
  let verifyTaskId: string | null = null
  const verify = async (): Promise<void> => {
    const current = verifyAnswers.next()
    patch({ verifying: true, error: null })
    try {
      verifyTaskId = `verify-${nextVerify++}`
      const report = await api['store.verify']({ taskId: verifyTaskId })
      if (!current()) return
      patch({ report, stale: false, verifying: false })
    } catch (error) {
      if (!current()) return
      patch({ verifying: false, error: isCancelled(error) ? null : messageOf(error) })
    }
  }

  const slice: IntegritySlice = {
    integrity: initial,

    problemsToggled(open) {
      patch({ panelOpen: open })
    },

    verifyRequested: verify,

    verifyCancelled() {
      if (verifyTaskId) void api['task.cancel']({ taskId: verifyTaskId }).catch(() => {})
    },

    async integrityActionRequested(action) {
      patch({ busy: action, error: null, notice: null })
      try {
        const confirmation: Confirmation =
          action === 'repair'
            ? { action, plan: await api['store.repair']({ dryRun: true }) }
            : { action, plan: await api['store.reindex']({ dryRun: true }) }
        patch({ busy: null, confirmation })
      } catch (error) {
        patch({ busy: null, error: messageOf(error) })
      }
    },

    async integrityActionConfirmed() {
      const confirmation = get().integrity.confirmation
      if (!confirmation) return
      patch({ busy: confirmation.action, error: null })
      try {
        let notice: string
        if (confirmation.action === 'repair') {
          const done = await api['store.repair']({ dryRun: false })
          notice =
            done.actions.length === 0
              ? 'Nothing was cut: no stream ends with a torn line any more.'
              : `Cut ${done.actions.length} torn ${done.actions.length === 1 ? 'line' : 'lines'}; backup kept: ${done.actions.map((a) => a.backup).join(', ')}`
        } else {
          const done = await api['store.reindex']({ dryRun: false })
          notice = done.written
            ? `index.json rewritten: total_events ${done.totalBefore ?? 'none'} → ${done.totalAfter}`
            : 'index.json already matched the streams; nothing was written.'
        }
        patch({ busy: null, confirmation: null, notice })
        await fetchFlagged()
        // A report made before the change would now be wrong: make it again.
        if (get().integrity.report) await verify()
      } catch (error) {
        patch({ busy: null, confirmation: null, error: messageOf(error) })
      }
    },

    integrityActionCancelled() {
      patch({ confirmation: null })
    },

    async problemChosen(finding) {
      const { aggregateId, line } = finding
      patch({ chosen: finding })
      if (aggregateId === null) return
      get().aggregateSelected(aggregateId)
      const info = await streamInfoOf(aggregateId)
      if (!info || line === null) return
      get().timelineLineChosen(aggregateId, line)
    },

    integrityStoreChanged(changedAggregates) {
      if (changedAggregates.length > 0 && get().integrity.report) patch({ stale: true })
      void fetchFlagged()
    },
  }

  return {
    slice,
    // Whether the Problems panel is open is the user's layout, not a fact about the store.
    perStore: (s) => ({ integrity: { ...initial, panelOpen: s.integrity.panelOpen } }),
    opened: () => afterFirstRows(() => void fetchFlagged()),
  }
}
