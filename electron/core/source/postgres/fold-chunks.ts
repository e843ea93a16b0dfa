// Reading a whole stream for the merge-patch fold in chunks the server packs: one row per few
// thousand events, their payloads joined into one JSON array, instead of one row per event.
//
// Why: on a million-event stream the per-row work in this process (the wire protocol's row parsing,
// an object and two strings per row, one JSON.parse per payload, the garbage of all of it) cost more
// than the server's own reading and formatting. A chunk is one string, parsed by one JSON.parse
// (parseJsonExact: numbers keep every digit, keys their order), with its versions and payload sizes
// beside it. Chunks are asked for ahead, four at a time on the pool's connections, so the server
// works on the next ones (on four server processes) while this process parses: the chunk after
// version v is the one after v + 4096 when versions run without gaps, as they do in every layout's
// stream; a chunk that shows a gap (or the end) drops what was asked ahead and asks again from its
// real last version, so a gap costs a query, never an event.

import { parseJsonExact } from '../../json/big-integers'
import { isExactObject } from '../../json/json-value'
import { StoreError } from '../../errors'
import type { FoldEvent } from '../source-states'
import { payloadNotObject, storedPayload, type RowProblem } from '../stored-object'

/** Events per chunk: a few hundred KiB of text, a few parses' worth of memory. */
export const foldChunkSize = 4096

export interface ChunkRow {
  readonly versions: string | null
  readonly sizes: string | null
  readonly payloads: string | null
}

/**
 * The statement for one chunk ($1 stream, $2 after, $3 how many), around the layout's fold query
 * (version and data, in order, after $2).
 */
export function foldChunkSql(foldSql: string): string {
  // No ORDER BY inside the aggregates (three sorts per chunk): the rows come in the subquery's
  // order, and the versions beside the payloads let the reader check that and sort if not.
  return `SELECT string_agg(f.version, ',') AS versions, string_agg(length(f.data)::text, ',') AS sizes,
    '[' || string_agg(f.data, ',') || ']' AS payloads
  FROM (${foldSql} LIMIT $3) f`
}

/**
 * Chunks asked for ahead of the one being parsed: on the 1M-event stream (2 cores, loaded) four made
 * the fold 1.6-1.8x the COPY floor where two made it 2.2-2.7x and three 2.3x.
 */
const readAhead = 4

/** Every event of a stream after `from`, a chunk at a time, four chunks asked ahead. */
export async function* foldChunks(
  query: (sql: string, params: readonly unknown[]) => Promise<ChunkRow[]>,
  sql: string,
  streamId: string,
  from: number,
  signal?: AbortSignal,
): AsyncGenerator<readonly FoldEvent[]> {
  const ask = (after: number): Promise<ChunkRow[]> => {
    const answer = query(sql, [streamId, after, foldChunkSize])
    // Asked ahead and perhaps never read: its failure is the reader's only if it is read.
    answer.catch(() => undefined)
    return answer
  }
  // What was asked, in order: the version each chunk starts after.
  const asked: { after: number; answer: Promise<ChunkRow[]> }[] = []
  const askUpTo = (after: number): void => {
    let next = asked.length > 0 ? (asked[asked.length - 1] as { after: number }).after + foldChunkSize : after
    while (asked.length < readAhead) {
      asked.push({ after: next, answer: ask(next) })
      next += foldChunkSize
    }
  }
  askUpTo(from)
  try {
    for (;;) {
      if (signal?.aborted) throw new StoreError('cancelled', 'the read was cancelled')
      const { after, answer } = asked.shift() as { after: number; answer: Promise<ChunkRow[]> }
      const [row] = await answer
      if (row === undefined || row.versions === null || row.payloads === null || row.sizes === null) return
      const versions = row.versions.split(',').map(Number)
      let last = from
      for (const version of versions) if (version > last) last = version
      const full = versions.length === foldChunkSize
      if (!full) return yield* parsed(versions, row)
      // Without a gap the next chunk asked is the right one; with one, ask again from here.
      if (last !== after + foldChunkSize) asked.length = 0
      askUpTo(last)
      yield* parsed(versions, row)
    }
  } finally {
    // Chunks asked ahead land before the connections go back; their answers are not used.
    await Promise.all(asked.map((entry) => entry.answer.catch(() => undefined)))
  }
}

// One chunk's events, in version order.
function* parsed(versions: readonly number[], row: ChunkRow): Generator<readonly FoldEvent[]> {
  const sizes = (row.sizes as string).split(',').map(Number)
  const payloads = payloadsOf(row.payloads as string, sizes)
  const events: FoldEvent[] = versions.map((version, i) => {
    const payload = payloads[i]
    const size = sizes[i] ?? 0
    // A payload that is no JSON, or not an object, folds as an empty one, as pg-rows.ts reads it,
    // and says so.
    if (payload instanceof NotJson)
      return { version, payload: {}, raw: '', size, problems: [payload.problem] }
    if (isExactObject(payload)) return { version, payload, raw: '', size }
    return { version, payload: {}, raw: '', size, problems: [payloadNotObject('data', payload)] }
  })
  if (!events.every((event, i) => i === 0 || (events[i - 1] as FoldEvent).version < event.version))
    events.sort((a, b) => a.version - b.version)
  yield events
}

/** A payload of a text column that is no JSON, found when the chunk is read one payload at a time. */
class NotJson {
  constructor(readonly problem: RowProblem) {}
}

/**
 * The chunk's payloads: one parse of the joined array, or, where a text column holds something that
 * is no JSON (the parse fails), each payload cut out by its length and read alone. PostgreSQL's
 * length() counts characters, so the cut walks code points, not UTF-16 units.
 */
function payloadsOf(joined: string, sizes: readonly number[]): unknown[] {
  try {
    return parseJsonExact(joined) as unknown[]
  } catch {
    const payloads: unknown[] = []
    let at = 1 // after '['
    for (const size of sizes) {
      let end = at
      for (let n = 0; n < size && end < joined.length; n++)
        end += (joined.codePointAt(end) as number) > 0xffff ? 2 : 1
      const text = joined.slice(at, end)
      const read = storedPayload(text, 'data')
      // An object, or the value that is none (its problem is worded from it), or why it is no JSON.
      if (read.problem?.kind === 'payload_unreadable') payloads.push(new NotJson(read.problem))
      else payloads.push(read.value ?? parseJsonExact(text))
      at = end + 1 // past ','
    }
    return payloads
  }
}
