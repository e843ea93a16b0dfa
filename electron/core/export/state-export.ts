// The rebuilt state of one aggregate at one version, saved as a JSON document.

import { stringifyExact } from '../json/big-integers'
import type { ExactJson } from '../json/json-value'
import type { ExportResult } from './run-export'
import { assertFreeTarget, FileSink } from './file-sink'

/** Write `{aggregate_id, version, state}` to `out` (temp file, then rename); big integers with every digit. */
export async function writeStateExport(
  out: string,
  document: { aggregateId: string; version: number; state: ExactJson },
): Promise<ExportResult> {
  await assertFreeTarget(out, 'file')
  const sink = await FileSink.forTarget(out)
  try {
    // Field names as the events export and the CSV name them: snake_case, like the seed's envelope.
    const { aggregateId, version, state } = document
    await sink.write(`${stringifyExact({ aggregate_id: aggregateId, version, state }, 2)}\n`)
    await sink.commit(out)
  } catch (error) {
    await sink.discard()
    throw error
  }
  return { out, format: 'json', streams: 1, events: document.version, skippedLines: 0, bytes: sink.bytes }
}
