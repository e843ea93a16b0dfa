// The explorer on stores in Marten's, Eventuous' and Message DB's layouts, end to end in the browser
// shell: a real server this file starts, each store written the way its library writes it
// (test/fixtures/), the address typed into the path field. The read scenarios of a directory (open,
// filter, scrub, search) work as on Emmett's layout; Append says the layout is read-only; Follow shows
// an event the library appends while the page is open.

import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appendEventuous, writeEventuousStore } from '../fixtures/eventuous-postgres-store'
import { appendMarten, writeMartenStore } from '../fixtures/marten-postgres-store'
import { writeMessage, writeMessageDbStore } from '../fixtures/message-db-store'
import { postgresSkipReason, startPostgres, type PostgresServer } from '../support/postgres-server'
import { startExplorer, type Explorer } from './support/explorer-fixture'

const noPostgres = postgresSkipReason()
if (noPostgres !== null) console.log(`Skipping the PostgreSQL E2E tests of this file: ${noPostgres}`)

let server: PostgresServer
let explorer: Explorer
const urls = new Map<string, string>()

const martenCart = '6f1c1b0e-3a52-4b8e-9d3a-0c6a1e2f4b01'

/** Append one event to the cart stream the library's own way (its version 4 becomes 5). */
async function appendToCart(name: string): Promise<void> {
  const client = new pg.Client({ connectionString: urls.get(name) })
  await client.connect()
  try {
    const data = { note: `by ${name}` }
    if (name === 'marten')
      await appendMarten(client, martenCart, 'shopping_cart', [{ type: 'cart_noted', data }])
    else if (name === 'eventuous')
      await appendEventuous(client, 'shoppingCart-1', [{ type: 'CartNoted', data }], 3)
    else await writeMessage(client, 'shoppingCart-1', 'CartNoted', data, 3)
  } finally {
    await client.end()
  }
}

beforeAll(async () => {
  if (noPostgres !== null) return
  server = await startPostgres()
  const marten = await server.createDatabase('marten')
  await writeMartenStore(marten)
  urls.set('marten', marten)
  const eventuous = await server.createDatabase('eventuous')
  await writeEventuousStore(eventuous)
  urls.set('eventuous', eventuous)
  urls.set('message-db', (await writeMessageDbStore(server, 'message-db')).url)
  explorer = await startExplorer()
}, 240_000)

afterAll(async () => {
  await explorer?.close()
  await server?.stop()
})

const grid = () => explorer.page.getByRole('grid', { name: 'Aggregates' })
const slider = () => explorer.page.getByRole('slider', { name: 'Version' })

describe.skipIf(noPostgres !== null).each([
  { name: 'marten', title: 'Marten', cart: martenCart, cartType: 'shopping_cart', account: '0b1e2c3d' },
  {
    name: 'eventuous',
    title: 'Eventuous',
    cart: 'shoppingCart-1',
    cartType: 'shoppingCart',
    account: 'account-7',
  },
  {
    name: 'message-db',
    title: 'Message DB',
    cart: 'shoppingCart-1',
    cartType: 'shoppingCart',
    account: 'account-7',
  },
])("a store in $title's layout in the browser shell", (layout) => {
  it('given its address typed into the path field, when opened, then its streams are listed with their types', async () => {
    const { page } = explorer
    await page.getByLabel('Events directory').fill(urls.get(layout.name) ?? '')
    await page.getByLabel('Events directory').press('Enter')
    const cart = grid().getByRole('row').filter({ hasText: layout.cart })
    await cart.waitFor()
    await expect.poll(() => cart.innerText()).toContain(layout.cartType)
    await expect.poll(() => grid().getByRole('row').filter({ hasText: layout.account }).count()).toBe(1)
    // The header names the layout found from the tables.
    await expect.poll(() => page.locator('.summary-line').innerText()).toContain(`${layout.title} layout`)
  })

  it('given the filter and a stream, when scrubbed, then the state is rebuilt at each version', async () => {
    const { page } = explorer
    await page.getByLabel('Filter aggregates').fill(layout.cart.slice(0, 8))
    await expect.poll(() => grid().getByRole('row').filter({ hasText: layout.account }).count()).toBe(0)
    await grid().getByRole('row').filter({ hasText: layout.cart }).click()
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
    await explorer.screenshot(`layout-${layout.name}-scrubbed`)
  })

  it('given the Append tab, when opened, then it says the layout is read-only instead of a form', async () => {
    const { page } = explorer
    await page.getByRole('tab', { name: 'Append' }).click()
    await expect
      .poll(() => page.getByRole('tabpanel', { name: 'Append' }).getByRole('note').innerText())
      .toBe(`${layout.title}'s layout is read-only here: eventscope reads it, never writes it`)
    await page.getByRole('tab', { name: 'Inspect' }).click()
  })

  it('given Follow on, when the library appends to the stream, then the new event appears and Follow moves to it', async () => {
    const { page } = explorer
    await page.getByRole('checkbox', { name: 'Follow' }).check()
    await appendToCart(layout.name)
    await expect.poll(() => slider().getAttribute('max'), { timeout: 30_000 }).toBe('5')
    await expect.poll(() => slider().inputValue()).toBe('5')
    await expect
      .poll(() => page.getByRole('region', { name: 'State' }).innerText())
      .toContain(`by ${layout.name}`)
    await page.getByRole('checkbox', { name: 'Follow' }).uncheck()
  })

  it('given the Search tab, when searching by a payload field, then the match opens its stream at that version', async () => {
    const { page } = explorer
    await page.getByLabel('Filter aggregates').fill('')
    const panel = page.getByRole('tabpanel', { name: 'Search' })
    // The dock's tab toggles: the previous layout's run may have left it open.
    if (!(await panel.isVisible())) await page.getByRole('tab', { name: 'Search' }).click()
    await panel.getByLabel('Where').fill('payload.balance == 150')
    await panel.getByRole('button', { name: 'Search', exact: true }).click()
    const results = panel.getByRole('list', { name: 'Search results' })
    await expect.poll(() => results.getByRole('button').count()).toBe(1)
    await results.getByRole('button').first().click()
    await expect.poll(() => grid().getByRole('row', { selected: true }).innerText()).toContain(layout.account)
    await expect.poll(() => slider().inputValue()).toBe('2')
    expect(explorer.pageErrors).toEqual([])
  })
})
