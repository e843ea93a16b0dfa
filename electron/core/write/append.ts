// Appending one event: validated before anything is touched, then under the store lock the expected
// version is checked, the line written and fsync'd, and only then index.json replaced. A batch of one
// (append-batch.ts), so a long-lived process reuses the cached index and stream state: O(1) reads and
// one splice of the index text per append, plus writing the index file whole (the seed's format).

import { appendEvents } from './append-batch'
import { checkRequest, type AppendRequest, type AppendResult } from './append-request'

export type { AppendRequest, AppendResult, BatchRequest } from './append-request'
export { appendEvents, type BatchResult } from './append-batch'

/** Append one event to a store. Throws StoreError with a one-line message; on refusal nothing is written. */
export async function appendEvent(request: AppendRequest): Promise<AppendResult> {
  checkRequest(request)
  const { dir, ...event } = request
  const { results, refused } = await appendEvents(dir, [event])
  if (refused) throw refused.error
  return results[0] as AppendResult
}
