// Places you can link to, in Chromium on the browser shell: a link copied in one tab opens the same
// place in a new tab, and a link to a store that changed since says it is stale and offers the
// nearest match instead of showing another event.

import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { jsonLines, writeIndex, writeStream } from '../support/store-files'
import { repoRoot, startExplorer, type Explorer } from './support/explorer-fixture'

let explorer: Explorer
let shop: string

/** Events e1..eN of order-1, each with its own id and a count of its own. */
function orderEvents(ids: readonly number[]) {
  return ids.map((n) => ({
    event_id: `evt-${n}`,
    event_type: n === 1 ? 'OrderPlaced' : 'ItemAdded',
    aggregate_id: 'order-1',
    occurred_at: `2026-01-0${n}T10:00:00`,
    count: n,
  }))
}

async function writeShop(dir: string, ids: readonly number[]): Promise<void> {
  await writeStream(dir, 'order-1', jsonLines(orderEvents(ids)))
  await writeStream(
    dir,
    'order-2',
    jsonLines([{ event_id: 'x-1', event_type: 'OrderPlaced', aggregate_id: 'order-2' }]),
  )
  await writeIndex(dir, {
    'order-1': { event_count: ids.length, last_event_at: null },
    'order-2': { event_count: 1, last_event_at: null },
  })
}

beforeAll(async () => {
  explorer = await startExplorer({
    store: async (workDir) => {
      // A second store beside it, so the link must name which one it is about.
      await mkdir(join(workDir, 'other'))
      await writeShop(join(workDir, 'other'), [1])
      shop = join(workDir, 'shop')
      await mkdir(shop)
      await writeShop(shop, [1, 2, 3, 4, 5])
      return shop
    },
  })
  await explorer.page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
})

afterAll(async () => {
  await explorer?.close()
})

const slider = (page: Page) => page.getByRole('slider', { name: 'Version' })
const eventPane = (page: Page) => page.getByRole('region', { name: 'Event' })

type Located = { location: { hash: string } }
type Clipboarded = { navigator: { clipboard: { readText(): Promise<string> } } }

/** Set the page's address hash, as a user editing the address bar does. */
async function goToHash(page: Page, hash: string): Promise<void> {
  await page.evaluate((wanted) => {
    ;(globalThis as unknown as Located).location.hash = wanted
  }, hash)
}

/** The link "Copy link" put on the clipboard. */
async function copiedLink(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Copy link' }).click()
  await page.getByRole('button', { name: 'Link copied' }).waitFor({ timeout: 30_000 })
  return page.evaluate(() => (globalThis as unknown as Clipboarded).navigator.clipboard.readText())
}

describe('links in the browser shell', () => {
  let link = ''

  it('given an aggregate at version 3, when Copy link is clicked, then the link names the store under the root, the place and its event, and no token', async () => {
    const { page } = explorer
    await page
      .getByRole('grid', { name: 'Aggregates' })
      .getByRole('row')
      .filter({ hasText: 'order-1' })
      .click()
    await expect.poll(() => slider(page).getAttribute('max'), { timeout: 30_000 }).toBe('5')
    await slider(page).focus()
    await page.keyboard.press('ArrowLeft')
    await page.keyboard.press('ArrowLeft')
    await expect.poll(() => slider(page).inputValue()).toBe('3')
    await expect.poll(() => eventPane(page).innerText(), { timeout: 30_000 }).toContain('evt-3')

    link = await copiedLink(page)

    const url = new URL(link)
    expect(url.search).toBe('')
    expect(url.hash).toBe('#/store/shop/aggregate/order-1/at/3?event=evt-3')
    // The address bar follows the place as well (written a moment after the last move).
    await expect
      .poll(() => page.evaluate(() => (globalThis as unknown as Located).location.hash))
      .toBe(url.hash)
  })

  it('given that link, when opened in a new tab, then the same store, aggregate, version and event are shown', async () => {
    const tab = await explorer.page.context().newPage()
    try {
      await tab.goto(link)
      await expect.poll(() => slider(tab).inputValue(), { timeout: 30_000 }).toBe('3')
      await expect.poll(() => eventPane(tab).innerText(), { timeout: 30_000 }).toContain('evt-3')
      expect(await tab.locator('.summary-line').innerText()).toContain(shop)
      expect(await tab.getByRole('alert').count()).toBe(0)
    } finally {
      await tab.close()
    }
  })

  it('given the store changed since (its first event gone), when the link is opened, then it says stale and offers the version its event is at now', async () => {
    await writeShop(shop, [2, 3, 4, 5])
    const tab = await explorer.page.context().newPage()
    try {
      await tab.goto(link)
      const banner = tab.locator('.stale-link')
      await expect
        .poll(() => banner.innerText(), { timeout: 30_000 })
        .toMatch(/stale: version 3 of order-1 was event evt-3 .*now event evt-4.*now version 2/)
      await tab.screenshot({ path: join(repoRoot, 'test-results/e2e/links-stale.png') })
      // Never silently at version 3 (now another event): the aggregate shows at its latest, as chosen.
      await expect.poll(() => slider(tab).inputValue(), { timeout: 30_000 }).toBe('4')

      await banner.getByRole('button', { name: 'Go to version 2' }).click()

      await expect.poll(() => slider(tab).inputValue()).toBe('2')
      await expect.poll(() => eventPane(tab).innerText(), { timeout: 30_000 }).toContain('evt-3')
      expect(await banner.count()).toBe(0)
    } finally {
      await tab.close()
    }
  })

  it('given a link whose event is gone from the store, when opened, then it says so and offers the version as it is now', async () => {
    await writeShop(shop, [1, 2, 4, 5])
    const tab = await explorer.page.context().newPage()
    try {
      await tab.goto(link)
      const banner = tab.locator('.stale-link')
      await expect
        .poll(() => banner.innerText(), { timeout: 30_000 })
        .toMatch(/evt-3 .*now event evt-4.*no longer in the stream/)
      expect(await banner.getByRole('button', { name: /^Go to version/ }).count()).toBe(0)
      await banner.getByRole('button', { name: 'Show version 3 as it is now' }).click()
      await expect.poll(() => slider(tab).inputValue()).toBe('3')
    } finally {
      await tab.close()
    }
  })

  it('given the printed URL with a place and no store (`open DIR --aggregate ID --at N`), when opened, then the store it was started on opens there', async () => {
    const tab = await explorer.page.context().newPage()
    try {
      await tab.goto(`${explorer.host.url}#/aggregate/order-2/at/0`)
      await expect.poll(() => slider(tab).getAttribute('max'), { timeout: 30_000 }).toBe('1')
      await expect.poll(() => slider(tab).inputValue()).toBe('0')
      expect(await tab.locator('.summary-line').innerText()).toContain(shop)
    } finally {
      await tab.close()
    }
  })

  it('given a hand-edited address naming another store and version, when entered, then that place opens in the same tab', async () => {
    const { page } = explorer
    await goToHash(page, '#/store/other/aggregate/order-1/at/1')
    await expect.poll(() => page.locator('.summary-line').innerText(), { timeout: 30_000 }).toContain('other')
    await expect.poll(() => slider(page).inputValue(), { timeout: 30_000 }).toBe('1')
    await expect.poll(() => slider(page).getAttribute('max')).toBe('1')
  })

  it('given a link outside the served folders or not a link at all, when entered, then one line says why and nothing else opens', async () => {
    const { page } = explorer
    await goToHash(page, '#/store/..%2F..%2Fetc')
    await expect
      .poll(() => page.getByRole('alert').allInnerTexts(), { timeout: 30_000 })
      .toContainEqual(expect.stringContaining('No directory "../../etc" under the folders served.'))
    await goToHash(page, '#/aggregate/order-1/when/3')
    await expect
      .poll(() => page.getByRole('alert').allInnerTexts(), { timeout: 30_000 })
      .toContainEqual(expect.stringContaining('"when" is not a part of a place'))
    expect(await page.locator('.summary-line').innerText()).toContain('other')
    expect(explorer.pageErrors).toEqual([])
  })
})
