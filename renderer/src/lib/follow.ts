// Where the slider goes when the open stream changes on disk, or after the user appended to it.

/**
 * The version to show once a changed stream has been re-opened with `eventCount` events.
 *
 * A version the user just appended wins once the stream holds it. Otherwise following moves to the
 * newest event, and not following keeps the user's position (clamped, should the file have shrunk): the
 * slider's range and the timeline grow underneath it.
 */
export function versionAfterChange(input: {
  readonly follow: boolean
  readonly at: number
  readonly eventCount: number
  readonly appended: number | null
}): number {
  const { follow, at, eventCount, appended } = input
  if (appended !== null && appended <= eventCount) return appended
  if (follow) return eventCount
  return Math.max(0, Math.min(at, eventCount))
}
