// The window at a 1280x720 laptop and at 1024x700, in the light and the dark theme (issue 16, "Layout
// and polish"): no sideways scroll, the dock never squeezes the state, no serious axe-core finding on
// the main screens, columns resized and collapsed and remembered across a reload, the theme following
// the OS unless chosen, and times switched between local, UTC and relative everywhere at once.
// Screenshots of every size, theme and screen go to test-results/e2e/layout-*.png.

import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateStore, type GeneratedAggregate } from '../../electron/core/gen/generate-store'
import { seriousViolations } from './support/axe'
import { startExplorer, type Explorer } from './support/explorer-fixture'

let explorer: Explorer
let storeDir: string
let target: GeneratedAggregate

const sizes = [
  { width: 1280, height: 720 },
  { width: 1024, height: 700 },
] as const
const themes = ['light', 'dark'] as const

/** Whether anything sticks out sideways: the page scrolls, or an element ends past the window. */
async function sidewaysOverflow(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const width = document.documentElement.clientWidth
    const out = []
    if (document.documentElement.scrollWidth > width) out.push('page scrolls sideways')
    for (const element of document.querySelectorAll('.pane, .top-bar, .insight-dock, .inspector, button, input, select')) {
      const rect = element.getBoundingClientRect()
      if (rect.width > 0 && rect.right > width + 1) out.push(element.className || element.tagName)
    }
    return out
  })()`)
}

const grid = () => explorer.page.getByRole('grid', { name: 'Aggregates' })

/** Select the target aggregate (found through the filter, which is then cleared). */
async function selectTarget(): Promise<void> {
  const { page } = explorer
  await page.getByLabel('Filter aggregates').fill(target.id)
  await grid().getByRole('row').filter({ hasText: target.id }).click()
  await page.getByLabel('Filter aggregates').fill('')
  // A reload restores the place the address holds, the inspector's Append tab included.
  await page.getByRole('tab', { name: 'Inspect' }).click()
  await page.getByRole('region', { name: 'Event' }).getByText(target.id).first().waitFor()
}
const timeline = () => explorer.page.getByRole('grid', { name: 'Timeline' })

beforeAll(async () => {
  explorer = await startExplorer({ viewport: sizes[0] })
  storeDir = join(explorer.workDir, 'events')
  const store = await generateStore({ dir: storeDir, aggregates: 60, events: 1500, seed: 11 })
  target = [...store.aggregates].sort((a, b) => b.eventCount - a.eventCount)[0] as GeneratedAggregate
  // One damaged line, so the health badge and a problem row show in the screenshots.
  const file = join(storeDir, `${target.id}.events.jsonl`)
  const lines = (await readFile(file, 'utf8')).split('\n')
  lines.splice(lines.length - 4, 0, '{"event_type": "Broken", oops')
  await writeFile(file, lines.join('\n'))
  const { page } = explorer
  await page.getByLabel('Events directory').fill(storeDir)
  await page.getByLabel('Events directory').press('Enter')
  await selectTarget()
})

afterAll(async () => {
  await explorer?.close()
})

describe('the window at laptop sizes in both themes', () => {
  for (const size of sizes) {
    for (const theme of themes) {
      it(`given ${size.width}x${size.height} and the ${theme} theme, when the main screens are shown, then nothing scrolls sideways, the state keeps its lines, and axe finds nothing serious`, async () => {
        const { page } = explorer
        await page.setViewportSize(size)
        await page.getByLabel('Theme').selectOption(theme)
        await expect.poll(() => page.evaluate('document.documentElement.dataset.theme')).toBe(theme)
        const name = `layout-${size.width}-${theme}`
        const problems: string[] = []

        // The explorer: table, timeline, state and event.
        await page.getByRole('tab', { name: 'Inspect' }).click()
        await expect.poll(() => sidewaysOverflow(page)).toEqual([])
        await explorer.screenshot(`${name}-1-explorer`)
        problems.push(...(await seriousViolations(page)))

        // The dock open on a search with results: the state above still shows several lines.
        await page.getByRole('tab', { name: 'Search' }).click()
        const search = page.getByRole('tabpanel', { name: 'Search' })
        await search.getByLabel('Where').fill('exists(payload.amount)')
        await search.getByRole('button', { name: 'Search', exact: true }).click()
        await expect
          .poll(() => search.getByRole('list', { name: 'Search results' }).getByRole('button').count())
          .toBeGreaterThan(2)
        const stateTree = page.getByRole('region', { name: 'State' }).locator('.state-tree')
        expect(await stateTree.evaluate((element) => element.clientHeight)).toBeGreaterThanOrEqual(80)
        expect(await sidewaysOverflow(page)).toEqual([])
        await explorer.screenshot(`${name}-2-search`)
        problems.push(...(await seriousViolations(page)))

        // Compare, the Append form, and the Problems panel.
        await page.getByRole('tab', { name: 'Compare' }).click()
        const compare = page.getByRole('tabpanel', { name: 'Compare versions' })
        await compare.getByLabel('Version A').fill('1')
        await compare.getByLabel('Version B').fill('4')
        await compare.getByRole('button', { name: 'Compare', exact: true }).click()
        await expect
          .poll(() => compare.getByRole('table', { name: 'Diff' }).locator('tbody tr').count())
          .toBeGreaterThan(0)
        await page.getByRole('tab', { name: 'Append' }).click()
        await expect.poll(() => page.getByRole('form', { name: 'Append event' }).count()).toBe(1)
        expect(await sidewaysOverflow(page)).toEqual([])
        await explorer.screenshot(`${name}-3-compare-append`)
        problems.push(...(await seriousViolations(page)))
        await page.getByRole('tab', { name: 'Compare' }).click()

        await page.getByRole('button', { name: 'Store health' }).click()
        await expect.poll(() => page.getByRole('dialog', { name: 'Problems' }).count()).toBe(1)
        await explorer.screenshot(`${name}-4-problems`)
        problems.push(...(await seriousViolations(page)))
        await page.keyboard.press('Escape')
        await expect.poll(() => page.getByRole('dialog', { name: 'Problems' }).count()).toBe(0)

        expect([...new Set(problems)]).toEqual([])
      })
    }
  }
})

describe('columns, theme and time as the user leaves them', () => {
  it('given the handle between the aggregates and the timeline, when dragged and the page reloaded, then the widths are kept', async () => {
    const { page } = explorer
    await page.setViewportSize(sizes[0])
    const aggregates = page.locator('.aggregates-pane')
    const before = (await aggregates.boundingBox())!.width
    const handle = page.getByRole('separator', { name: 'Resize the aggregates and timeline columns' })
    const box = (await handle.boundingBox())!
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    await page.mouse.down()
    await page.mouse.move(box.x + box.width / 2 - 80, box.y + box.height / 2, { steps: 4 })
    await page.mouse.up()
    await expect.poll(async () => (await aggregates.boundingBox())!.width).toBeLessThan(before - 60)
    const dragged = (await aggregates.boundingBox())!.width
    await page.reload()
    await expect
      .poll(async () => (await page.locator('.aggregates-pane').boundingBox())?.width)
      .toBeCloseTo(dragged, 0)
    // The reloaded page opens the store its address names (links: the place survives a reload).
    await expect.poll(() => page.locator('.summary-line').innerText()).toContain(storeDir)
    await expect.poll(() => grid().getByRole('row').count()).toBeGreaterThan(3)
  })

  it('given the aggregates column, when collapsed, then the timeline and inspector take its room, and it comes back from its strip', async () => {
    const { page } = explorer
    const timelineWidth = (await page.locator('.timeline-pane').boundingBox())!.width
    await page.getByRole('button', { name: 'Hide the aggregates column' }).click()
    await expect.poll(() => page.locator('.aggregates-pane').count()).toBe(0)
    expect((await page.locator('.timeline-pane').boundingBox())!.width).toBeGreaterThan(timelineWidth + 50)
    await explorer.screenshot('layout-1280-collapsed')
    await page.getByRole('button', { name: 'Show the aggregates column' }).click()
    await expect.poll(() => page.locator('.aggregates-pane').count()).toBe(1)
  })

  it('given the System theme, when the OS switches to dark and back, then the window follows; a chosen theme stays', async () => {
    const { page } = explorer
    await page.getByLabel('Theme').selectOption('system')
    await page.emulateMedia({ colorScheme: 'dark' })
    await expect.poll(() => page.evaluate('document.documentElement.dataset.theme')).toBe('dark')
    await page.emulateMedia({ colorScheme: 'light' })
    await expect.poll(() => page.evaluate('document.documentElement.dataset.theme')).toBe('light')
    await page.getByLabel('Theme').selectOption('dark')
    await page.emulateMedia({ colorScheme: 'light' })
    await expect.poll(() => page.evaluate('document.documentElement.dataset.theme')).toBe('dark')
    await page.getByLabel('Theme').selectOption('light')
  })

  it('given the time switch, when UTC and then relative are chosen, then the table, timeline, slider and event all follow', async () => {
    const { page } = explorer
    await selectTarget()
    await page.getByLabel('Times shown as').selectOption('utc')
    const event = page.getByRole('region', { name: 'Event' })
    await expect.poll(() => event.innerText()).toMatch(/time\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/)
    await page.getByLabel('Times shown as').selectOption('relative')
    await expect.poll(() => event.innerText()).toMatch(/time\s+(\d+ (s|min|h|d|mo|y) ago|in \d+)/)
    await expect.poll(() => timeline().locator('.tl-time').first().innerText()).toMatch(/ago|in \d/)
    await expect.poll(() => grid().locator('.col-time').nth(1).innerText()).toMatch(/ago|in \d/)
    await expect.poll(() => page.locator('.version-time').innerText()).toMatch(/ago|in \d/)
    await explorer.screenshot('layout-1280-relative-times')
    await page.getByLabel('Times shown as').selectOption('local')
    expect(explorer.pageErrors).toEqual([])
  })
})
