// Small fixture stores written inline by the tests, and a fingerprint of a directory that proves reading
// it changed nothing.

import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/** Write `<id>.events.jsonl` from raw text (exactly these bytes). */
export async function writeStream(dir: string, aggregateId: string, text: string | Buffer): Promise<string> {
  const file = join(dir, `${aggregateId}.events.jsonl`)
  await writeFile(file, text)
  return file
}

/** Events as JSON lines, each terminated by a line feed. */
export function jsonLines(events: readonly unknown[]): string {
  return events.map((event) => `${JSON.stringify(event)}\n`).join('')
}

/** `count` lines of a stream `id`, one event a day from 2026-01-01 (at most nine: one digit of day). */
export function dailyEvents(id: string, count: number): string {
  return jsonLines(
    Array.from({ length: count }, (_, n) => ({
      event_type: 'E',
      aggregate_id: id,
      n,
      occurred_at: `2026-01-0${1 + n}T00:00:00`,
    })),
  )
}

/** Write an index.json in the seed's shape. */
export async function writeIndex(
  dir: string,
  aggregates: Record<string, { event_count: number; last_event_at: string | null }>,
  totalEvents?: number,
): Promise<void> {
  const total = totalEvents ?? Object.values(aggregates).reduce((sum, entry) => sum + entry.event_count, 0)
  await writeFile(join(dir, 'index.json'), JSON.stringify({ aggregates, total_events: total }, null, 2))
}

export interface FileFingerprint {
  readonly bytes: string
  readonly mtimeMs: number
  readonly size: number
}

/** Every file of a directory (not recursive) with its bytes (base64) and mtime. */
export async function fingerprintDir(dir: string): Promise<Record<string, FileFingerprint>> {
  const result: Record<string, FileFingerprint> = {}
  for (const name of (await readdir(dir)).sort()) {
    const file = join(dir, name)
    const info = await stat(file)
    if (!info.isFile()) continue
    result[name] = {
      bytes: (await readFile(file)).toString('base64'),
      mtimeMs: info.mtimeMs,
      size: info.size,
    }
  }
  return result
}
