// The merge-patch state of a stream at any version, for sources that hand out events but keep no states:
// a fold over the stream read once with a cursor, keeping checkpoints as the JSONL scan does, so a
// later version costs the nearest checkpoint plus at most one checkpoint's worth of events.
//
// O(K) per answer once the stream has been folded that far (K = events between checkpoints: 64 KiB of
// payload or 512 events); the first answer for a version past what was folded reads only the events
// between the last checkpoint and that version. States share untouched subtrees (merge-patch.ts), so a
// checkpoint costs what its events touched.

import { Checkpoints } from '../replay/checkpoints'
import { evolve } from '../replay/replay'
import type { ExactJsonObject } from '../json/json-value'
import type { SourceEvent, SourceState } from './source'

/** What a fold needs of an event: a source may read only these (no times, ids or metadata). */
export type FoldEvent = Pick<SourceEvent, 'version' | 'payload' | 'raw' | 'problems'> & {
  /** The payload's size in characters when `raw` is not kept (a source that reads payloads in bulk). */
  readonly size?: number
}

/**
 * How the states read a stream: events after `from`, in order, in batches; `upTo`, when given, is the
 * last version wanted (a source may stop there, or send more, which is ignored).
 */
export type ReadAfter = (
  streamId: string,
  from: number,
  signal?: AbortSignal,
  upTo?: number,
) => AsyncIterable<readonly FoldEvent[]>

interface Folded {
  readonly checkpoints: Checkpoints
  /** The highest version folded (and offered to the checkpoints) so far. */
  upTo: number
  /**
   * The highest version known to be folded or to have no row: a row seen past a version asked for
   * shows that the versions before it without rows (truncated, archived) are gaps, not the rows' end.
   */
  coveredTo: number
  /** Versions folded whose payload could not be read as stored (folded as empty), ascending. */
  readonly damaged: number[]
  /** The first of them, with why: `version 2: message_data is not JSON (…): …`. */
  firstDamage: string | null
}

/** What a state was folded past that could not be read: how many such events, and the first. */
export interface FoldDamage {
  readonly count: number
  readonly first: string
}

export class SourceStates {
  private readonly streams = new Map<string, Folded>()

  constructor(private readonly readAfter: ReadAfter) {}

  /** The state after `version`; `version` must be within the stream (the caller clamps it). */
  async stateAt(streamId: string, version: number, signal?: AbortSignal): Promise<ExactJsonObject> {
    const folded = this.folded(streamId)
    const start = folded.checkpoints.atOrBefore(Math.min(version, folded.upTo))
    let state = start.state
    let at = start.version
    if (at === version) return state
    for await (const batch of this.readAfter(streamId, at, signal, version)) {
      for (const event of batch) {
        if (event.version > version) {
          folded.coveredTo = Math.max(folded.coveredTo, event.version - 1)
          return state
        }
        state = evolve(state, event.payload)
        at = event.version
        // Only versions never folded before are offered: the checkpoints stay in order.
        if (at > folded.upTo) {
          folded.checkpoints.offer(at, event.size ?? event.raw.length, state)
          folded.upTo = at
          const problem = event.problems?.[0]
          if (problem) {
            folded.damaged.push(at)
            folded.firstDamage ??= `version ${at}: ${problem.message}`
          }
        }
        if (at === version) return state
      }
    }
    return state
  }

  /**
   * A source's answer for the state of a stream of `eventCount` events at `version` (clamped to the
   * stream), with the events it was folded past that could not be read.
   */
  async sourceState(streamId: string, version: number, eventCount: number): Promise<SourceState> {
    const asked = Math.max(0, Math.min(version, eventCount))
    const state = await this.stateAt(streamId, asked)
    // Rows that end before the count the store keeps for the stream (archived, deleted or never
    // written): the state is at the last row folded, and says so. Versions without rows that come
    // before a row are gaps: the state at one is the state before it.
    const folded = this.streams.get(streamId)
    const at = Math.min(asked, Math.max(folded?.upTo ?? 0, folded?.coveredTo ?? 0))
    const damage = this.damageUpTo(streamId, at)
    return {
      streamId,
      version: at,
      eventCount,
      state,
      ...(at < asked ? { rowsEndAt: at } : {}),
      ...(damage ? { damage } : {}),
    }
  }

  /**
   * The events up to `version` whose payload could not be read as stored, once a state at or past it
   * was asked (stateAt): null when there are none. A state folded past one must not look whole.
   */
  damageUpTo(streamId: string, version: number): FoldDamage | null {
    const folded = this.streams.get(streamId)
    if (!folded || folded.firstDamage === null || (folded.damaged[0] as number) > version) return null
    let count = 0
    for (const at of folded.damaged) if (at <= version) count++
    return { count, first: folded.firstDamage }
  }

  /** Forget a stream's checkpoints (its events changed under us). */
  forget(streamId: string): void {
    this.streams.delete(streamId)
  }

  private folded(streamId: string): Folded {
    let folded = this.streams.get(streamId)
    if (!folded) {
      folded = { checkpoints: new Checkpoints(), upTo: 0, coveredTo: 0, damaged: [], firstDamage: null }
      this.streams.set(streamId, folded)
    }
    return folded
  }
}
