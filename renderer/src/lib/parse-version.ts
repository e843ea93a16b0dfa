// A version typed by the user ("Go to version…"), read strictly: a typo is said so, never clamped.

import { formatCount } from './format'

/** The version in `text` (a whole number 0..eventCount), or the one sentence that says what is wrong. */
export function parseVersion(text: string, eventCount: number): number | string {
  const trimmed = text.trim()
  if (!/^\d+$/.test(trimmed)) return `Type a version from 0 to ${formatCount(eventCount)}.`
  const version = Number(trimmed)
  if (version > eventCount) return `This stream ends at version ${formatCount(eventCount)}.`
  return version
}
