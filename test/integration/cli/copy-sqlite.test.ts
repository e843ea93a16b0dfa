// `eventscope copy` into and out of a SQLite store in Emmett's layout, as a user runs it (whole
// processes): a directory goes into a SQLite file Emmett's own library made and back into a new
// directory, every payload's bytes as they were; a second run writes nothing; Emmett reads the
// copied events as its own. The destination is opened for writing; every other SQLite open stays
// read-only.

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appendWithEmmett, readWithEmmett } from '../../fixtures/emmett-sqlite-store'
import { requireBuiltCli, runCli } from './run-built-cli'
import { skipSqliteTests } from '../../support/sqlite-available'

const noSqlite = skipSqliteTests('this file')

let work: string

beforeAll(async () => {
  if (noSqlite !== null) return
  requireBuiltCli()
  work = await mkdtemp(join(tmpdir(), 'eventscope-copy-sqlite-'))
})

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true })
})

// Payloads a writer other than eventscope might have written: key order, number spellings, escapes
// and spacing that a re-serialization would change.
const lines = [
  '{"event_id": "e-1", "event_type": "CartOpened", "aggregate_id": "cart-1", "occurred_at": "2026-01-02T03:04:05.123456+00:00", "zeta": 1, "alpha": {"b": 2, "a": [1.0, 1E5, -0.0]}, "2": "two", "1": "one"}',
  '{"event_id": "e-2", "event_type": "ItemAdded", "aggregate_id": "cart-1", "occurred_at": "2026-01-02T03:04:06+00:00", "sku": "caf\\u00e9", "qty": 18446744073709551617, "path": "a\\/b"}',
]

async function initStore(name: string): Promise<string> {
  const dir = join(work, name)
  expect((await runCli(['init', dir])).code).toBe(0)
  return dir
}

/** A line's payload part: everything after the envelope's four fields, as written. */
function payloadPart(line: string): string {
  return line.slice(line.indexOf('"occurred_at"')).replace(/^"occurred_at": "[^"]*", /, '')
}

describe.skipIf(noSqlite !== null)('given a directory store and a SQLite store Emmett made', () => {
  it('when copied into SQLite and back, then every payload comes back byte for byte with its id, type and time, and a second run writes nothing', async () => {
    const source = await initStore('source')
    await writeFile(join(source, 'cart-1.events.jsonl'), `${lines.join('\n')}\n`)
    const file = join(work, 'shop.db')
    // Emmett's own schema, made by Emmett's first append (copy never creates a store).
    await appendWithEmmett(file, 'setup-1', [{ type: 'Created', data: {} }])

    const there = await runCli(['copy', source, `sqlite:${file}`, '--json'])
    expect(there.stderr).toBe('')
    expect(JSON.parse(there.stdout)).toEqual({
      streams: 1,
      copied: 2,
      already: 0,
      conflicts: [],
      renumbered: [],
    })
    const again = await runCli(['copy', source, file, '--json'])
    expect(JSON.parse(again.stdout)).toEqual({
      streams: 1,
      copied: 0,
      already: 2,
      conflicts: [],
      renumbered: [],
    })

    const read = await readWithEmmett(file, 'cart-1')
    expect(read.map((event) => [event.type, event.messageId, event.streamPosition])).toEqual([
      ['CartOpened', 'e-1', '1'],
      ['ItemAdded', 'e-2', '2'],
    ])

    const back = await initStore('back')
    const home = await runCli(['copy', `sqlite:${file}`, back, '--json'])
    expect(home.stderr).toBe('')
    expect(JSON.parse(home.stdout)).toMatchObject({ streams: 2, copied: 3 })
    const copied = (await readFile(join(back, 'cart-1.events.jsonl'), 'utf8')).trimEnd().split('\n')
    expect(copied.map(payloadPart)).toEqual(lines.map(payloadPart))
    expect(copied.map((line) => (JSON.parse(line) as { occurred_at: string }).occurred_at)).toEqual([
      '2026-01-02T03:04:05.123456+00:00',
      '2026-01-02T03:04:06+00:00',
    ])
  })
})
