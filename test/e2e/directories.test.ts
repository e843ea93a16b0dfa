// Opening directories in the browser shell: the page opens the directory the host started on and the
// recent ones by the ids the host handed out, and a typed path only under the host's root.

import { mkdir, rename, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { indexBehindBytes } from '../../electron/core/store/store-opening'
import { jsonLines, writeStream } from '../support/store-files'
import { startExplorer, type Explorer } from './support/explorer-fixture'

let explorer: Explorer
let first: string
let second: string
/** The input of every store.open the page sent over its socket. */
const opens: Record<string, unknown>[] = []
/** The `firstRows` of each store.open the page sent. */
const firstRowsAsked: unknown[] = []
/** The ids of the page's events.types requests, and those answered. */
const typesAsked: number[] = []
const typesAnswered = new Set<number>()
/** The directory of each onStoreChanged the host pushed. */
const changedDirs: string[] = []

async function storeWith(dir: string, aggregates: number): Promise<string> {
  await mkdir(dir, { recursive: true })
  for (let i = 1; i <= aggregates; i++)
    await writeStream(dir, `a${i}`, jsonLines([{ event_type: 'Created', aggregate_id: `a${i}`, n: i }]))
  return dir
}

beforeAll(async () => {
  explorer = await startExplorer({
    store: async (workDir) => {
      second = await storeWith(join(workDir, 'second'), 2)
      first = await storeWith(join(workDir, 'first'), 1)
      return first
    },
  })
  const { page } = explorer
  // The first load's own store.open must be over before listening: on a busy machine its socket can
  // open after the listener is attached, and its open would be counted as the reloaded page's.
  await page
    .locator('.summary-line .fact')
    .filter({ hasText: /^\s*1\s+aggregates?\s*$/ })
    .waitFor({ timeout: 60_000 })
  page.on('websocket', (socket) => {
    socket.on('framesent', ({ payload }) => {
      const frame = JSON.parse(String(payload)) as {
        id?: number
        channel?: string
        input?: Record<string, unknown>
      }
      if (frame.channel === 'store.open' && frame.input) {
        // What names the store, apart from the table's first page asked with it.
        const { firstRows, ...target } = frame.input
        opens.push(target)
        firstRowsAsked.push(firstRows)
      }
      if (frame.channel === 'events.types' && frame.id !== undefined) typesAsked.push(frame.id)
    })
    socket.on('framereceived', ({ payload }) => {
      const frame = JSON.parse(String(payload)) as {
        id?: number
        event?: string
        payload?: { summary?: { dir?: string } }
      }
      if (frame.id !== undefined && typesAsked.includes(frame.id)) typesAnswered.add(frame.id)
      if (frame.event === 'onStoreChanged') changedDirs.push(frame.payload?.summary?.dir ?? '')
    })
  })
  // Load again so the listener sees the page's first requests.
  await page.reload()
})

afterAll(async () => {
  await explorer?.close()
})

const summary = () => explorer.page.locator('.summary-line').innerText()

describe('directories in the browser shell', () => {
  it('given the host started on a store, when the page loads, then it opens that store by the id the host gave it', async () => {
    await expect.poll(summary).toMatch(/\b1\s+aggregates?\b/)
    expect(opens).toEqual([{ directoryId: expect.stringMatching(/^[0-9a-f-]{36}$/) }])
    expect(await explorer.page.getByRole('button', { name: 'Browse…' }).count()).toBe(0)
  })

  it('given a second store typed in the path field, when opened, then it opens and both are in the recent menu', async () => {
    const { page } = explorer
    await page.getByLabel('Events directory').fill(second)
    await page.getByLabel('Events directory').press('Enter')

    await expect.poll(summary).toMatch(/\b2\s+aggregates\b/)
    expect(opens.at(-1)).toEqual({ dir: second })
    // The table's first page is asked with the opening (the slice's test: it is not asked again).
    expect(firstRowsAsked.at(-1)).toEqual({
      limit: 200,
      sort: { column: 'id', direction: 'asc' },
      filter: '',
    })
    await expect.poll(() => page.getByRole('grid', { name: 'Aggregates' }).getByRole('row').count()).toBe(3)
    const recent = page.getByLabel('Recent directories')
    await expect.poll(() => recent.locator('option').allInnerTexts()).toEqual(['Recent…', second, first])
  })

  it('given the first store in the recent menu, when chosen, then it opens by id, not by path', async () => {
    const { page } = explorer
    const recent = page.getByLabel('Recent directories')
    const id = await recent.locator('option', { hasText: first }).getAttribute('value')

    await recent.selectOption({ label: first })

    await expect.poll(summary).toMatch(/\b1\s+aggregates?\b/)
    expect(opens.at(-1)).toEqual({ directoryId: id })
    expect(id).toEqual(opens[0]?.directoryId)
  })

  it('given a typed path outside the root, when opened, then the refusal is shown and the open store stays', async () => {
    const { page } = explorer
    await page.getByLabel('Events directory').fill(tmpdir())
    await page.getByLabel('Events directory').press('Enter')

    await expect.poll(() => page.locator('.top-bar').innerText()).toMatch(/opens only directories under/)
    expect(await summary()).toMatch(/\b1\s+aggregates?\b/)
    expect(explorer.pageErrors).toEqual([])
  })

  it('given a store typed in the path field, when it opens and reconciles, then the page asks its event types once for the opening and once per change the host reports', async () => {
    const { page } = explorer
    const third = await storeWith(join(explorer.workDir, 'third'), 3)
    // The store open before is done asking: what is counted next is the new opening's.
    await expect.poll(summary).toMatch(/\breconciled\b/)
    await expect.poll(() => typesAsked.filter((id) => !typesAnswered.has(id)).length).toBe(0)
    const askedBefore = typesAsked.length
    const changedBefore = changedDirs.length

    await page.getByLabel('Events directory').fill(third)
    await page.getByLabel('Events directory').press('Enter')
    await expect.poll(summary).toMatch(/\b3\s+aggregates\b[\s\S]*\breconciled\b/)
    await expect.poll(() => typesAsked.filter((id) => !typesAnswered.has(id)).length).toBe(0)

    // A change of the open store is asked again (reading may find types the opening did not know).
    const changes = changedDirs.slice(changedBefore).filter((dir) => dir === third).length
    expect(typesAsked.length - askedBefore).toBe(1 + changes)
    expect(explorer.pageErrors).toEqual([])
  })

  it('given a store whose index.json is big, when opened, then its streams show and the index follows: its counts, its ghost entry, "index ok"', async () => {
    const { page } = explorer
    // Over the size read behind the first rows (store-opening.ts): the seed's shape, then white space.
    const dir = await storeWith(join(explorer.workDir, 'big-index'), 2)
    const aggregates = {
      a1: { event_count: 1, last_event_at: null },
      a2: { event_count: 7, last_event_at: null },
      ghost: { event_count: 4, last_event_at: null },
    }
    const json = JSON.stringify({ aggregates, total_events: 12 }, null, 2)
    await writeFile(join(dir, 'index.json'), json + ' '.repeat(indexBehindBytes))

    await page.getByLabel('Events directory').fill(dir)
    await page.getByLabel('Events directory').press('Enter')

    const grid = page.getByRole('grid', { name: 'Aggregates' })
    await expect.poll(summary).toMatch(/\bok\s+index\b/)
    await expect.poll(() => grid.getByRole('row').filter({ hasText: 'ghost' }).count()).toBe(1)
    // a2's stream holds one event where the index claims seven: judged against the index read behind.
    const a2 = grid.getByRole('row').filter({ hasText: 'a2' })
    await expect.poll(() => a2.innerText()).toMatch(/\b7\b/)
    await expect.poll(() => a2.innerText()).toMatch(/warning/)
    expect(explorer.pageErrors).toEqual([])
  })

  it('given the open store, when its folder is moved away and back, then a line under the header says so until it is back', async () => {
    const { page } = explorer
    const dir = join(explorer.workDir, 'big-index')
    const notice = page.getByRole('status').filter({ hasText: 'Following paused' })
    await rename(dir, `${dir}-moved`)
    await expect
      .poll(() => notice.innerText())
      .toBe(`Following paused: ${dir} is gone (moved or removed); watching for it to come back.`)
    await rename(`${dir}-moved`, dir)
    await expect.poll(() => notice.count()).toBe(0)
    expect(explorer.pageErrors).toEqual([])
  })
})
