// Custom reducers, projections and store-wide questions: reducer.status, store.trust, state.diff,
// projection.*, search.*, correlation.list, store.histogram, store.asOf, and state.at under the reducer
// that applies, over an open directory (a database's answers: database-answers.ts, picked in
// database-handlers.ts). Store-wide scans read the files directly, each as a task of the session's
// registry: progress under its task id, stopped by task.cancel (search, projection), by a newer
// question of the same kind (histogram, as-of, correlation) or by another store, answering the error
// `cancelled`.

import type { InsightChannel } from '../../../shared/channels'
import type { ChannelInput, ChannelOutput, Handlers, SearchMatchDto } from '../../../shared/contract'
import { StoreError } from '../errors'
import { toWire, toWireChanges } from '../json/exact-wire'
import { builtinProjections } from '../projections/builtin-projections'
import { runProjection, type ProjectionSpec } from '../projections/run-projection'
import { listCodeNames, projectionPath, readCodeFile } from '../reducers/code-files'
import type { ReducerService } from '../reducers/reducer-service'
import { listCorrelated } from '../search/correlation'
import { correlationIdOf } from '../search/correlation'
import { ExpressionError } from '../search/expression-error'
import { searchStore, type SearchMatch } from '../search/run-search'
import type { ExplorerSession } from '../session/explorer-session'
import { storeAsOf } from '../timeline-stats/as-of'
import { storeHistogram } from '../timeline-stats/histogram'
import type { TaskContext } from '../tasks/task-registry'
import { LinesLeftOut, noLinesLeftOut } from '../scan/lines-left-out'

/** The insight channels and state.at over one session, under the reducers that apply. */
export function createInsightHandlers(session: ExplorerSession, reducers: ReducerService) {
  const { tasks } = session
  const knownCount = () => {
    const counts = new Map(session.aggregates().map((row) => [row.id, row.eventCount]))
    return (id: string) => counts.get(id) ?? null
  }

  // Questions the window does not name (histogram, as-of, correlation): a new one of the same kind
  // supersedes the one running (the window only shows the latest).
  const latestOnly = <T>(kind: string, label: string, work: (task: TaskContext) => Promise<T>): Promise<T> =>
    tasks.run(tasks.newId(kind), work, { label, supersedes: kind })

  const handlers: Pick<Handlers, InsightChannel> = {
    'reducer.status': async ({ aggregateId }) => reducers.status(aggregateId),
    'store.trust': async ({ trusted }) => {
      // A database has no .eventscope folder whose code trusting would let run.
      const { dir } = session.directory('reducers')
      reducers.setTrusted(trusted, dir)
      return { dir, trusted: reducers.isTrusted(dir) }
    },
    'state.diff': async ({ aggregateId, fromVersion, toVersion, reducer }) => {
      const diff = await reducers.diff(aggregateId, fromVersion, toVersion, reducer ?? 'auto')
      return {
        aggregateId,
        fromVersion: diff.from.version,
        toVersion: diff.to.version,
        changes: toWireChanges(diff.changes),
        failure: diff.to.failure ?? diff.from.failure,
        reducer: diff.reducer,
      }
    },
    'projection.list': async () => {
      const dir = session.storeDir()
      const names = await listCodeNames(dir, 'projections')
      return {
        builtin: builtinProjections.map(({ name, label }) => ({ name, label })),
        custom: names.map((name) => ({ name, file: projectionPath(dir, name) as string })),
        trusted: reducers.isTrusted(dir),
      }
    },
    'projection.run': async ({ taskId, kind, name }) => {
      const dir = session.storeDir()
      const spec = await projectionSpec(dir, kind, name, reducers.isTrusted(dir))
      return tasks.run(
        taskId,
        ({ signal, progress }) =>
          runProjection(dir, spec, { signal, onProgress: ({ done, total }) => progress(done, total) }),
        { label: `Projection ${name}` },
      )
    },
    'search.run': async ({ taskId, limit, ...query }) => {
      const dir = session.storeDir()
      const outcome = await tasks.run(
        taskId,
        ({ signal, progress }) =>
          searchStore(dir, query, {
            limit: limit ?? 500,
            signal,
            knownCount: knownCount(),
            onProgress: ({ scannedBytes, totalBytes }) => progress(scannedBytes, totalBytes),
          }).catch((error: unknown) => {
            if (error instanceof ExpressionError) throw new StoreError('invalid_input', error.message)
            if (error instanceof RangeError) throw new StoreError('invalid_input', error.message)
            throw error
          }),
        { label: 'Searching' },
      )
      return {
        taskId,
        matches: outcome.matches.map(wireMatch),
        truncated: outcome.truncated,
        scannedBytes: outcome.progress.scannedBytes,
        totalBytes: outcome.progress.totalBytes,
        leftOut: outcome.leftOut,
      }
    },
    'correlation.list': async (input) => {
      const correlationId =
        'correlationId' in input ? input.correlationId : await correlationOfEvent(session, input)
      if (correlationId === null) return { correlationId: null, events: [], leftOut: noLinesLeftOut }
      const dir = session.storeDir()
      const counts = knownCount()
      const leftOut = new LinesLeftOut()
      const events = await latestOnly(
        'correlation.list',
        'Following the correlation',
        ({ signal, progress }) =>
          listCorrelated(dir, correlationId, {
            knownCount: counts,
            leftOut,
            signal,
            onProgress: ({ scannedBytes, totalBytes }) => progress(scannedBytes, totalBytes),
          }),
      )
      return { correlationId, events, leftOut: leftOut.summary() }
    },
    'store.histogram': async ({ since, until, unit }) => {
      const dir = session.storeDir()
      return latestOnly('store.histogram', 'Counting events over time', ({ signal, progress }) =>
        storeHistogram(
          dir,
          {
            ...(since ? { fromMs: Date.parse(since) } : {}),
            ...(until ? { toMs: Date.parse(until) } : {}),
            ...(unit ? { unit } : {}),
          },
          { signal, onProgress: ({ scannedBytes, totalBytes }) => progress(scannedBytes, totalBytes) },
        ),
      )
    },
    'store.asOf': async ({ at, offset, limit }) => {
      const dir = session.storeDir()
      const rows = await latestOnly('store.asOf', 'Rewinding the store', ({ signal, progress }) =>
        storeAsOf(dir, Date.parse(at), {
          signal,
          onProgress: ({ scannedBytes, totalBytes }) => progress(scannedBytes, totalBytes),
        }),
      )
      const from = offset ?? 0
      return { at, total: rows.length, aggregates: rows.slice(from, from + (limit ?? 1000)) }
    },
  }

  // Integers beyond 2^53 leave main as their nearest number plus their digits by pointer (exact-wire.ts).
  const stateAt = async (input: ChannelInput<'state.at'>): Promise<ChannelOutput<'state.at'>> => {
    const result = await reducers.stateAt(input.aggregateId, input.version, input.reducer ?? 'auto')
    const state = toWire(result.state)
    return {
      aggregateId: result.aggregateId,
      version: result.version,
      eventCount: result.eventCount,
      state: state.value,
      ...(state.exact ? { exact: state.exact } : {}),
      changes: toWireChanges(result.changes),
      failure: result.failure,
      reducer: result.reducer,
    }
  }

  return { handlers, stateAt }
}

async function projectionSpec(
  dir: string,
  kind: 'builtin' | 'custom',
  name: string,
  trusted: boolean,
): Promise<ProjectionSpec> {
  if (kind === 'builtin') {
    if (!builtinProjections.some((projection) => projection.name === name))
      throw new StoreError('not_found', `No built-in projection named ${name}`)
    return { kind, name }
  }
  if (!trusted)
    throw new StoreError(
      'forbidden',
      `${dir} is not trusted: trust this directory first to run its projections.`,
    )
  const file = projectionPath(dir, name)
  const code = file === null ? null : await readCodeFile(file)
  if (!code) throw new StoreError('not_found', `No projection .eventscope/projections/${name}.js in ${dir}`)
  return { kind, code }
}

async function correlationOfEvent(
  session: ExplorerSession,
  input: { aggregateId: string; version: number },
): Promise<string | null> {
  const event = await session.eventGet(input)
  try {
    const value: unknown = JSON.parse(event.raw)
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? correlationIdOf(value as Parameters<typeof correlationIdOf>[0])
      : null
  } catch {
    return null
  }
}

/** A search match for the contract: its payload's integers beyond 2^53 as numbers plus their digits. */
function wireMatch(match: SearchMatch): SearchMatchDto {
  const { value, exact } = toWire(match.payload)
  return { ...match, payload: value, ...(exact ? { exact } : {}) }
}
