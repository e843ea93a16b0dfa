// Breakpoints and watches over one opened stream: the versions where each breakpoint expression is true
// (one walk over every version for all of them), and each watch's value at one version.

import type { ExactJson } from '../json/json-value'
import type { Reducer } from '../replay/reducer'
import type { ReplayFailure } from '../replay/replay-failure'
import { matches, valueOf } from '../search/evaluate'
import { ExpressionError } from '../search/expression-error'
import { parseExpression, type Expression } from '../search/expression'
import { exactEnvelope, readEvents } from '../stream/event-reader'
import type { StreamIndex } from '../stream/stream-index'
import { initialFields, stepFields } from './step-fields'
import { walkIndex } from './version-walk'

export interface Hits {
  readonly expression: string
  readonly versions: number[]
  readonly truncated: boolean
  readonly error: string | null
}

export interface Watched {
  readonly expression: string
  /** undefined: the expression names nothing at this version, or has an error. */
  readonly value: ExactJson | undefined
  readonly error: string | null
}

/** Parse each text; a malformed one becomes its error message, so one typo does not sink the rest. */
export function parseEach(texts: readonly string[]): (Expression | string)[] {
  return texts.map((text) => {
    try {
      return parseExpression(text)
    } catch (error) {
      if (error instanceof ExpressionError) return error.message
      throw error
    }
  })
}

/**
 * The versions where each breakpoint holds, at most `maxHits` each.
 *
 * One walk over every version: O(stream) reads and folds plus one evaluation per breakpoint per
 * version, whatever the number of breakpoints. Stops before a custom reducer's failing event.
 */
export async function breakpointHits(
  index: StreamIndex,
  reducer: Reducer,
  texts: readonly string[],
  maxHits: number,
  signal?: AbortSignal,
): Promise<{ hits: Hits[]; failure: ReplayFailure | null }> {
  const parsed = parseEach(texts)
  const versions = texts.map(() => [] as number[])
  const truncated = texts.map(() => false)
  const live = parsed.flatMap((expression, at) => (typeof expression === 'string' ? [] : [at]))
  let failure: ReplayFailure | null = null
  if (live.length > 0) {
    const walked = await walkIndex(
      index,
      reducer,
      (step) => {
        const fields = stepFields(step)
        for (const at of live) {
          if (!matches(parsed[at] as Expression, fields)) continue
          const found = versions[at] as number[]
          if (found.length < maxHits) found.push(step.version)
          else truncated[at] = true
        }
      },
      signal ? { signal } : {},
    )
    failure = walked.failure
  }
  const hits = texts.map((expression, at) => {
    const error = parsed[at]
    return {
      expression,
      versions: versions[at] as number[],
      truncated: truncated[at] as boolean,
      error: typeof error === 'string' ? error : null,
    }
  })
  return { hits, failure }
}

/**
 * Each watch's value at `version`, given the states before and after it.
 *
 * O(watches) evaluations plus reading one event back.
 */
export async function watchValues(
  index: StreamIndex,
  texts: readonly string[],
  version: number,
  prev: ExactJson,
  state: ExactJson,
): Promise<Watched[]> {
  const [event] = version > 0 ? await readEvents(index, version, version) : []
  const fields = event
    ? stepFields({
        aggregateId: index.aggregateId,
        version,
        event,
        payload: exactEnvelope(event, index.style)?.payload ?? event.envelope.payload,
        prev,
        state,
      })
    : initialFields(index.aggregateId, state)
  return parseEach(texts).map((expression, at) => {
    const text = texts[at] as string
    if (typeof expression === 'string') return { expression: text, value: undefined, error: expression }
    return { expression: text, value: valueOf(expression, fields), error: null }
  })
}
