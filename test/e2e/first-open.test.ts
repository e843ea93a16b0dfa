// The first store a page opens: while the host is still answering, the line under the path says which
// directory is being opened (not "No store open"); an opening that fails puts the hint back. The
// page's store.open frames are held in the page (an init script) until the test lets them go, so the
// state while opening is looked at for as long as needed, whatever the machine's speed.

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
  it('given a missing folder typed first, while it opens, then the line says so; when it fails, the hint is back', async () => {
    const { page } = explorer
    const missing = join(explorer.workDir, 'missing')
    await page.getByText('No events directory open').waitFor()

    await submitPath(missing)
    expect(await page.locator('.summary-line').innerText()).toBe(`Opening ${missing}…`)
    await releaseOpens()

    await expect.poll(() => page.locator('.top-bar').innerText()).toMatch(/No such directory/)
    await page.getByText('No events directory open').waitFor()
    expect(await page.locator('.summary-line').innerText()).toMatch(/^No store open\./)
  })

  it('given a store typed, while the host has not answered, then the line names it, and its rows come with the answer', async () => {
    const { page } = explorer
    const dir = join(explorer.workDir, 'store')
    await mkdir(dir)
    for (const id of ['a1', 'a2', 'a3'])
      await writeStream(dir, id, jsonLines([{ event_type: 'Created', aggregate_id: id }]))

    await submitPath(dir)
    expect(await page.locator('.summary-line').innerText()).toBe(`Opening ${dir}…`)
    await explorer.screenshot('first-open-opening')

    await releaseOpens()

    await expect.poll(() => grid().getByRole('row').count()).toBe(4)
    expect(await grid().getByRole('row').nth(1).innerText()).toMatch(/^a1\b/)
    expect(await page.locator('.summary-line').innerText()).toMatch(/\b3\s+aggregates\b/)
    expect(explorer.pageErrors).toEqual([])
  })
})
