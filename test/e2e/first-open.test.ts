// The first store a page opens: its grid is laid out as soon as the path is submitted, while the host
// is still answering, and the rows come into that same grid; an opening that fails puts the hint back.
// The page's store.open frames are held in the page (an init script) until the test lets them go, so
// the state while opening is looked at for as long as needed, whatever the machine's speed.

import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { jsonLines, writeStream } from '../support/store-files'
import { startExplorer, type Explorer } from './support/explorer-fixture'

let explorer: Explorer

/** store.open frames held back in the page, and how to send them (set by the init script below). */
interface HeldOpens {
  count: () => number
  release: () => void
}

beforeAll(async () => {
  explorer = await startExplorer({
    beforeLoad: async (page) => {
      await page.addInitScript(() => {
        const send = WebSocket.prototype.send
        const held: (() => void)[] = []
        WebSocket.prototype.send = function (data) {
          if (typeof data === 'string' && data.includes('"store.open"')) {
            held.push(() => send.call(this, data))
            return
          }
          send.call(this, data)
        }
        const opens: HeldOpens = {
          count: () => held.length,
          release: () => held.splice(0).forEach((sendHeld) => sendHeld()),
        }
        ;(globalThis as { __heldOpens?: HeldOpens }).__heldOpens = opens
      })
    },
  })
}, 120_000)
afterAll(async () => {
  await explorer?.close()
})

const grid = () => explorer.page.getByRole('grid', { name: 'Aggregates' })
// Functions the page runs: they name the page's global themselves (nothing of this module is there).
const heldOpens = () =>
  explorer.page.evaluate(() => (globalThis as { __heldOpens?: HeldOpens }).__heldOpens?.count() ?? 0)
const releaseOpens = () =>
  explorer.page.evaluate(() => (globalThis as { __heldOpens?: HeldOpens }).__heldOpens?.release())

async function submitPath(path: string): Promise<void> {
  const field = explorer.page.getByLabel('Events directory')
  await field.fill(path)
  await field.press('Enter')
  await expect.poll(heldOpens).toBe(1)
}

describe('the first store a page opens', () => {
  it('given a missing folder typed first, when its opening fails, then the grid goes and the hint is back', async () => {
    const { page } = explorer
    await page.getByText('No events directory open').waitFor()

    await submitPath(join(explorer.workDir, 'missing'))
    await grid().waitFor()
    await releaseOpens()

    await expect.poll(() => page.locator('.top-bar').innerText()).toMatch(/No such directory/)
    await page.getByText('No events directory open').waitFor()
    expect(await grid().count()).toBe(0)
  })

  it('given a store typed, while the host has not answered, then the grid and its header show with "Opening…", and its rows come into that grid', async () => {
    const { page } = explorer
    const dir = join(explorer.workDir, 'store')
    await mkdir(dir)
    for (const id of ['a1', 'a2', 'a3'])
      await writeStream(dir, id, jsonLines([{ event_type: 'Created', aggregate_id: id }]))

    await submitPath(dir)

    await grid()
      .getByRole('columnheader', { name: /Aggregate/ })
      .waitFor()
    expect(await page.locator('.agg-placeholder').getByRole('status').innerText()).toBe('Opening…')
    expect(await grid().getByRole('row').count()).toBe(1)
    expect(await page.locator('.summary-line').innerText()).toBe(`Opening ${dir}…`)
    await explorer.screenshot('first-open-opening')
    const laidOut = await grid().elementHandle()

    await releaseOpens()

    await expect.poll(() => grid().getByRole('row').count()).toBe(4)
    expect(await page.locator('.agg-placeholder').count()).toBe(0)
    expect(await laidOut?.evaluate((element) => element.isConnected)).toBe(true)
    expect(await grid().getByRole('row').nth(1).innerText()).toMatch(/^a1\b/)
    expect(explorer.pageErrors).toEqual([])
  })
})
