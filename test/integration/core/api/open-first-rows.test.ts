// store.open answers the page's first rows with the opening when asked (`firstRows`): the same rows
// aggregates.window gives for that query, in one round trip instead of two. Asked badly, the opening
// is refused by the contract like any other input.

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ExplorerSession } from '../../../../electron/core/session/explorer-session'
import { testDispatch } from '../../../support/test-dispatch'

let work: string
let session: ExplorerSession

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'eventscope-first-rows-'))
  session = new ExplorerSession({})
})
afterEach(async () => {
  session.close()
  await rm(work, { recursive: true, force: true })
})

async function storeOf(streams: Record<string, number>): Promise<string> {
  const dir = join(work, 'store')
  await mkdir(dir)
  for (const [id, count] of Object.entries(streams)) {
    const lines = Array.from({ length: count }, (_, n) =>
      JSON.stringify({ event_type: `T${id}`, aggregate_id: id, n }),
    )
    await writeFile(join(dir, `${id}.events.jsonl`), `${lines.join('\n')}\n`)
  }
  return dir
}

describe('store.open with the first rows', () => {
  it('given firstRows, when a store opens, then the answer holds the rows aggregates.window gives for that query', async () => {
    const dispatch = testDispatch(session)
    const dir = await storeOf({ b: 2, a: 5, c: 1 })
    const query = { limit: 2, sort: { column: 'eventCount', direction: 'desc' }, filter: '' } as const

    const answer = await dispatch('store.open', { dir, firstRows: query })

    expect(answer.ok).toBe(true)
    const opened = answer.ok
      ? (answer.value as { firstRows?: { total: number; rows: { id: string }[] } })
      : null
    const window = await dispatch('aggregates.window', { offset: 0, ...query })
    expect(window.ok).toBe(true)
    expect(opened?.firstRows).toEqual(window.ok ? window.value : null)
    expect(opened?.firstRows?.total).toBe(3)
    expect(opened?.firstRows?.rows).toHaveLength(2)
  })

  it('given no firstRows, when a store opens, then the answer has none', async () => {
    const dispatch = testDispatch(session)
    const answer = await dispatch('store.open', { dir: await storeOf({ a: 1 }) })
    expect(answer.ok).toBe(true)
    expect(answer.ok ? Object.keys(answer.value as object) : []).not.toContain('firstRows')
  })

  it.each([
    ['a limit over 1,000', { limit: 5000, sort: { column: 'id', direction: 'asc' }, filter: '' }],
    ['an unknown column', { limit: 10, sort: { column: 'size', direction: 'asc' }, filter: '' }],
    ['an extra field', { limit: 10, sort: { column: 'id', direction: 'asc' }, filter: '', offset: 5 }],
  ])(
    'given firstRows with %s, when sent, then the opening is refused as invalid input',
    async (_, firstRows) => {
      const dispatch = testDispatch(session)
      const answer = await dispatch('store.open', { dir: await storeOf({ a: 1 }), firstRows } as never)
      expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    },
  )
})
