// Nothing the user needs is cut off or out of reach (issue 16, defect 7): the Event pane's type, id and
// aggregate whole even in a wide pane, the timeline's aggregate id whole, a damaged line's row opening
// the whole line with its bytes that are not UTF-8, the as-of Events cell and the Compare table's
// Change column, and Copy putting the exact id on the clipboard.

import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Locator } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateStore, type GeneratedAggregate } from '../../electron/core/gen/generate-store'
import { startExplorer, type Explorer } from './support/explorer-fixture'

let explorer: Explorer
let storeDir: string
let target: GeneratedAggregate
const longBadLine = `{"event_type": "Broken", "note": "${'the whole of this line matters '.repeat(8)}", oops`

/**
 * Whether an element's text is cut: it, or a box inside it, holds more than it shows (an ellipsis), or
 * something inside sticks out of it (a right-aligned cell overflows to the left, out of scroll's reach).
 */
const isCut = (locator: Locator) =>
  locator.evaluate((element) => {
    const box = element.getBoundingClientRect()
    return [element, ...element.querySelectorAll('*')].some((inner) => {
      if (inner.clientWidth > 0 && inner.scrollWidth > inner.clientWidth + 1) return true
      const rect = inner.getBoundingClientRect()
      return rect.width > 0 && (rect.left < box.left - 1 || rect.right > box.right + 1)
    })
  })

beforeAll(async () => {
  // The width of the report: the Event pane has room for two columns of fields there.
  explorer = await startExplorer({ viewport: { width: 1440, height: 900 } })
  await explorer.page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  storeDir = join(explorer.workDir, 'events')
  const store = await generateStore({ dir: storeDir, aggregates: 12, events: 200, seed: 7 })
  target = [...store.aggregates].sort((a, b) => b.eventCount - a.eventCount)[0] as GeneratedAggregate
  const file = join(storeDir, `${target.id}.events.jsonl`)
  const lines = (await readFile(file, 'utf8')).split('\n')
  const head = lines.slice(0, 2).join('\n') + '\n'
  const tail = lines.slice(2).join('\n')
  await writeFile(
    file,
    Buffer.concat([
      Buffer.from(head + longBadLine + '\n{"event_type": "Latin1", "name": "Ren'),
      Buffer.from([0xe9, 0xff]),
      Buffer.from('"}\n' + tail),
    ]),
  )
  // index.json disagrees about the target's count, as a stale index does: the table says both.
  const index = JSON.parse(await readFile(join(storeDir, 'index.json'), 'utf8'))
  index.aggregates[target.id].event_count += 1000
  await writeFile(join(storeDir, 'index.json'), JSON.stringify(index, null, 2))
})

afterAll(async () => {
  await explorer?.close()
})

describe('text that is never cut off or out of reach', () => {
  it('given an event in a wide Event pane, when shown, then its type, id and aggregate are whole and Copy copies the id', async () => {
    const { page } = explorer
    await page.getByLabel('Events directory').fill(storeDir)
    await page.getByLabel('Events directory').press('Enter')
    await page
      .getByRole('grid', { name: 'Aggregates' })
      .getByRole('row')
      .filter({ hasText: target.id })
      .click()
    const event = page.getByRole('region', { name: 'Event' })
    await expect.poll(() => event.locator('dd').count()).toBeGreaterThan(4)
    const fields = event.locator('.event-fields dd')
    for (let i = 0; i < (await fields.count()); i++) expect(await isCut(fields.nth(i))).toBe(false)
    await expect.poll(() => event.innerText()).toContain(target.id)
    const idLine = page.locator('.timeline-pane .tl-aggregate-id')
    expect(await idLine.innerText()).toContain(target.id)
    expect(await isCut(idLine)).toBe(false)
    await event.getByRole('button', { name: 'Copy event aggregate' }).click()
    await expect.poll(() => page.evaluate('navigator.clipboard.readText()')).toBe(target.id)
    await explorer.screenshot('readable-01-event')
  })

  it('given a damaged line in the timeline, when its row is clicked, then the whole line shows with its bad bytes as hex', async () => {
    const { page } = explorer
    const timeline = page.getByRole('grid', { name: 'Timeline' })
    // A stream opens at its latest event; the bad lines are near its start.
    await timeline.focus()
    await page.keyboard.press('Home')
    await timeline.locator('.tl-row.problem').first().click()
    const damaged = page.getByRole('region', { name: 'Damaged line' })
    await expect.poll(() => damaged.getByLabel('Line text', { exact: true }).innerText()).toBe(longBadLine)
    await expect.poll(() => damaged.innerText()).toMatch(/line\s+3/)
    await timeline.locator('.tl-row.problem').nth(1).click()
    await expect
      .poll(() => damaged.getByLabel('Line text', { exact: true }).innerText())
      .toBe('{"event_type": "Latin1", "name": "Ren⟨e9 ff⟩"}')
    await explorer.screenshot('readable-02-damaged-line')
  })

  it('given the store as of an instant, when the table shows versions then, then no Events cell is cut', async () => {
    const { page } = explorer
    await page.getByRole('tab', { name: 'Over time' }).click()
    const panel = page.getByRole('tabpanel', { name: 'Store over time' })
    await panel.getByLabel('Store as of').fill('2030-01-01T00:00')
    await panel.getByRole('button', { name: 'Show' }).click()
    const grid = page.getByRole('grid', { name: 'Aggregates' })
    const cells = grid.locator('.as-of-count')
    await expect.poll(() => cells.count()).toBeGreaterThan(3)
    for (let i = 0; i < (await cells.count()); i++) {
      expect(await isCut(cells.nth(i).locator('xpath=..'))).toBe(false)
    }
    // The stale index's count is still one hover away on the cell that disagrees.
    const stale = grid.getByRole('row').filter({ hasText: target.id }).locator('.count-mismatch')
    expect(await stale.getAttribute('title')).toMatch(/index\.json says \d+/)
    await explorer.screenshot('readable-03-as-of')
    await panel.getByRole('button', { name: 'Present' }).click()
  })

  it('given two versions compared, when the diff shows, then the Change column says its name and each change in words', async () => {
    const { page } = explorer
    await page
      .getByRole('grid', { name: 'Aggregates' })
      .getByRole('row')
      .filter({ hasText: target.id })
      .click()
    await page.getByRole('button', { name: 'Compare…' }).click()
    const panel = page.getByRole('tabpanel', { name: 'Compare versions' })
    await panel.getByLabel('Version A').fill('0')
    await panel.getByLabel('Version B').fill('3')
    await panel.getByRole('button', { name: 'Compare', exact: true }).click()
    const table = panel.getByRole('table', { name: 'Diff' })
    await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThan(0)
    const header = table.locator('th').first()
    expect(await header.innerText()).toBe('Change')
    expect(await isCut(header)).toBe(false)
    const marks = table.locator('td.diff-mark')
    for (let i = 0; i < (await marks.count()); i++) {
      expect(await marks.nth(i).innerText()).toMatch(/^[+−~] (added|removed|changed)$/)
      expect(await isCut(marks.nth(i))).toBe(false)
    }
    await explorer.screenshot('readable-04-compare')
    // The Problems panel names each finding's aggregate whole, as the timeline and the event do.
    await page.getByRole('button', { name: 'Store health' }).click()
    const finding = page.getByRole('dialog', { name: 'Problems' }).locator('.pp-aggregate').first()
    await expect.poll(() => finding.innerText()).toBe(target.id)
    expect(await isCut(finding)).toBe(false)
    await page.keyboard.press('Escape')
    expect(explorer.pageErrors).toEqual([])
  })
})
