// `eventscope verify`: read every stream and the index without writing anything, and report every
// finding with its file, line and byte offset.

import { basename } from 'node:path'
import type { Problem } from '../../../shared/contract'
import { StoreError } from '../errors'
import { TaskCancelled } from '../tasks/task-registry'
import { readStoreIndex } from '../store/index-file'
import {
  compareTotals,
  compareWithIndex,
  missingStream,
  linkMessage,
  notAFileMessage,
  storeProblem,
} from '../store/reconcile'
import { findLeftoverTemps, leftoverTempMessage } from '../write/leftover-temps'
import { indexFileName, listStreamFiles } from '../store/store-files'
import { readEnvelope } from '../stream/envelope'
import { scanStream } from '../stream/stream-index'
import { EventChecks } from './event-checks'
import { SeenIds } from './seen-ids'
import { statIfPresent } from '../store/stat-if-present'

export interface VerifyFinding extends Problem {
  readonly aggregateId: string | null
  /** The file the finding is about, relative to the store directory. */
  readonly file: string | null
}

export interface VerifyReport {
  /** True when there are no findings of severity error (warnings allowed). */
  readonly ok: boolean
  readonly aggregates: number
  readonly events: number
  readonly problems: VerifyFinding[]
}

export interface VerifyOptions {
  readonly onProgress?: (done: number, total: number) => void
  readonly signal?: AbortSignal
}

/**
 * Verify a store. O(store bytes) time; memory one stream's positions plus 16 to 23 bytes per event of
 * the store (a fingerprint of each id: duplicates are looked for across streams). Cancelling stops it
 * within one 4 MiB chunk, even inside a stream of millions of events.
 */
export async function verifyStore(dir: string, options: VerifyOptions = {}): Promise<VerifyReport> {
  const info = await statIfPresent(dir)
  if (!info?.isDirectory()) throw new StoreError('not_found', `No such directory: ${dir}`)
  const listing = await listStreamFiles(dir).catch((error: NodeJS.ErrnoException) => {
    throw new StoreError('io_error', `Cannot read ${dir} (${error.code ?? 'error'})`)
  })
  const index = await readStoreIndex(dir)
  const findings: VerifyFinding[] = []
  // Sized from index.json's total, capped: a hostile total allocates address space, and only the pages
  // the real ids land on become resident.
  const seenIds = new SeenIds(Math.min(index.state === 'ok' ? (index.totalEvents ?? 0) : 0, 40_000_000))
  let events = 0
  let done = 0

  for (const name of listing.skippedLinks) {
    findings.push({
      ...storeProblem('symlink_skipped', linkMessage(name)),
      aggregateId: null,
      file: name,
    })
  }
  for (const name of listing.skippedOthers) {
    findings.push({ ...storeProblem('not_a_file', notAFileMessage(name)), aggregateId: null, file: name })
  }
  for (const name of await findLeftoverTemps(dir)) {
    findings.push({
      ...storeProblem('leftover_temp_file', leftoverTempMessage(name)),
      aggregateId: null,
      file: name,
    })
  }
  if (index.state === 'unreadable')
    findings.push({
      ...storeProblem('index_unreadable', index.reason),
      aggregateId: null,
      file: indexFileName,
    })

  for (const stream of listing.streams) {
    if (options.signal?.aborted) throw new TaskCancelled('Verification cancelled.')
    const file = basename(stream.file)
    const report = (problem: Problem): void =>
      void findings.push({ ...problem, aggregateId: stream.aggregateId, file })
    try {
      // The envelope checks run in the same pass, on each event as judged (judgeLine), at its line's
      // first byte: no second read of the stream, and one offset rule for every finding.
      // Reported after the stream's line problems, as before the checks shared its pass.
      const checked: Problem[] = []
      const checks = new EventChecks(stream.aggregateId, seenIds, (problem) => void checked.push(problem))
      const scan = await scanStream(
        stream.file,
        stream.aggregateId,
        { replay: false },
        {
          signal: options.signal,
          onEvent: (event, span, version, style) =>
            checks.check(
              { version, line: span.line, raw: event.text, envelope: readEnvelope(event.value, style) },
              span.lineOffset,
            ),
        },
      ).catch((error: unknown) => {
        if (options.signal?.aborted) throw new TaskCancelled('Verification cancelled.')
        throw error
      })
      for (const problem of scan.problems) report(problem)
      for (const problem of checked) report(problem)
      events += scan.eventCount
      if (index.state === 'ok') {
        for (const problem of compareWithIndex(
          stream.aggregateId,
          index.entries.get(stream.aggregateId),
          scan,
        )) {
          findings.push({ ...problem, aggregateId: stream.aggregateId, file: indexFileName })
        }
      }
    } catch (error) {
      if (error instanceof StoreError) throw error
      report(
        storeProblem(
          'unreadable_stream',
          `Cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
        ),
      )
    }
    options.onProgress?.(++done, listing.streams.length)
  }

  if (index.state === 'ok') {
    const present = new Set(listing.streams.map((stream) => stream.aggregateId))
    for (const id of index.entries.keys()) {
      if (!present.has(id)) findings.push({ ...missingStream(id), aggregateId: id, file: indexFileName })
    }
    const totals = compareTotals(index.totalEvents, events)
    if (totals) findings.push({ ...totals, aggregateId: null, file: indexFileName })
  }
  return {
    ok: !findings.some((finding) => finding.severity === 'error'),
    aggregates: listing.streams.length,
    events,
    problems: findings,
  }
}
