// Run a projection over a whole store: a built-in one stream by stream, a custom one in the sandbox in
// global time order. Progress through callbacks, cancellable with an AbortSignal.

import type { Json } from '../../../shared/contract'
import type { CodeFile } from '../reducers/code-files'
import { LinesLeftOut, type LinesLeftOutSummary } from '../scan/lines-left-out'
import { scanLines } from '../scan/scan-lines'
import { ProgressMeter, storeStreams } from '../scan/store-streams'
import type { SandboxError } from '../sandbox/sandbox-error'
import type { SandboxLimits } from '../sandbox/sandbox-limits'
import { builtinProjections } from './builtin-projections'
import { forEachInTimeOrder } from './global-order'
import {
  ProjectionFailure,
  ProjectionStopped,
  SandboxedProjection,
  type ProjectionEvent,
} from './sandboxed-projection'

export type ProjectionSpec =
  | { readonly kind: 'builtin'; readonly name: string }
  | { readonly kind: 'custom'; readonly code: CodeFile; readonly limits?: Partial<SandboxLimits> }

export interface ProjectionOutcome {
  /** The projection's final state; for a failed custom projection, null. */
  readonly result: Json
  /** Events the projection was given. */
  readonly events: number
  readonly failure: {
    readonly kind: string
    readonly message: string
    readonly location: string | null
    readonly aggregateId: string | null
    readonly version: number | null
    readonly eventType: string | null
  } | null
  /** Lines of the store that hold no event: the projection was not given them. */
  readonly leftOut: LinesLeftOutSummary
}

export interface ProjectionRunOptions {
  readonly signal?: AbortSignal
  readonly onProgress?: (progress: { task: string; done: number; total: number }) => void
}

/** Run a projection; throws the signal's reason when aborted. */
export async function runProjection(
  dir: string,
  spec: ProjectionSpec,
  options: ProjectionRunOptions = {},
): Promise<ProjectionOutcome> {
  return spec.kind === 'builtin' ? runBuiltin(dir, spec.name, options) : runCustom(dir, spec, options)
}

async function runBuiltin(
  dir: string,
  name: string,
  options: ProjectionRunOptions,
): Promise<ProjectionOutcome> {
  const projection = builtinProjections.find((candidate) => candidate.name === name)
  if (!projection) throw new RangeError(`No built-in projection named ${name}`)
  const run = projection.run()
  const { streams, totalBytes } = await storeStreams(dir)
  const meter = new ProgressMeter(totalBytes, ({ scannedBytes, totalBytes: total }) =>
    options.onProgress?.({ task: projection.label, done: scannedBytes, total }),
  )
  let events = 0
  const leftOut = new LinesLeftOut()
  for (const stream of streams) {
    await scanLines(stream.file, stream.aggregateId, {
      onBytes: (bytes) => meter.add(bytes),
      onNoEvent: (problem) => leftOut.add(stream.aggregateId, problem),
      ...(options.signal ? { signal: options.signal } : {}),
      onEvent: (event) => {
        events++
        run.onEvent(event)
      },
    })
  }
  meter.finish()
  return { result: run.result(), events, failure: null, leftOut: leftOut.summary() }
}

async function runCustom(
  dir: string,
  spec: ProjectionSpec & { kind: 'custom' },
  options: ProjectionRunOptions,
): Promise<ProjectionOutcome> {
  try {
    return await runCustomOnce(dir, spec, options, undefined, new LinesLeftOut())
  } catch (error) {
    if (!(error instanceof ProjectionStopped)) throw error
    // Stopped in the middle of a batch: run again, that batch one event per call, to name the event.
    // Every line was read (the first pass) before any event was given, so the tally is whole.
    const leftOut = new LinesLeftOut()
    const exact = { from: error.from, to: error.to }
    return runCustomOnce(dir, spec, options, exact, leftOut).catch((again: unknown) => {
      if (again instanceof ProjectionStopped) return failed(again.from, null, again.cause, leftOut.summary())
      throw again
    })
  }
}

async function runCustomOnce(
  dir: string,
  spec: ProjectionSpec & { kind: 'custom' },
  options: ProjectionRunOptions,
  exact: { from: number; to: number } | undefined,
  leftOut: LinesLeftOut,
): Promise<ProjectionOutcome> {
  const projection = await SandboxedProjection.load({
    source: spec.code.source,
    fileName: spec.code.fileName,
    limits: spec.limits,
    exact,
    signal: options.signal,
  })
  let events = 0
  try {
    await forEachInTimeOrder(
      dir,
      ({ aggregateId, version, envelope }) => {
        events++
        return projection.push({
          aggregateId,
          version,
          type: envelope.type,
          occurredAt: envelope.occurredAt,
          id: envelope.id,
          payload: envelope.payload,
          metadata: envelope.metadata,
        })
      },
      {
        types: projection.types,
        onNoEvent: (aggregateId, problem) => leftOut.add(aggregateId, problem),
        ...(options.signal ? { signal: options.signal } : {}),
        onProgress: ({ done, total, phase }) =>
          options.onProgress?.({
            task:
              phase === 'scan'
                ? `Reading the store for ${spec.code.fileName}`
                : `Running ${spec.code.fileName}`,
            done,
            total,
          }),
      },
    )
    return { result: await projection.result(), events, failure: null, leftOut: leftOut.summary() }
  } catch (error) {
    if (!(error instanceof ProjectionFailure)) throw error
    return failed(events, error.event, error.cause, leftOut.summary())
  } finally {
    projection.dispose()
  }
}

function failed(
  events: number,
  event: ProjectionEvent | null,
  cause: SandboxError,
  leftOut: LinesLeftOutSummary,
): ProjectionOutcome {
  return { result: null, events, failure: describe(event, cause), leftOut }
}

function describe(
  event: ProjectionEvent | null,
  cause: SandboxError,
): NonNullable<ProjectionOutcome['failure']> {
  return {
    kind: cause.kind,
    message: cause.message,
    location: cause.location,
    aggregateId: event?.aggregateId ?? null,
    version: event?.version ?? null,
    eventType: event?.type ?? null,
  }
}
