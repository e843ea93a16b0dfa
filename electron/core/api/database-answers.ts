// The database's answers for the channels a database store answers otherwise than a directory: states
// and diffs under the merge patch (no custom reducers), search, projections, the store-wide questions,
// invariants, breakpoints and watches, each over the open Source (source/source-*.ts) and each a task
// of the session's registry as the directory's handlers make them (progress, cancel, superseding).
// api/database-handlers.ts decides when these answer.

import { noLinesLeftOut } from '../scan/lines-left-out'
import type { RequestChannel } from '../../../shared/channels'
import { maxHits } from '../../../shared/contract'
import type { ChannelInput, ChannelOutput } from '../../../shared/contract'
import { compileInvariant } from '../check/invariants'
import { StoreError } from '../errors'
import { diffJson } from '../json/diff'
import { toWire, toWireChanges } from '../json/exact-wire'
import { builtinProjections } from '../projections/builtin-projections'
import { ExpressionError } from '../search/expression-error'
import type { ExplorerSession } from '../session/explorer-session'
import type { DatabaseStore } from '../session/database-store'
import { sourceBreakpointHits, sourceCheck, sourceWatchValues } from '../source/source-checks'
import {
  sourceAsOf,
  sourceCorrelated,
  sourceCorrelationIdOf,
  sourceHistogram,
  sourceProjection,
} from '../source/source-insights'
import { searchSource } from '../source/source-search'
import type { TaskContext } from '../tasks/task-registry'

/** Violations an answer carries, as the directory's check answers (check-handlers.ts). */
const maxViolations = 10_000

export type DatabaseHandlers = {
  [C in RequestChannel]?: (db: DatabaseStore, input: ChannelInput<C>) => Promise<ChannelOutput<C>>
}

/** The database's answer for each channel it answers otherwise than a directory. */
export function databaseHandlers(session: ExplorerSession): DatabaseHandlers {
  const { tasks } = session
  // As the directory's handlers: a question the window does not name supersedes the one of its kind.
  const latestOnly = <T>(kind: string, label: string, work: (task: TaskContext) => Promise<T>): Promise<T> =>
    tasks.run(tasks.newId(kind), work, { label, supersedes: kind })
  const scanOptions = (db: DatabaseStore, task: TaskContext) => ({
    signal: task.signal,
    onProgress: task.progress,
    total: db.summary().events,
  })
  return {
    'reducer.status': async (db, { aggregateId }) => db.reducerStatus(aggregateId),
    'state.at': async (db, input) => {
      if (input.reducer === 'custom') db.require('reducers')
      const result = await db.stateAt(input)
      const state = toWire(result.state)
      return {
        aggregateId: result.aggregateId,
        version: result.version,
        eventCount: result.eventCount,
        state: state.value,
        ...(state.exact ? { exact: state.exact } : {}),
        changes: toWireChanges(result.changes),
        failure: null,
        reducer: await db.reducerStatus(input.aggregateId),
      }
    },
    'state.diff': async (db, { aggregateId, fromVersion, toVersion, reducer }) => {
      if (reducer === 'custom') db.require('reducers')
      const from = await db.stateAt({ aggregateId, version: fromVersion })
      const to = await db.stateAt({ aggregateId, version: toVersion })
      return {
        aggregateId,
        fromVersion: from.version,
        toVersion: to.version,
        changes: toWireChanges(diffJson(from.state, to.state)),
        failure: null,
        reducer: await db.reducerStatus(aggregateId),
      }
    },
    // The built-in projections; custom ones live in a directory's .eventscope folder.
    'projection.list': async () => ({
      builtin: builtinProjections.map(({ name, label }) => ({ name, label })),
      custom: [],
      trusted: false,
    }),
    'projection.run': async (db, { taskId, kind, name }) => {
      if (kind === 'custom') db.require('reducers')
      return tasks.run(
        taskId,
        (task) => sourceProjection(db.source, name, (id) => db.typeOf(id), scanOptions(db, task)),
        { label: `Projection ${name}` },
      )
    },
    // Progress and the answer's byte counts are in events for a database (it has no bytes to count).
    'search.run': async (db, { taskId, limit, ...query }) => {
      const total = db.summary().events
      const outcome = await tasks.run(
        taskId,
        async ({ signal, progress }) => {
          let scanned = 0
          return searchSource(db.source, query, {
            limit: limit ?? 500,
            signal,
            keep: true,
            onEvents: (events) => {
              scanned += events
              progress(scanned, Math.max(scanned, total))
            },
          }).catch((error: unknown) => {
            if (error instanceof ExpressionError || error instanceof RangeError)
              throw new StoreError('invalid_input', error.message)
            throw error
          })
        },
        { label: 'Searching' },
      )
      return {
        taskId,
        matches: outcome.matches.map((match) => {
          const { value, exact } = toWire(match.payload)
          return { ...match, payload: value, ...(exact ? { exact } : {}) }
        }),
        truncated: outcome.truncated,
        // A source that filters in the store sends only candidates: done is the whole store then.
        scannedBytes: outcome.truncated ? outcome.scannedEvents : Math.max(outcome.scannedEvents, total),
        totalBytes: Math.max(outcome.scannedEvents, total),
        // A row is always an event: a database leaves no line out.
        leftOut: noLinesLeftOut,
      }
    },
    'correlation.list': async (db, input) => {
      const correlationId =
        'correlationId' in input ? input.correlationId : sourceCorrelationIdOf(await db.sourceEvent(input))
      if (correlationId === null) return { correlationId: null, events: [], leftOut: noLinesLeftOut }
      const events = await latestOnly('correlation.list', 'Following the correlation', (task) =>
        sourceCorrelated(db.source, correlationId, scanOptions(db, task)),
      )
      return { correlationId, events, leftOut: noLinesLeftOut }
    },
    'store.histogram': async (db, { since, until, unit }) =>
      latestOnly('store.histogram', 'Counting events over time', (task) =>
        sourceHistogram(
          db.source,
          {
            ...(since ? { fromMs: Date.parse(since) } : {}),
            ...(until ? { toMs: Date.parse(until) } : {}),
            ...(unit ? { unit } : {}),
          },
          scanOptions(db, task),
        ),
      ),
    // Invariants given with the request; a store's own invariants file lives in a directory's .eventscope.
    'check.run': async (db, { taskId, invariants: given }) => {
      if (!given) db.require('reducers')
      const specs = (given ?? []).map((invariant) => ({
        name: invariant.name ?? invariant.expression,
        expression: invariant.expression,
        types: invariant.types ?? [],
      }))
      const compiled = specs.map((spec) => {
        try {
          return compileInvariant(spec)
        } catch (error) {
          if (error instanceof ExpressionError) throw new StoreError('invalid_input', error.message)
          throw error
        }
      })
      const streams = (await db.aggregates()).map((row) => ({ id: row.id, type: row.type }))
      const report = await tasks.run(
        taskId,
        ({ signal, progress }) => sourceCheck(db.source, compiled, streams, { signal, onProgress: progress }),
        { label: 'Checking invariants' },
      )
      return {
        taskId,
        invariants: specs.map(({ name, expression, types }) => ({ name, expression, types: [...types] })),
        source: 'request',
        aggregates: report.aggregates,
        events: report.events,
        violations: report.violations.slice(0, maxViolations),
        truncated: report.violations.length > maxViolations,
        failures: [],
        untrustedReducers: [],
        leftOut: noLinesLeftOut,
      }
    },
    'stream.hits': async (db, { aggregateId, breakpoints = [], watches = [], at, reducer, taskId }) => {
      if (reducer === 'custom') db.require('reducers')
      const { eventCount } = await db.streamSummary(aggregateId)
      const hits =
        breakpoints.length === 0
          ? []
          : await tasks.run(
              taskId ?? tasks.newId('stream.hits'),
              ({ signal }) => sourceBreakpointHits(db.source, aggregateId, breakpoints, maxHits, signal),
              { label: 'Finding breakpoint hits', supersedes: 'stream.hits', quietMs: 200 },
            )
      const version = Math.min(at ?? eventCount, eventCount)
      let watched: ReturnType<typeof sourceWatchValues> = []
      if (watches.length > 0) {
        const after = await db.stateAt({ aggregateId, version })
        const before =
          version > 0 ? (await db.stateAt({ aggregateId, version: version - 1 })).state : after.state
        const event = version > 0 ? await db.sourceEvent({ aggregateId, version }) : null
        watched = sourceWatchValues(aggregateId, watches, event, before, after.state)
      }
      return {
        aggregateId,
        eventCount,
        breakpoints: hits,
        at: version,
        watches: watched.map(({ expression, value, error }) => {
          if (value === undefined) return { expression, error }
          const wired = toWire(value)
          return { expression, value: wired.value, ...(wired.exact ? { exact: wired.exact } : {}), error }
        }),
        failure: null,
        reducer: await db.reducerStatus(aggregateId),
      }
    },
    'store.asOf': async (db, { at, offset, limit }) => {
      const rows = await latestOnly('store.asOf', 'Rewinding the store', (task) =>
        sourceAsOf(db.source, Date.parse(at), (id) => db.typeOf(id), scanOptions(db, task)),
      )
      const from = offset ?? 0
      return { at, total: rows.length, aggregates: rows.slice(from, from + (limit ?? 1000)) }
    },
  }
}
