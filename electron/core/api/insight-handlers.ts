// Custom reducers, projections and store-wide questions: reducer.status, store.trust, state.diff,
// projection.*, search.*, correlation.list, store.histogram, store.asOf, and state.at under the reducer
// that applies. Store-wide scans read the files directly; their progress goes out as onProgress.

import type { ChannelInput, ChannelOutput, Handlers, SearchMatchDto } from '../../../shared/contract'
import { StoreError } from '../errors'
import { toWire, toWireChanges } from '../json/exact-wire'
import { builtinProjections } from '../projections/builtin-projections'
import { runProjection, type ProjectionSpec } from '../projections/run-projection'
import { listCodeNames, projectionPath, readCodeFile } from '../reducers/code-files'
import { ReducerService } from '../reducers/reducer-service'
import { listCorrelated } from '../search/correlation'
import { correlationIdOf } from '../search/correlation'
import { ExpressionError } from '../search/expression-error'
import { searchStore, type SearchMatch } from '../search/run-search'
import type { ExplorerSession } from '../session/explorer-session'
import { TrustedDirectories } from '../settings/trusted-directories'
import { storeAsOf } from '../timeline-stats/as-of'
import { storeHistogram } from '../timeline-stats/histogram'
import type { ShellServices } from './shell-services'

type InsightChannel =
  | 'reducer.status'
  | 'store.trust'
  | 'state.diff'
  | 'projection.list'
  | 'projection.run'
  | 'projection.cancel'
  | 'search.run'
  | 'search.cancel'
  | 'correlation.list'
  | 'store.histogram'
  | 'store.asOf'

export function createInsightHandlers(session: ExplorerSession, services: ShellServices) {
  const reducers = new ReducerService(session, services.trustedDirectories ?? new TrustedDirectories(null))
  // A state export saves what state.at shows: the aggregate's custom reducer where one applies.
  session.useStateForExports((aggregateId, version) => reducers.stateAt(aggregateId, version, 'auto'))
  const running = new Map<string, AbortController>()
  const progress = (task: string) => (done: number, total: number) =>
    session.notify('onProgress', { task, done, total })
  const knownCount = () => {
    const counts = new Map(session.aggregates().map((row) => [row.id, row.eventCount]))
    return (id: string) => counts.get(id) ?? null
  }

  // One run per id; aborting makes the scan throw the signal's reason, answered as `cancelled`. Opening
  // another store aborts it too: its answer would be about a store no longer shown.
  async function cancellable<T>(
    id: string,
    run: (signal: AbortSignal) => Promise<T>,
    runs: Map<string, AbortController> = running,
  ): Promise<T | 'cancelled'> {
    const controller = new AbortController()
    const signal = AbortSignal.any([controller.signal, session.storeScanSignal()])
    runs.get(id)?.abort()
    runs.set(id, controller)
    try {
      return await run(signal)
    } catch (error) {
      if (signal.aborted) return 'cancelled'
      throw error
    } finally {
      if (runs.get(id) === controller) runs.delete(id)
    }
  }

  // Questions without a cancel channel (histogram, as-of, correlation): a new one of the same kind
  // supersedes the one running (the window only shows the latest), and so does opening another store.
  const latest = new Map<string, AbortController>()
  async function superseding<T>(kind: string, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const outcome = await cancellable(kind, run, latest)
    if (outcome === 'cancelled')
      throw new StoreError('cancelled', `Superseded: a newer request or another store replaced this ${kind}.`)
    return outcome
  }

  const cancel = async (id: string) => {
    const controller = running.get(id)
    controller?.abort()
    return { cancelled: controller !== undefined }
  }

  const handlers: Pick<Handlers, InsightChannel> = {
    'reducer.status': async ({ aggregateId }) => reducers.status(aggregateId),
    'store.trust': async ({ trusted }) => {
      reducers.setTrusted(trusted)
      return { dir: session.storeDir(), trusted: reducers.isTrusted() }
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
    'projection.run': async ({ runId, kind, name }) => {
      const dir = session.storeDir()
      const spec = await projectionSpec(dir, kind, name, reducers.isTrusted(dir))
      const report = progress(`Projection ${name}`)
      const outcome = await cancellable(runId, (signal) =>
        runProjection(dir, spec, { signal, onProgress: ({ done, total }) => report(done, total) }),
      )
      if (outcome === 'cancelled') return { status: 'cancelled', result: null, events: 0, failure: null }
      return { status: 'done', ...outcome }
    },
    'projection.cancel': async ({ runId }) => cancel(runId),
    'search.run': async ({ searchId, limit, ...query }) => {
      const dir = session.storeDir()
      const report = progress('Searching')
      let scanned = { scannedBytes: 0, totalBytes: 0 }
      const outcome = await cancellable(searchId, (signal) =>
        searchStore(dir, query, {
          limit: limit ?? 500,
          signal,
          knownCount: knownCount(),
          onProgress: (progress) => {
            scanned = progress
            report(progress.scannedBytes, progress.totalBytes)
          },
        }).catch((error: unknown) => {
          if (error instanceof ExpressionError) throw new StoreError('invalid_input', error.message)
          if (error instanceof RangeError) throw new StoreError('invalid_input', error.message)
          throw error
        }),
      )
      if (outcome === 'cancelled')
        return { searchId, status: 'cancelled', matches: [], truncated: false, ...bytesOf(scanned) }
      return {
        searchId,
        status: 'done',
        matches: outcome.matches.map(wireMatch),
        truncated: outcome.truncated,
        ...bytesOf(outcome.progress),
      }
    },
    'search.cancel': async ({ searchId }) => cancel(searchId),
    'correlation.list': async (input) => {
      const correlationId =
        'correlationId' in input ? input.correlationId : await correlationOfEvent(session, input)
      if (correlationId === null) return { correlationId: null, events: [] }
      const report = progress('Following the correlation')
      const dir = session.storeDir()
      const counts = knownCount()
      const events = await superseding('correlation', (signal) =>
        listCorrelated(dir, correlationId, {
          knownCount: counts,
          signal,
          onProgress: ({ scannedBytes, totalBytes }) => report(scannedBytes, totalBytes),
        }),
      )
      return { correlationId, events }
    },
    'store.histogram': async ({ since, until, unit }) => {
      const report = progress('Counting events over time')
      const dir = session.storeDir()
      return superseding('histogram', (signal) =>
        storeHistogram(
          dir,
          {
            ...(since ? { fromMs: Date.parse(since) } : {}),
            ...(until ? { toMs: Date.parse(until) } : {}),
            ...(unit ? { unit } : {}),
          },
          { signal, onProgress: ({ scannedBytes, totalBytes }) => report(scannedBytes, totalBytes) },
        ),
      )
    },
    'store.asOf': async ({ at, offset, limit }) => {
      const report = progress('Rewinding the store')
      const dir = session.storeDir()
      const rows = await superseding('store as of a time', (signal) =>
        storeAsOf(dir, Date.parse(at), {
          signal,
          onProgress: ({ scannedBytes, totalBytes }) => report(scannedBytes, totalBytes),
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

  return { handlers, stateAt, reducers }
}

function bytesOf(progress: { scannedBytes: number; totalBytes: number }) {
  return { scannedBytes: progress.scannedBytes, totalBytes: progress.totalBytes }
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
