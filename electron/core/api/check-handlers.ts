// The debugger's channels: check.run (invariants over the whole store, as a task with progress and
// cancel) and stream.hits (breakpoint versions and watch values over one stream, under the reducer
// that applies to it).

import type { CheckChannel } from '../../../shared/channels'
import { maxHits, type CheckViolationDto, type Handlers } from '../../../shared/contract'
import { StoreError } from '../errors'
import { toWire } from '../json/exact-wire'
import { checkStore, type Violation } from '../check/check-store'
import { compileInvariant, readInvariantsFile, invariantsPath, type InvariantSpec } from '../check/invariants'
import { loadStoreReducers } from '../check/store-reducers'
import { breakpointHits, watchValues } from '../check/stream-hits'
import type { ReducerService } from '../reducers/reducer-service'
import { ExpressionError } from '../search/expression-error'
import { exactEnvelope } from '../stream/event-reader'
import type { ExplorerSession } from '../session/explorer-session'

/** Violations an answer carries; the rest are counted as `truncated`. */
const maxViolations = 10_000

/** check.run and stream.hits over one session. */
export function createCheckHandlers(
  session: ExplorerSession,
  reducers: ReducerService,
): Pick<Handlers, CheckChannel> {
  const { tasks } = session
  return {
    'check.run': async ({ taskId, invariants: given }) => {
      const dir = session.storeDir()
      const specs: InvariantSpec[] | null = given
        ? given.map((invariant) => ({
            name: invariant.name ?? invariant.expression,
            expression: invariant.expression,
            types: invariant.types ?? [],
          }))
        : await readInvariantsFile(dir)
      if (specs === null)
        throw new StoreError('not_found', `No invariants given and no ${invariantsPath(dir)}`)
      const compiled = specs.map((spec) => {
        try {
          return compileInvariant(spec)
        } catch (error) {
          if (error instanceof ExpressionError) throw new StoreError('invalid_input', error.message)
          throw error
        }
      })
      const storeReducers = await loadStoreReducers(dir, reducers.isTrusted(dir))
      try {
        const report = await tasks.run(
          taskId,
          ({ signal, progress }) =>
            checkStore(dir, compiled, storeReducers.forType, {
              signal,
              onProgress: progress,
              customTypes: [...storeReducers.custom.keys()],
            }),
          { label: 'Checking invariants' },
        )
        return {
          taskId,
          invariants: specs.map(({ name, expression, types }) => ({ name, expression, types: [...types] })),
          source: given ? 'request' : 'store',
          aggregates: report.aggregates,
          events: report.events,
          violations: report.violations.slice(0, maxViolations).map(wireViolation),
          truncated: report.violations.length > maxViolations,
          failures: report.failures,
          untrustedReducers: [...storeReducers.untrusted],
          leftOut: report.leftOut,
        }
      } finally {
        storeReducers.dispose()
      }
    },
    'stream.hits': async ({ aggregateId, breakpoints = [], watches = [], at, reducer: choice, taskId }) => {
      const { reducer, status } = await reducers.reducerOf(aggregateId, choice ?? 'auto')
      const index = await session.streamIndex(aggregateId)
      // Only a walk for breakpoints is a task: watches alone (asked at every step) never stop one.
      const { hits, failure } =
        breakpoints.length === 0
          ? { hits: [], failure: null }
          : await tasks.run(
              taskId ?? tasks.newId('stream.hits'),
              ({ signal }) => breakpointHits(index, reducer, breakpoints, maxHits, signal),
              { label: 'Finding breakpoint hits', supersedes: 'stream.hits', quietMs: 200 },
            )
      let version = Math.min(at ?? index.eventCount, index.eventCount)
      let watched: Awaited<ReturnType<typeof watchValues>> = []
      let watchFailure = null
      if (watches.length > 0) {
        const after = await reducers.stateAt(aggregateId, version, choice ?? 'auto')
        watchFailure = after.failure
        version = after.version
        const before =
          version > 0
            ? (await reducers.stateAt(aggregateId, version - 1, choice ?? 'auto')).state
            : after.state
        watched = await watchValues(index, watches, version, before, after.state)
      }
      return {
        aggregateId,
        eventCount: index.eventCount,
        breakpoints: hits,
        at: version,
        watches: watched.map(({ expression, value, error }) => {
          if (value === undefined) return { expression, error }
          const wired = toWire(value)
          return { expression, value: wired.value, ...(wired.exact ? { exact: wired.exact } : {}), error }
        }),
        failure: failure ?? watchFailure,
        reducer: status,
      }
    },
  }
}

/** A violation for the contract: numbers a double would change travel as their digits beside the value. */
function wireViolation(violation: Violation): CheckViolationDto {
  const { event } = violation
  const payload = toWire(exactEnvelope(event, null)?.payload ?? event.envelope.payload)
  const before = toWire(violation.before)
  const after = toWire(violation.after)
  return {
    invariant: violation.invariant,
    aggregateId: violation.aggregateId,
    aggregateType: violation.aggregateType,
    version: violation.version,
    event: {
      id: event.envelope.id,
      type: event.envelope.type,
      occurredAt: event.envelope.occurredAt,
      payload: payload.value,
      ...(payload.exact ? { exact: payload.exact } : {}),
    },
    before: before.value,
    after: after.value,
    ...(before.exact ? { exactBefore: before.exact } : {}),
    ...(after.exact ? { exactAfter: after.exact } : {}),
  }
}
