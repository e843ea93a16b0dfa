// Domain-aware replay and store-wide questions, end to end in the browser shell: a bank-account store
// with its own reducer (trusted from the banner), a reducer failure marked in place, a projection run
// and exported, a search by a payload field opened at its version, a histogram range filtering the
// aggregates table, and the diff between two versions.

import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bankReducer } from '../integration/core/insight-fixtures'
import { startExplorer, type Explorer } from './support/explorer-fixture'

let explorer: Explorer
let storeDir: string

const day = 86_400_000
const start = Date.parse('2026-03-01T12:00:00Z')

/** An Account stream: opened, then deposits (positive) and withdrawals (negative), one a day from `firstDay`. */
function account(id: string, amounts: readonly number[], firstDay: number): string {
  const at = (i: number) => new Date(start + (firstDay + i) * day).toISOString()
  const events = [
    { event_id: `${id}-0`, event_type: 'AccountOpened', aggregate_id: id, occurred_at: at(0), owner: id },
    ...amounts.map((amount, i) => ({
      event_id: `${id}-${i + 1}`,
      event_type: amount >= 0 ? 'MoneyDeposited' : 'MoneyWithdrawn',
      aggregate_id: id,
      occurred_at: at(i + 1),
      amount: Math.abs(amount),
    })),
  ]
  return events.map((event) => JSON.stringify(event)).join('\n') + '\n'
}

beforeAll(async () => {
  explorer = await startExplorer()
  storeDir = join(explorer.workDir, 'bank')
  await mkdir(join(storeDir, '.eventscope', 'reducers'), { recursive: true })
  await writeFile(join(storeDir, '.eventscope', 'reducers', 'Account.js'), bankReducer)
  // ann: 100 + 50 - 30 + 20; bob overdraws at v4 (500 > 150); cy is only active ten days later.
  await writeFile(join(storeDir, 'acc-ann.events.jsonl'), account('acc-ann', [100, 50, -30, 20], 0))
  await writeFile(join(storeDir, 'acc-bob.events.jsonl'), account('acc-bob', [200, -50, -500, 40], 0))
  await writeFile(join(storeDir, 'acc-cy.events.jsonl'), account('acc-cy', [10, 10], 10))
})

afterAll(async () => {
  await explorer?.close()
})

const grid = () => explorer.page.getByRole('grid', { name: 'Aggregates' })
const state = () => explorer.page.getByRole('region', { name: 'State' })
const slider = () => explorer.page.getByRole('slider', { name: 'Version' })

describe('domain-aware replay and store-wide questions', () => {
  it('given a store with its own reducer, when the directory is trusted, then the state is the balance the reducer computes', async () => {
    const { page } = explorer
    await page.getByLabel('Events directory').fill(storeDir)
    await page.getByLabel('Events directory').press('Enter')
    await grid().getByRole('row').filter({ hasText: 'acc-ann' }).click()
    await expect.poll(() => slider().getAttribute('max')).toBe('5')
    // Untrusted: the merge patch applies and the banner offers to trust.
    await expect.poll(() => page.getByLabel('Reducer: merge patch').count()).toBe(1)
    await page.getByRole('button', { name: 'Trust this directory' }).click()
    // A second step says what code will run before any does.
    const confirm = page.getByRole('alertdialog', { name: 'Trust this directory?' })
    await expect.poll(() => confirm.innerText()).toContain(join('.eventscope', 'reducers', 'Account.js'))
    await expect.poll(() => page.getByLabel('Reducer: merge patch').count()).toBe(1)
    await confirm.getByRole('button', { name: 'Trust and run it' }).click()
    // The reducer's sandbox worker starts now (built from the sources first, in this test run).
    await expect.poll(() => page.getByLabel('Reducer: Account.js').count(), { timeout: 30_000 }).toBe(1)
    await slider().focus()
    await page.keyboard.press('Home')
    for (let step = 0; step < 3; step++) await page.keyboard.press('ArrowRight')
    await expect.poll(() => slider().inputValue()).toBe('3')
    await expect.poll(() => state().innerText()).toMatch(/balance:\s*150\b/)
    await page.keyboard.press('End')
    await expect.poll(() => state().innerText()).toMatch(/balance:\s*140\b/)
    await explorer.screenshot('insight-01-trusted-reducer')
  })

  it('given the trusted reducer, when its file is edited and then restored, then the state follows each time without re-selecting', async () => {
    const file = join(storeDir, '.eventscope', 'reducers', 'Account.js')
    await writeFile(
      file,
      bankReducer.replace(
        'return { balance: 0, deposits: 0 }',
        'return { balance: 0, deposits: 0, edited: true }',
      ),
    )
    await expect.poll(() => state().innerText(), { timeout: 20_000 }).toMatch(/edited:\s*true/)
    await writeFile(file, bankReducer)
    await expect.poll(() => state().innerText(), { timeout: 20_000 }).not.toMatch(/edited/)
    await expect.poll(() => state().innerText()).toMatch(/balance:\s*140\b/)
  })

  it('given an event the reducer throws on, when its aggregate is opened, then the failure is shown with its location and the event is marked', async () => {
    const { page } = explorer
    await grid().getByRole('row').filter({ hasText: 'acc-bob' }).click()
    const failure = page.getByRole('alert', { name: 'Reducer failed' })
    await expect.poll(() => failure.innerText()).toMatch(/failed on v 4/)
    await expect.poll(() => failure.innerText()).toMatch(/overdrawn by 350/)
    await expect.poll(() => failure.innerText()).toMatch(/Account\.js:\d+:\d+/)
    // The state shown is the one before the failing event, and the slider says so.
    await expect.poll(() => state().innerText()).toMatch(/balance:\s*150\b/)
    await expect.poll(() => slider().inputValue()).toBe('3')
    const marked = page.getByRole('grid', { name: 'Timeline' }).locator('.tl-row.reducer-failed')
    await expect.poll(() => marked.innerText()).toMatch(/^\s*4\s+MoneyWithdrawn/)
    // The slider's track marks it too.
    await expect.poll(() => page.locator('.version-failed').getAttribute('data-version')).toBe('4')
    await explorer.screenshot('insight-02-reducer-failure')
    // The failure links to its event: the Event pane shows v 4 (the state stays v 3, and says so).
    await failure.getByRole('button', { name: 'v 4' }).click()
    const event = page.getByRole('region', { name: 'Event' })
    await expect
      .poll(() => event.getByRole('note').innerText())
      .toMatch(/reducer failed on, v 4; the state shown is v 3/)
    await expect.poll(() => event.innerText()).toMatch(/MoneyWithdrawn/)
    await expect.poll(() => event.getByLabel('Raw event JSON').innerText()).toMatch(/"amount": 500/)
    await expect.poll(() => slider().inputValue()).toBe('3')
    await explorer.screenshot('insight-02b-reducer-failure-event')
  })

  it('given the Projections tab, when a built-in is run and exported, then its table shows and the CSV holds it', async () => {
    const { page } = explorer
    await page.getByRole('tab', { name: 'Projections' }).click()
    const panel = page.getByRole('tabpanel', { name: 'Projections' })
    await panel.getByLabel('Projection', { exact: true }).selectOption({ label: 'Events per type' })
    await panel.getByRole('button', { name: 'Run' }).click()
    const result = panel.getByRole('region', { name: 'Projection result' })
    await expect.poll(() => result.getByRole('table').innerText()).toMatch(/MoneyDeposited\s+7/)
    const download = page.waitForEvent('download')
    await panel.getByRole('button', { name: 'Export CSV' }).click()
    const file = await download
    expect(file.suggestedFilename()).toBe('events-per-type.csv')
    const csv = await readFile((await file.path()) as string, 'utf8')
    expect(csv.split('\r\n')).toEqual(expect.arrayContaining(['MoneyDeposited,7', 'AccountOpened,3']))
    await explorer.screenshot('insight-03-projection')
  })

  it('given the Search tab, when searching by a payload field, then the match opens its aggregate at that version', async () => {
    const { page } = explorer
    await grid().getByRole('row').filter({ hasText: 'acc-ann' }).click()
    await page.getByRole('tab', { name: 'Search' }).click()
    const panel = page.getByRole('tabpanel', { name: 'Search' })
    await panel.getByLabel('Where').fill('payload.amount ==')
    await panel.getByRole('button', { name: 'Search', exact: true }).click()
    await expect.poll(() => panel.getByRole('alert').innerText()).toMatch(/column \d+/)
    // ann's withdrawal at v 4 (bob's 500, also at v 4, is where the reducer fails: the slider would show v 3).
    await panel.getByLabel('Where').fill('payload.amount == 30')
    await panel.getByRole('button', { name: 'Search', exact: true }).click()
    const results = panel.getByRole('list', { name: 'Search results' })
    await expect.poll(() => results.getByRole('button').count()).toBe(1)
    await results.getByRole('button').first().click()
    await expect.poll(() => grid().getByRole('row', { selected: true }).innerText()).toContain('acc-ann')
    await expect.poll(() => slider().inputValue()).toBe('4')
    await explorer.screenshot('insight-04-search')
  })

  it('given the histogram, when a range is dragged over the last days, then the table lists only the aggregates active then', async () => {
    const { page } = explorer
    await page.getByRole('tab', { name: 'Over time' }).click()
    const chart = page.getByRole('img', { name: 'Events over time' })
    const box = await chart.boundingBox()
    if (!box) throw new Error('the histogram is not laid out')
    // Bars are days 0..12 across the plot: drag over the last quarter (days 10-12).
    const y = box.y + box.height / 2
    await page.mouse.move(box.x + box.width - 60, y)
    await page.mouse.down()
    await page.mouse.move(box.x + box.width - 12, y, { steps: 4 })
    await page.mouse.up()
    await expect.poll(() => grid().getByRole('row').count()).toBe(2)
    await expect.poll(() => grid().innerText()).toContain('acc-cy')
    await expect.poll(() => grid().innerText()).not.toContain('acc-ann')
    await explorer.screenshot('insight-05-histogram-range')
    await page.getByRole('button', { name: 'Clear the time range' }).click()
    await expect.poll(() => grid().getByRole('row').count()).toBe(4)
    // The same range by keyboard: the cursor starts on the last day, Shift+← twice takes days 10-12.
    await chart.focus()
    await chart.press('End')
    await chart.press('Shift+ArrowLeft')
    await chart.press('Shift+ArrowLeft')
    await chart.press('Enter')
    await expect.poll(() => grid().getByRole('row').count()).toBe(2)
    await expect.poll(() => grid().innerText()).toContain('acc-cy')
    await chart.press('Escape')
    await expect.poll(() => grid().getByRole('row').count()).toBe(4)
  })

  it('given two versions of an aggregate, when compared, then the changed paths are listed side by side', async () => {
    const { page } = explorer
    await grid().getByRole('row').filter({ hasText: 'acc-ann' }).click()
    // The search before left ann open at v 4.
    await slider().focus()
    await page.keyboard.press('End')
    await expect.poll(() => slider().inputValue()).toBe('5')
    await page.getByRole('button', { name: 'Compare…' }).click()
    const panel = page.getByRole('tabpanel', { name: 'Compare versions' })
    await panel.getByLabel('Version A').fill('1')
    await panel.getByLabel('Version B').fill('5')
    await panel.getByRole('button', { name: 'Compare', exact: true }).click()
    const diff = page.getByRole('table', { name: 'Diff' })
    await expect.poll(() => diff.innerText()).toMatch(/balance\s+0\s+140/)
    await expect.poll(() => diff.innerText()).toMatch(/deposits\s+0\s+3/)
    await explorer.screenshot('insight-06-diff')
    expect(explorer.pageErrors).toEqual([])
  })

  it('given the open dock, when its top edge is dragged up and stepped with the keys, then the panel grows and shrinks within its limits', async () => {
    const { page } = explorer
    await page.getByRole('tab', { name: 'Search' }).click()
    const panel = page.getByRole('tabpanel', { name: 'Search' })
    const edge = page.getByRole('separator', { name: 'Resize the panel' })
    const height = async () => Math.round((await panel.boundingBox())!.height)
    const before = await height()
    const box = (await edge.boundingBox())!
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    await page.mouse.down()
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 100, { steps: 5 })
    await page.mouse.up()
    await expect.poll(height).toBe(before + 100)
    await edge.focus()
    await explorer.screenshot('insight-07-dock-resized')
    await edge.press('ArrowDown')
    await expect.poll(height).toBe(before + 76)
    await edge.press('Home')
    await expect.poll(height).toBe(140)
    expect(await edge.getAttribute('aria-valuenow')).toBe('140')
  })
})
