// The timeline's own tools (issue 16, "Timeline filter" and "Copy"): filter the selected stream by
// event type and by text, pick payload fields as columns (remembered per aggregate type), and copy
// the raw event and a value.

import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateStore, type GeneratedAggregate } from '../../electron/core/gen/generate-store'
import { startExplorer, type Explorer } from './support/explorer-fixture'

let explorer: Explorer
let storeDir: string
let account: GeneratedAggregate
let otherAccount: GeneratedAggregate

beforeAll(async () => {
  explorer = await startExplorer({ viewport: { width: 1280, height: 720 } })
  await explorer.page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  storeDir = join(explorer.workDir, 'events')
  const store = await generateStore({ dir: storeDir, aggregates: 30, events: 900, seed: 3 })
  const accounts = [...store.aggregates]
    .filter((aggregate) => aggregate.type === 'Account')
    .sort((a, b) => b.eventCount - a.eventCount)
  account = accounts[0] as GeneratedAggregate
  otherAccount = accounts[1] as GeneratedAggregate
})

afterAll(async () => {
  await explorer?.close()
})

const timeline = () => explorer.page.getByRole('grid', { name: 'Timeline' })
const filtered = () => explorer.page.getByRole('grid', { name: 'Filtered timeline' })

describe('the timeline filter and columns', () => {
  it('given a stream, when filtered by an event type, then only that type is listed, in version order, and a row moves the slider', async () => {
    const { page } = explorer
    await page.getByLabel('Events directory').fill(storeDir)
    await page.getByLabel('Events directory').press('Enter')
    // Read through first: on a busy machine the refresh that follows it re-rendered the rows under
    // the click below, which then selected nothing (seen under load, before and after 2026-12-07).
    await page.getByText('reconciled', { exact: true }).waitFor()
    await page.getByLabel('Filter aggregates').fill(account.id)
    const row = page
      .getByRole('grid', { name: 'Aggregates' })
      .getByRole('row')
      .filter({ hasText: account.id })
    // A click that lands while the filtered rows are drawn again selects nothing (seen once more in
    // a full run on 2026-12-07, after waiting for "reconciled"): clicked again until the timeline
    // shows the stream. What this file tests is the timeline's filter, not that click.
    await expect
      .poll(async () => {
        await row.click()
        return timeline().getByRole('row').count()
      })
      .toBeGreaterThan(3)
    await page
      .getByRole('search', { name: 'Filter the timeline' })
      .getByLabel('Event type')
      .fill('MoneyDepositedEvent')
    await expect.poll(() => filtered().getByRole('row').count()).toBeGreaterThan(1)
    const rows = await filtered().getByRole('row').allInnerTexts()
    expect(rows.every((row) => row.includes('MoneyDepositedEvent'))).toBe(true)
    const versions = rows.map((row) => Number(row.trim().split(/\s+/)[0]))
    expect(versions).toEqual([...versions].sort((a, b) => a - b))
    await filtered().getByRole('row').nth(1).click()
    await expect
      .poll(() => page.getByRole('slider', { name: 'Version' }).inputValue())
      .toBe(String(versions[1]))
    await explorer.screenshot('timeline-01-type-filter')
  })

  it('given a type filter, when text is added and then both cleared, then the text narrows it and clearing brings the whole timeline back', async () => {
    const { page } = explorer
    const bar = page.getByRole('search', { name: 'Filter the timeline' })
    const before = await filtered().getByRole('row').count()
    await bar.getByLabel('Event type').fill('')
    await bar.getByLabel('Text in the event').fill('no-such-text-anywhere')
    await expect.poll(() => page.getByText('No event of this stream matches').count()).toBe(1)
    await bar.getByLabel('Text in the event').fill('')
    await expect.poll(() => timeline().getByRole('row').count()).toBeGreaterThan(Math.min(before, 3))
  })

  it('given the column picker, when two payload fields are chosen, then every row shows them as columns, and another Account keeps them', async () => {
    const { page } = explorer
    await page.getByRole('button', { name: /^Columns/ }).click()
    const picker = page.getByRole('group', { name: 'Timeline columns' })
    await picker.getByLabel('balance').check()
    await picker.getByLabel('currency').check()
    await picker.getByRole('button', { name: 'Done' }).click()
    const cells = timeline().locator('.tl-cells').first()
    await expect.poll(() => cells.locator('.tl-cell').count()).toBe(2)
    await expect.poll(() => timeline().locator('.tl-cells').first().innerText()).toMatch(/\d/)
    expect(await page.getByRole('button', { name: /^Columns/ }).innerText()).toBe('Columns (2)')
    await explorer.screenshot('timeline-02-columns')
    await page.getByLabel('Filter aggregates').fill(otherAccount.id)
    await page
      .getByRole('grid', { name: 'Aggregates' })
      .getByRole('row')
      .filter({ hasText: otherAccount.id })
      .click()
    await expect.poll(() => page.locator('.tl-aggregate-id').innerText()).toContain(otherAccount.id)
    await expect.poll(() => timeline().locator('.tl-cells').first().locator('.tl-cell').count()).toBe(2)
  })

  it('given an event, when its raw line, its id, a state value and its path are copied, then the clipboard holds exactly them', async () => {
    const { page } = explorer
    const event = page.getByRole('region', { name: 'Event' })
    await event.getByRole('button', { name: 'Copy raw event' }).click()
    const raw = (await page.evaluate('navigator.clipboard.readText()')) as string
    expect(JSON.parse(raw)).toMatchObject({ aggregate_id: otherAccount.id })
    await event.getByRole('button', { name: 'Copy event id' }).click()
    await expect.poll(() => page.evaluate('navigator.clipboard.readText()')).toBe(JSON.parse(raw).event_id)
    // A value and a path from the state tree, offered on the hovered row.
    const state = page.getByRole('region', { name: 'State' })
    const row = state.locator('.json-row').filter({ hasText: 'currency:' })
    await row.hover()
    await row.getByRole('button', { name: 'Copy value of currency' }).click()
    await expect.poll(() => page.evaluate('navigator.clipboard.readText()')).toMatch(/^"[A-Z]{3}"$/)
    await row.getByRole('button', { name: 'Copy path currency' }).click()
    await expect.poll(() => page.evaluate('navigator.clipboard.readText()')).toBe('currency')
    expect(explorer.pageErrors).toEqual([])
  })
})
