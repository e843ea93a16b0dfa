// The floors the speed issue's targets are measured against, each a whole Node process as a user
// would write it (no eventscope code), run by issue13.mjs:
//   node floors.mjs parse-all DIR     every stream file read and every line JSON.parsed, one thread
//   node floors.mjs parse-index DIR   index.json read and JSON.parsed
//   node floors.mjs state FILE        readFileSync, split, JSON.parse and a merge patch of each payload

import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const envelope = new Set(['event_id', 'event_type', 'aggregate_id', 'occurred_at'])

/** RFC 7386: null deletes, an object merges into an object, anything else replaces. */
function merge(target, patch) {
  for (const key of Object.keys(patch)) {
    const value = patch[key]
    if (value === null) delete target[key]
    else if (typeof value === 'object' && !Array.isArray(value)) {
      const inner = target[key]
      const base = typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? inner : {}
      target[key] = merge(base, value)
    } else target[key] = value
  }
  return target
}

const [what, path] = process.argv.slice(2)
if (what === 'parse-all') {
  let parsed = 0
  for (const name of readdirSync(path).filter((n) => n.endsWith('.events.jsonl')))
    for (const line of readFileSync(join(path, name), 'utf8').split('\n'))
      if (line) parsed += JSON.parse(line) ? 1 : 0
  console.log(parsed)
} else if (what === 'parse-index') {
  console.log(Object.keys(JSON.parse(readFileSync(join(path, 'index.json'), 'utf8')).aggregates ?? {}).length)
} else if (what === 'state') {
  let state = {}
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line) continue
    const event = JSON.parse(line)
    for (const key of envelope) delete event[key]
    state = merge(state, event)
  }
  console.log(Object.keys(state).length)
} else {
  console.error('usage: node floors.mjs parse-all DIR | parse-index DIR | state FILE')
  process.exit(2)
}
