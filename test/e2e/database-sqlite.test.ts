// The explorer on a SQLite store in Emmett's layout, end to end in the browser shell: a file Emmett's
// own library writes (test/fixtures/emmett-sqlite-store.ts) under the host's root, its `sqlite:`
// address typed into the path field. The read scenarios of a directory (open, filter, scrub, search,
// export) work as on PostgreSQL; Append says the file is opened read-only; Follow shows an event
// Emmett appends from a process of its own while the page is open.

import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appendWithEmmett, writeEmmettSqliteStore } from '../fixtures/emmett-sqlite-store'
import { startExplorer, type Explorer } from './support/explorer-fixture'
import { skipSqliteTests } from '../support/sqlite-available'

const noSqlite = skipSqliteTests('this file')

let explorer: Explorer
let file: string

beforeAll(async () => {
  if (noSqlite !== null) return
  explorer = await startExplorer()
  // Under the work directory: the browser shell opens a SQLite file only under one of its roots.
  file = join(explorer.workDir, 'shop.db')
  await writeEmmettSqliteStore(file)
}, 180_000)

afterAll(async () => {
  await explorer?.close()
})

const grid = () => explorer.page.getByRole('grid', { name: 'Aggregates' })
const slider = () => explorer.page.getByRole('slider', { name: 'Version' })

describe.skipIf(noSqlite !== null)('a SQLite store in the browser shell', () => {
  it('given its sqlite: address typed into the path field, when opened, then its streams are listed with their types', async () => {
    const { page } = explorer
    await page.getByLabel('Events directory').fill(`sqlite:${file}`)
    await page.getByLabel('Events directory').press('Enter')
    const cart = grid().getByRole('row').filter({ hasText: 'shoppingCart-1' })
    await cart.waitFor()
    await expect.poll(() => cart.innerText()).toContain('shoppingCart')
    await expect
      .poll(() => grid().getByRole('row').filter({ hasText: 'counter-long' }).innerText())
      .toContain('1,234')
    await expect.poll(() => grid().getByRole('row').filter({ hasText: 'Zürich' }).count()).toBe(1)
  })

  it('given the filter and a stream, when scrubbed, then the state is rebuilt at each version', async () => {
    const { page } = explorer
    await page.getByLabel('Filter aggregates').fill('shoppingC')
    await expect.poll(() => grid().getByRole('row').filter({ hasText: 'account-7' }).count()).toBe(0)
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
    await explorer.screenshot('sqlite-scrubbed')
  })

  it('given the Append tab, when opened, then it says the file is opened read-only instead of a form', async () => {
    const { page } = explorer
    await page.getByRole('tab', { name: 'Append' }).click()
    await expect
      .poll(() => page.getByRole('tabpanel', { name: 'Append' }).getByRole('note').innerText())
      .toBe('Opened read-only: eventscope writes to a SQLite file only when asked to.')
    await page.getByRole('tab', { name: 'Inspect' }).click()
  })

  it('given Follow on, when Emmett appends to the stream, then the new event appears and Follow moves to it', async () => {
    const { page } = explorer
    await page.getByRole('checkbox', { name: 'Follow' }).check()
    await appendWithEmmett(file, 'shoppingCart-1', [{ type: 'CartNoted', data: { note: 'by emmett' } }], 4)
    await expect.poll(() => slider().getAttribute('max'), { timeout: 30_000 }).toBe('5')
    await expect.poll(() => slider().inputValue()).toBe('5')
    await expect.poll(() => page.getByRole('region', { name: 'State' }).innerText()).toContain('by emmett')
    await page.getByRole('checkbox', { name: 'Follow' }).uncheck()
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
  })

  it('given the selected stream, when exported as JSONL, then the download holds its events in order', async () => {
    const { page } = explorer
    await page.getByRole('button', { name: 'Export…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Export events' })
    await dialog.getByLabel('Format').selectOption('jsonl')
    await dialog.getByRole('radio', { name: /Selected aggregate/ }).check()
    const download = page.waitForEvent('download')
    await dialog.getByRole('button', { name: 'Export', exact: true }).click()
    const saved = join(explorer.workDir, 'export.jsonl')
    await (await download).saveAs(saved)
    const lines = (await readFile(saved, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { event_type?: string; payload?: unknown })
    expect(lines.map((line) => line.event_type)).toEqual(['AccountOpened', 'MoneyDeposited'])
    expect(lines[1]?.payload).toEqual({ balance: 150, last: { amount: 150 } })
    await page.keyboard.press('Escape')
    expect(explorer.pageErrors).toEqual([])
  })
})
