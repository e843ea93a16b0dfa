// Store health end to end in the browser shell: a damaged store shows errors in the header badge, the
// Problems panel jumps to a bad line in the timeline, and repair and reindex go through a confirmation
// that says what will change, after which their findings are gone (and the backup is on disk). Last, a
// stream whose payloads hold integers beyond 2^53 shows them with every digit, never rounded.

import { appendFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateStore } from '../../electron/core/gen/generate-store'
import { startExplorer, type Explorer } from './support/explorer-fixture'

let explorer: Explorer
let storeDir: string
let tornFile: string
let badId: string

beforeAll(async () => {
  explorer = await startExplorer()
  storeDir = join(explorer.workDir, 'events')
  await generateStore({ dir: storeDir, aggregates: 30, events: 600, seed: 11 })
  const files = (await readdir(storeDir)).filter((name) => name.endsWith('.events.jsonl')).sort()
  tornFile = files[0] as string
  const badFile = files[1] as string
  badId = badFile.replace('.events.jsonl', '')
  // A writer that died mid-append, a line that is not JSON in the middle, an index that drifted.
  await appendFile(join(storeDir, tornFile), '{"event_id": "torn-1", "event_type": "OrderPla')
  const lines = (await readFile(join(storeDir, badFile), 'utf8')).split('\n')
  lines.splice(2, 0, 'not json')
  await writeFile(join(storeDir, badFile), lines.join('\n'))
  const index = JSON.parse(await readFile(join(storeDir, 'index.json'), 'utf8')) as {
    aggregates: Record<string, { event_count: number }>
    total_events: number
  }
  const drifted = Object.keys(index.aggregates).sort()[2] as string
  ;(index.aggregates[drifted] as { event_count: number }).event_count += 3
  index.total_events += 5
  await writeFile(join(storeDir, 'index.json'), JSON.stringify(index, null, 2))
})

afterAll(async () => {
  await explorer?.close()
})

describe('store health in the browser shell', () => {
  it('given a damaged store, when it is opened, then the health badge says errors', async () => {
    const { page } = explorer
    await page.getByLabel('Events directory').fill(storeDir)
    await page.getByLabel('Events directory').press('Enter')
    await expect.poll(() => page.locator('.summary-line').innerText()).toMatch(/reconciled/)
    const badge = page.getByRole('button', { name: 'Store health' })
    await expect.poll(() => badge.innerText()).toMatch(/\d+ errors?/)
    await explorer.screenshot('integrity-01-badge')
  })

  it('given the badge, when Problems is opened and verified, then every finding is listed', async () => {
    const { page } = explorer
    await page.getByRole('button', { name: 'Store health' }).click()
    const panel = page.getByRole('dialog', { name: 'Problems' })
    await panel.getByRole('button', { name: 'Verify now' }).click()
    await expect
      .poll(() => page.getByRole('button', { name: 'Store health' }).innerText())
      .toMatch(/verified/)
    await expect.poll(() => panel.innerText()).toMatch(/2 errors · 2 warnings/)
    await expect.poll(() => panel.innerText()).toMatch(/Last line is incomplete/)
    await expect
      .poll(() => panel.innerText())
      .toMatch(/index\.json says total_events is 605; the streams hold 600/)
    await explorer.screenshot('integrity-02-verified')
  })

  it('given the bad line, when its finding is chosen, then its aggregate opens with that line selected in the timeline', async () => {
    const { page } = explorer
    const panel = page.getByRole('dialog', { name: 'Problems' })
    await panel.getByRole('button').filter({ hasText: badId }).filter({ hasText: 'line 3' }).click()
    const timeline = page.getByRole('grid', { name: 'Timeline' })
    const selected = timeline.getByRole('row', { selected: true })
    await expect.poll(() => selected.innerText()).toMatch(/line 3: Not valid JSON/)
    await expect.poll(() => page.getByRole('slider', { name: 'Version' }).inputValue()).toBe('2')
    await explorer.screenshot('integrity-03-jump')
  })

  it('given a torn tail, when Repair… is confirmed, then the torn line is gone and its backup is on disk', async () => {
    const { page } = explorer
    await page.getByRole('button', { name: 'Repair…' }).click()
    const confirm = page.getByRole('dialog', { name: 'Repair the store?' })
    await expect
      .poll(() => confirm.innerText())
      .toMatch(
        new RegExp(
          `Cut the torn last line of 1 stream \\(backups kept next to them\\):\\s+${tornFile} line \\d+ \\(46 bytes\\)`,
        ),
      )
    await expect.poll(() => confirm.innerText()).toMatch(/Left alone.*\s+.*line 3: Not valid JSON/)
    await explorer.screenshot('integrity-04-confirm-repair')
    await confirm.getByRole('button', { name: 'Confirm' }).click()
    const panel = page.getByRole('dialog', { name: 'Problems' })
    await expect.poll(() => panel.innerText()).toMatch(/Cut 1 torn line; backup kept/)
    await expect.poll(() => panel.innerText()).not.toMatch(/Last line is incomplete/)
    await expect.poll(() => panel.innerText()).toMatch(/1 error · 2 warnings/)
    const files = await readdir(storeDir)
    expect(files.some((name) => name.startsWith(`${tornFile}.bak-`))).toBe(true)
    expect(await readFile(join(storeDir, tornFile), 'utf8')).toMatch(/\n$/)
  })

  it('given the drifted index, when Reindex… is confirmed, then the index findings are gone', async () => {
    const { page } = explorer
    await page.getByRole('button', { name: 'Reindex…' }).click()
    const confirm = page.getByRole('dialog', { name: 'Reindex the store?' })
    await expect
      .poll(() => confirm.innerText())
      .toMatch(/Rewrite index\.json from the streams: 1 entry changes, total_events 605 → 600/)
    await confirm.getByRole('button', { name: 'Confirm' }).click()
    const panel = page.getByRole('dialog', { name: 'Problems' })
    await expect.poll(() => panel.innerText()).toMatch(/index\.json rewritten: total_events 605 → 600/)
    await expect.poll(() => panel.innerText()).toMatch(/1 error · 0 warnings/)
    await expect.poll(() => panel.innerText()).not.toMatch(/index\.json (says|counts)/)
    await expect
      .poll(() => page.getByRole('button', { name: 'Store health' }).innerText())
      .toMatch(/^\S*\s*1 error/)
    await explorer.screenshot('integrity-05-reindexed')
  })

  it('given a confirmation, when Cancel is pressed, then nothing changes', async () => {
    const { page } = explorer
    const before = await readdir(storeDir)
    await page.getByRole('button', { name: 'Repair…' }).click()
    const confirm = page.getByRole('dialog', { name: 'Repair the store?' })
    await expect.poll(() => confirm.innerText()).toMatch(/Nothing to repair/)
    expect(await confirm.getByRole('button', { name: 'Confirm' }).isDisabled()).toBe(true)
    await confirm.getByRole('button', { name: 'Cancel' }).click()
    await expect.poll(() => confirm.count()).toBe(0)
    expect(await readdir(storeDir)).toEqual(before)
    expect(explorer.pageErrors).toEqual([])
  })
})

describe('integers beyond 2^53 in the browser shell', () => {
  it('given a payload with integers beyond 2^53, when its state is shown, then every digit is there and a change in the last digit shows', async () => {
    const { page } = explorer
    const dir = join(explorer.workDir, 'big-integers')
    await mkdir(dir)
    // The two ids round to the same double (12345678901234567168): only exact digits tell them apart.
    await writeFile(
      join(dir, 'acct-1.events.jsonl'),
      [
        '{"event_type": "Opened", "event_id": "e1", "account_id": 12345678901234567890, "ledger": {"balance": -98765432109876543210}, "ids": [1, 12345678901234567890]}',
        '{"event_type": "Renumbered", "event_id": "e2", "account_id": 12345678901234567891}',
        '',
      ].join('\n'),
    )
    await page.getByRole('button', { name: 'Close problems' }).click()
    await page.getByLabel('Events directory').fill(dir)
    await page.getByLabel('Events directory').press('Enter')
    await expect.poll(() => page.locator('.summary-line').innerText()).toMatch(/reconciled/)
    await page
      .getByRole('grid', { name: 'Aggregates' })
      .getByRole('row')
      .filter({ hasText: 'acct-1' })
      .click()
    await expect.poll(() => page.getByRole('slider', { name: 'Version' }).inputValue()).toBe('2')
    const statePanel = page.getByRole('region', { name: 'State' })
    await expect.poll(() => statePanel.innerText()).toMatch(/account_id:\s*12345678901234567891\b/)
    await expect.poll(() => statePanel.innerText()).toMatch(/balance:\s*-98765432109876543210\b/)
    await expect.poll(() => statePanel.innerText()).toMatch(/\b1:\s*12345678901234567890\b/)
    expect(await statePanel.innerText()).not.toMatch(/12345678901234567000|≈/)
    const id = statePanel.locator('.json-number.exact').filter({ hasText: '12345678901234567891' })
    expect(await id.getAttribute('title')).toMatch(/^Kept exactly as written in the store/)
    // The change from the first id to the second, which differ only in their last digit.
    const changes = page.getByRole('region', { name: 'Changes' })
    await expect.poll(() => changes.innerText()).toMatch(/12345678901234567890\s*→\s*12345678901234567891/)
    await expect
      .poll(() => page.getByRole('region', { name: 'Event' }).innerText())
      .toContain('"account_id": 12345678901234567891')
    await explorer.screenshot('integrity-06-big-integers')

    // Typed into the Append form, such an integer is previewed and written with every digit.
    await page.getByRole('tab', { name: 'Append' }).click()
    const form = page.getByRole('form', { name: 'Append event' })
    await form.getByLabel('Event type').fill('Renumbered')
    await form.getByLabel('Payload').fill('{"account_id": 98765432109876543211}')
    await expect
      .poll(() => page.getByRole('region', { name: 'Preview' }).innerText())
      .toMatch(/98765432109876543211/)
    await form.getByRole('button', { name: 'Append' }).click()
    await expect.poll(() => form.getByRole('status').innerText()).toContain('as version 3')
    const written = (await readFile(join(dir, 'acct-1.events.jsonl'), 'utf8')).trimEnd().split('\n')
    expect(written.at(-1)).toContain('"account_id": 98765432109876543211')
    expect(explorer.pageErrors).toEqual([])
  })
})
