// The explorer on a PostgreSQL store in Emmett's layout, end to end in the browser shell: a real
// server this file starts (test/support/postgres-server.ts), data written by Emmett's own library, the
// address typed into the path field. Open, filter, scrub, append, follow (an event Emmett appends
// appears), search and export as on a directory; verify, repair and reindex say they do not apply.
// The password never reaches the page or the recent file.

import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { longLength, longStream, writeEmmettStore } from '../fixtures/emmett-postgres-store'
import {
  postgresSkipReason,
  postgresTestPassword,
  startPostgres,
  type PostgresServer,
} from '../support/postgres-server'
import { startExplorer, type Explorer } from './support/explorer-fixture'

const noPostgres = postgresSkipReason()
if (noPostgres !== null) console.log(`Skipping the PostgreSQL E2E tests of this file: ${noPostgres}`)

let server: PostgresServer
let url: string
let explorer: Explorer

beforeAll(async () => {
  if (noPostgres !== null) return
  server = await startPostgres()
  url = await server.createDatabase('shop')
  await writeEmmettStore(url)
  // A row whose payload is no object, as a hand edit or another writer leaves one (Emmett never does),
  // and an archived row: a version the stream counts without a row to read.
  await server.sql(
    'shop',
    `UPDATE emt_messages SET message_data = '[1, 2]'::jsonb WHERE stream_id = '${longStream}' AND stream_position = 3;
     UPDATE emt_messages SET is_archived = true WHERE stream_id = '${longStream}' AND stream_position = 5`,
  )
  explorer = await startExplorer()
}, 180_000)

afterAll(async () => {
  await explorer?.close()
  await server?.stop()
})

const grid = () => explorer.page.getByRole('grid', { name: 'Aggregates' })
const slider = () => explorer.page.getByRole('slider', { name: 'Version' })
const shown = () => url.replace(`:${postgresTestPassword}@`, '@')

describe.skipIf(noPostgres !== null)('a PostgreSQL store in the browser shell', () => {
  it('given an address with a password typed into the path field, when opened, then the streams are listed and the page shows it without the password', async () => {
    const { page } = explorer
    await page.getByLabel('Events directory').fill(url)
    await page.getByLabel('Events directory').press('Enter')
    await grid().getByRole('row').filter({ hasText: 'shoppingCart-1' }).waitFor()
    await expect.poll(() => grid().getByRole('row').filter({ hasText: 'account-7' }).count()).toBe(1)
    await expect.poll(() => page.getByLabel('Events directory').inputValue()).toBe(shown())
    // Nowhere in the page: not the field, not the recent list, not a title.
    expect(await page.content()).not.toContain(postgresTestPassword)
    const recent = await readFile(join(explorer.workDir, 'recent.json'), 'utf8')
    expect(recent).toContain(shown())
    expect(recent).not.toContain(postgresTestPassword)
    // The header names the kind of store and the layout found from its tables.
    await expect.poll(() => page.locator('.summary-line').innerText()).toContain('PostgreSQL')
    await expect.poll(() => page.locator('.summary-line').innerText()).toContain('Emmett layout')
    await explorer.screenshot('db-01-opened')
  })

  it('given the aggregates filter, when typed, then only matching streams stay', async () => {
    const { page } = explorer
    await page.getByLabel('Filter aggregates').fill('cart')
    await expect.poll(() => grid().getByRole('row').filter({ hasText: 'account-7' }).count()).toBe(0)
    await expect.poll(() => grid().getByRole('row').filter({ hasText: 'shoppingCart-1' }).count()).toBe(1)
  })

  it('given a stream, when chosen and the slider moved, then the state is rebuilt at that version', async () => {
    const { page } = explorer
    await grid().getByRole('row').filter({ hasText: 'shoppingCart-1' }).click()
    await page.locator('input[aria-label="Version"][max="4"]').waitFor()
    await slider().focus()
    await page.keyboard.press('Home')
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => slider().inputValue()).toBe('1')
    const state = page.getByRole('region', { name: 'State' })
    await expect.poll(() => state.innerText()).toContain('shoes')
    await expect.poll(() => state.innerText()).not.toContain('socks')
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => state.innerText()).toContain('socks')
    await explorer.screenshot('db-02-scrubbed')
  })

  it('given the Append form, when an event is appended, then Emmett reads it back in the stream', async () => {
    const { page } = explorer
    await page.getByRole('tab', { name: 'Append' }).click()
    const form = page.getByRole('form', { name: 'Append event' })
    await form.getByLabel('Event type').fill('ProductItemRemoved')
    await form.getByLabel('Payload').fill('{"productId": "socks"}')
    await form.getByLabel('Expected version').fill('4')
    await form.getByRole('button', { name: 'Append' }).click()
    await expect
      .poll(() => form.getByRole('status').innerText())
      .toContain('Appended ProductItemRemoved as version 5')
    const store = getPostgreSQLEventStore(url)
    try {
      const read = await store.readStream('shoppingCart-1')
      expect(read.events.map((event) => event.type)).toEqual([
        'ProductItemAdded',
        'ProductItemAdded',
        'DiscountApplied',
        'ShoppingCartConfirmed',
        'ProductItemRemoved',
      ])
      expect(read.events.at(-1)?.data).toEqual({ productId: 'socks' })
    } finally {
      await store.close()
    }
    await expect.poll(() => slider().getAttribute('max')).toBe('5')
  })

  it('given the page open, when Emmett appends to the stream, then the new event appears and Follow moves to it', async () => {
    const { page } = explorer
    await page.getByRole('checkbox', { name: 'Follow' }).check()
    const store = getPostgreSQLEventStore(url)
    try {
      await store.appendToStream(
        'shoppingCart-1',
        [{ type: 'ShoppingCartNoted', data: { note: 'by Emmett' } }],
        {
          expectedStreamVersion: 5n,
        },
      )
    } finally {
      await store.close()
    }
    await expect.poll(() => slider().getAttribute('max')).toBe('6')
    await expect.poll(() => slider().inputValue()).toBe('6')
    await page.getByRole('tab', { name: 'Inspect' }).click()
    await expect.poll(() => page.getByRole('region', { name: 'State' }).innerText()).toContain('by Emmett')
    await page.getByRole('checkbox', { name: 'Follow' }).uncheck()
    await explorer.screenshot('db-03-followed')
  })

  it('given the Search tab, when searching by a payload field, then the match opens its stream at that version', async () => {
    const { page } = explorer
    await page.getByLabel('Filter aggregates').fill('')
    await page.getByRole('tab', { name: 'Search' }).click()
    const panel = page.getByRole('tabpanel', { name: 'Search' })
    await panel.getByLabel('Where').fill('payload.balance == 150')
    await panel.getByRole('button', { name: 'Search', exact: true }).click()
    const results = panel.getByRole('list', { name: 'Search results' })
    await expect.poll(() => results.getByRole('button').count()).toBe(1)
    await results.getByRole('button').first().click()
    await expect.poll(() => grid().getByRole('row', { selected: true }).innerText()).toContain('account-7')
    await expect.poll(() => slider().inputValue()).toBe('2')
    await explorer.screenshot('db-04-search')
  })

  it('given the selected stream, when exported as JSONL, then the download holds its events in order', async () => {
    const { page } = explorer
    await page.getByRole('button', { name: 'Export…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Export events' })
    await dialog.getByLabel('Format').selectOption('jsonl')
    await dialog.getByRole('radio', { name: /Selected aggregate/ }).check()
    const download = page.waitForEvent('download')
    await dialog.getByRole('button', { name: 'Export', exact: true }).click()
    const file = join(explorer.workDir, 'export.jsonl')
    await (await download).saveAs(file)
    const lines = (await readFile(file, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(lines).toHaveLength(2)
    expect(JSON.stringify(lines)).toContain('AccountOpened')
    expect(JSON.stringify(lines.at(-1))).toContain('150')
    await page.keyboard.press('Escape')
  })

  it('given a row whose payload is no object, when its stream is shown, then its timeline row and the Event pane say so', async () => {
    const { page } = explorer
    await page.getByLabel('Filter aggregates').fill('')
    await grid().getByRole('row').filter({ hasText: longStream }).click()
    const timeline = page.getByRole('grid', { name: 'Timeline' })
    await page.locator(`input[aria-label="Version"][max="${longLength}"]`).waitFor()
    // To version 3: the timeline opens at the latest and draws only the rows in view.
    await slider().focus()
    await page.keyboard.press('Home')
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight')
    await expect.poll(() => slider().inputValue()).toBe('3')
    const damaged = timeline.locator('.tl-row.event.damaged')
    await expect.poll(() => damaged.count()).toBe(1)
    const why = 'data is an array, not an object: its payload is read as empty'
    expect(await damaged.getAttribute('aria-rowindex')).toBe('3')
    expect(await damaged.innerText()).toContain('3')
    await expect.poll(() => damaged.getAttribute('title')).toContain(why)
    await damaged.click()
    const event = page.getByRole('region', { name: 'Event' })
    await expect.poll(() => event.getByRole('note').innerText()).toBe(why)
    await expect.poll(() => page.getByLabel('Payload as stored').innerText()).toBe('[1, 2]')
    await explorer.screenshot('db-05-damaged-row')
    // The other rows are events as ever.
    expect(await timeline.locator('.tl-row.event').count()).toBeGreaterThan(10)
  })

  it('given an archived row, when its stream is shown, then its version keeps its place as a gap, and the Event pane says why it has no event', async () => {
    const { page } = explorer
    const timeline = page.getByRole('grid', { name: 'Timeline' })
    await page.locator(`input[aria-label="Version"][max="${longLength}"]`).waitFor()
    const gap = timeline.locator('.tl-row.gap')
    await expect.poll(() => gap.count()).toBe(1)
    expect(await gap.getAttribute('aria-rowindex')).toBe('5')
    expect(await gap.innerText()).toMatch(/^5\s+no row\s+the store holds no row for it/)
    // The versions around it are their own events: none moved up into its place.
    expect(await timeline.locator('.tl-row[aria-rowindex="6"] .tl-version').innerText()).toBe('6')
    await gap.click()
    await expect.poll(() => slider().inputValue()).toBe('5')
    const event = page.getByRole('region', { name: 'Event' })
    await expect.poll(() => event.innerText()).toContain('Version 5 has no row')
    await expect.poll(() => event.innerText()).toContain('The store holds no row for it')
    await expect
      .poll(() => page.locator('.version-event').innerText())
      .toContain('No row: the store holds no row')
    // The state is the one before it, changed by nothing, and said so.
    await expect
      .poll(() => page.getByRole('region', { name: 'Changes' }).innerText())
      .toContain('No row at this version: the state is the one before it.')
    // The Event pane in view for the screenshot: what a user reads at that version.
    await event.scrollIntoViewIfNeeded()
    await explorer.screenshot('db-06-archived-row')
  })

  it('given the Problems panel, when opened, then the badge claims nothing, and verify, reindex and repair are disabled and say why', async () => {
    const { page } = explorer
    const badge = page.getByRole('button', { name: 'Store health' })
    // A database's rows are read as shown, never all: nothing was checked to call it OK.
    await expect.poll(() => badge.innerText()).toContain('Not checked')
    await badge.click()
    const panel = page.getByRole('dialog', { name: 'Problems' })
    for (const name of ['Verify now', 'Reindex…', 'Repair…']) {
      const button = panel.getByRole('button', { name })
      expect(await button.isDisabled()).toBe(true)
      expect(await button.getAttribute('title')).toMatch(/PostgreSQL/)
    }
    await expect
      .poll(() => panel.innerText())
      .toMatch(/Verify, Reindex and Repair do not apply to this store: A PostgreSQL store has no files/)
    // Said once, and no "No problems found": nothing was checked.
    const text = await panel.innerText()
    expect(text.split("a database's rows are read as they are shown")).toHaveLength(2)
    expect(text).not.toContain('No problems found')
    await explorer.screenshot('db-06-verify-does-not-apply')
    expect(explorer.pageErrors).toEqual([])
  })

  it('given the page open, when the server stops, then one line says following paused, and it goes when the server is back', async () => {
    const { page } = explorer
    const notice = page.getByRole('status').filter({ hasText: 'Following paused' })
    await server.pause()
    try {
      await notice.waitFor({ timeout: 60_000 })
      expect(await notice.innerText()).toMatch(
        /^Following paused: PostgreSQL at [^\n]+; trying again until it is back\.$/,
      )
      await explorer.screenshot('db-07-following-paused')
    } finally {
      await server.resume()
    }
    await notice.waitFor({ state: 'detached', timeout: 60_000 })
    expect(explorer.pageErrors).toEqual([])
  })
})
