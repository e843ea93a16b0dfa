// The payload of an event line as text, as it stands in the line: its keys in their written order and
// its numbers as their literals (`1.0`, `1E5`, 2^64), re-indented for editing. What the Append form's
// template shows, so appending it untouched writes the same data back. Read from the line's text
// (json-members.ts), never from a parsed value, which would have lost both. Pure.

import type { EnvelopeStyle } from '../../../shared/contract'
import { reindentJson } from '../../../shared/reindent-json'
import { objectMembers } from '../json/json-members'
import { envelopeFields } from './envelope'

/**
 * The payload's text in `raw` (one event line) for the stream's `style`, indented by 2 spaces: the
 * `data`/`payload` member of a nested line, or the members that are no envelope field of a flat one
 * (envelope.ts's list, as the replay reads it). Null when the line holds no payload object there.
 */
export function payloadTextOf(raw: string, style: EnvelopeStyle): string | null {
  const source = payloadSourceOf(raw, style)
  return source === null ? null : reindentJson(source)
}

/**
 * The same payload text as it stands in the line (its spacing included): a JSON export writes it
 * compacted, so key order (integer-like keys included) and number literals reach the file as written.
 * O(line).
 */
export function payloadSourceOf(raw: string, style: EnvelopeStyle): string | null {
  const open = raw.search(/\S/)
  if (open < 0 || raw[open] !== '{') return null
  const { members } = objectMembers(raw, open)
  if (style.payload !== 'flat') {
    // JSON.parse keeps the last of repeated keys; so does the payload this text stands for.
    const member = members.findLast((m) => m.key === style.payload)
    if (!member || raw[member.valueStart] !== '{') return null
    return raw.slice(member.valueStart, member.valueEnd)
  }
  const fields = members
    .filter((m) => !envelopeFields.has(m.key))
    .map((m) => raw.slice(m.keyStart, m.valueEnd))
  return `{${fields.join(',')}}`
}
