// What the open store cannot do, and why, in one line: the page hides or disables a control by it and
// shows the reason (a database has no files to verify, a read-only layout takes no append).
//
// The host says what its store can do in the summary's `source` (electron/core/session/
// store-capabilities.ts); the page only reads it, so the reason shown is the host's own words.

import type { StoreCapabilityName, StoreSummary } from '../../../shared/contract'

/** Why the open store cannot do `name`, or null when it can (or nothing is open yet). */
export function lackOf(summary: StoreSummary | null, name: StoreCapabilityName): string | null {
  const capability = summary?.source?.capabilities[name]
  if (capability === undefined || capability.available) return null
  return capability.reason ?? 'The open store cannot do this.'
}
