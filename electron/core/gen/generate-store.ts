// Writes a realistic sample store in the seed's layout: one `<id>.events.jsonl` per aggregate and an
// `index.json` byte-identical to what the seed's `EventStore` would have left after the same appends.
//
// Used by `eventscope gen`, by tests, and by benchmarks with a million events, so lines are batched into
// ~1 MiB writes instead of one write per line.

import { mkdir, open, writeFile, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import { allocateStreamLengths } from './allocate'
import { pickKind } from './aggregate-kinds'
import { fillerText } from './filler'
import { createRandom, seedFromString, uuid4 } from './prng'
import { pythonJsonDumps } from './python-json'
import { pythonIsoFormat, epochMicros } from './python-time'
import { renderIndex, type IndexEntry } from './render-index'

export interface GenerateStoreOptions {
  readonly dir: string
  readonly aggregates: number
  readonly events: number
  /** Same seed, same bytes. Strings are hashed; digit strings are used as numbers. */
  readonly seed?: number | string
  /**
   * Escape non-ASCII in event lines as Python's `json.dumps` does by default. Off by default, so the
   * sample data carries raw UTF-8 (which is what an explorer most needs exercising).
   */
  readonly ensureAscii?: boolean
  /** When the first aggregate's first event happened. */
  readonly startAt?: string
  /**
   * Average bytes of filler text added to each event as a `filler` field (0 to twice this, ASCII), so
   * events can be as big as real ones: with 260, 10 million events make about 5 GB. 0 (the default)
   * adds nothing and leaves the bytes of every other seed unchanged.
   */
  readonly pad?: number
}

export interface GeneratedAggregate {
  readonly id: string
  readonly type: string
  readonly eventCount: number
  readonly firstEventAt: string
  readonly lastEventAt: string
}

export interface GeneratedStore {
  readonly dir: string
  readonly totalEvents: number
  readonly bytes: number
  /** In index order, which is the order of each aggregate's first event. */
  readonly aggregates: readonly GeneratedAggregate[]
}

const defaultStart = '2026-03-01T09:00:00+00:00'
const flushAt = 1 << 20
const streamSpanMicros = 30 * 24 * 3600 * 1e6
const maxStartGapMicros = 10 * 60 * 1e6

/** Generate a deterministic sample store into `dir` (created if needed; existing files are overwritten). */
export async function generateStore(options: GenerateStoreOptions): Promise<GeneratedStore> {
  const { dir, aggregates, events } = options
  const pad = options.pad ?? 0
  for (const [name, value] of [
    ['aggregates', aggregates],
    ['events', events],
    ['pad', pad],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 0)
      throw new RangeError(`${name} must be a non-negative integer, got ${value}`)
  }
  const seed = typeof options.seed === 'string' ? seedFromString(options.seed) : (options.seed ?? 1)
  const random = createRandom(seed)
  const lengths = allocateStreamLengths(aggregates, events, random)
  await mkdir(dir, { recursive: true })

  const generated: GeneratedAggregate[] = []
  const entries: IndexEntry[] = []
  let startMicros = epochMicros(options.startAt ?? defaultStart)
  let bytes = 0
  for (const length of lengths) {
    const id = uuid4(random)
    const kind = pickKind(random)
    const next = kind.create()
    const maxGap = Math.max(1000, Math.floor(streamSpanMicros / length))
    let at = startMicros
    let firstEventAt = ''
    let lastEventAt = ''
    let chunk = ''
    const handle = await open(join(dir, `${id}.events.jsonl`), 'w')
    try {
      for (let n = 0; n < length; n++) {
        at += n === 0 ? 0 : random.int(1, maxGap)
        lastEventAt = pythonIsoFormat(at)
        if (n === 0) firstEventAt = lastEventAt
        const draft = next(random)
        const event = {
          event_id: uuid4(random),
          event_type: draft.eventType,
          aggregate_id: id,
          occurred_at: lastEventAt,
          ...draft.payload,
          ...(pad > 0 ? { filler: fillerText(random, pad) } : {}),
        }
        chunk += pythonJsonDumps(event, { ensureAscii: options.ensureAscii ?? false }) + '\n'
        if (chunk.length >= flushAt) {
          bytes += await writeChunk(handle, chunk)
          chunk = ''
        }
      }
      if (chunk !== '') bytes += await writeChunk(handle, chunk)
    } finally {
      await handle.close()
    }
    generated.push({ id, type: kind.type, eventCount: length, firstEventAt, lastEventAt })
    entries.push({ id, eventCount: length, lastEventAt })
    startMicros += random.int(1, maxStartGapMicros)
  }
  const index = renderIndex(entries)
  await writeFile(join(dir, 'index.json'), index, 'utf8')
  bytes += Buffer.byteLength(index)
  return { dir, totalEvents: events, bytes, aggregates: generated }
}

async function writeChunk(handle: FileHandle, chunk: string): Promise<number> {
  const buffer = Buffer.from(chunk, 'utf8')
  await handle.write(buffer)
  return buffer.length
}
