// The state inspector end to end in Chromium (issue 15, "A state inspector worth its name"): the tree
// as one WAI-ARIA tree widget driven by the keyboard alone, expand / collapse all, search in keys and
// values with next / previous, copy a value, a path and the whole state with their exact literals,
// a long string shown whole in place, the JSON view, the current event marked on the slider track, a
// reducer failure linking to its event, and axe-core finding nothing serious in the tree in both
// themes. Screenshots go to test-results/e2e/state-inspector-*.png.

import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seriousViolations } from './support/axe'
import { startExplorer, type Explorer } from './support/explorer-fixture'

let explorer: Explorer
let storeDir: string

const longText = `${'lorem ipsum dolor sit amet '.repeat(12)}NEEDLE-AT-THE-END`
const at = (i: number) => new Date(Date.parse('2026-05-01T09:00:00Z') + i * 60_000).toISOString()

/** An order stream: a nested customer, 250 lines (past the 200 shown), a long note, a big integer. */
function orderLines(): string {
  const events: string[] = [
    JSON.stringify({
      event_id: 'o-1',
      event_type: 'OrderPlaced',
      aggregate_id: 'order-1',
      occurred_at: at(0),
      customer: { name: 'Ada', address: { city: 'Lyon', zip: '69001' } },
      lines: Array.from({ length: 250 }, (_, i) => ({ sku: `sku-${i}`, qty: (i % 3) + 1 })),
      status: 'placed',
    }),
    JSON.stringify({
      event_id: 'o-2',
      event_type: 'NoteAdded',
      aggregate_id: 'order-1',
      occurred_at: at(1),
      note: longText,
    }),
    // Written by hand: an integer beyond 2^53 and a `1.0` that a double would print otherwise.
    `{"event_id":"o-3","event_type":"OrderPaid","aggregate_id":"order-1","occurred_at":"${at(2)}","payment":{"ref":12345678901234567890,"amount":1.0},"status":"paid"}`,
    JSON.stringify({
      event_id: 'o-4',
      event_type: 'OrderShipped',
      aggregate_id: 'order-1',
      occurred_at: at(3),
      status: 'shipped',
      customer: { address: { city: 'Paris' } },
    }),
  ]
  return events.join('\n') + '\n'
}

beforeAll(async () => {
  explorer = await startExplorer({ viewport: { width: 1280, height: 800 } })
  await explorer.page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  storeDir = join(explorer.workDir, 'orders')
  await mkdir(storeDir, { recursive: true })
  await writeFile(join(storeDir, 'order-1.events.jsonl'), orderLines())
  // 10,000 numbers in 100 groups: more rows than Expand all puts on the page.
  const groups = Object.fromEntries(
    Array.from({ length: 100 }, (_, g) => [
      `group${g}`,
      Object.fromEntries(Array.from({ length: 100 }, (_, k) => [`key${k}`, g * 1000 + k])),
    ]),
  )
  await writeFile(
    join(storeDir, 'big-1.events.jsonl'),
    JSON.stringify({
      event_id: 'b-1',
      event_type: 'Big',
      aggregate_id: 'big-1',
      occurred_at: at(0),
      groups,
    }) + '\n',
  )
  const { page } = explorer
  await page.getByLabel('Events directory').fill(storeDir)
  await page.getByLabel('Events directory').press('Enter')
  await page.getByRole('grid', { name: 'Aggregates' }).getByRole('row').filter({ hasText: 'order-1' }).click()
  await tree().getByRole('treeitem').first().waitFor()
})

afterAll(async () => {
  await explorer?.close()
})

const tree = () => explorer.page.getByRole('tree', { name: 'State' })
const item = (name: string | RegExp) => tree().getByRole('treeitem', { name })

const focusedKey = () =>
  explorer.page.evaluate('document.activeElement && document.activeElement.getAttribute("data-key")')
const tabStops = () => tree().locator('[role="treeitem"][tabindex="0"]').count()
const clipboard = () => explorer.page.evaluate('navigator.clipboard.readText()') as Promise<string>

describe('the state inspector', () => {
  it('given the latest state, when the tree is reached with Tab and driven by arrows, Home, End and *, then it is one Tab stop whose focus moves as the tree pattern says', async () => {
    const { page } = explorer
    await expect.poll(() => tree().innerText()).toMatch(/status:\s*"shipped"/)
    expect(await tabStops()).toBe(1)
    await page.getByRole('button', { name: 'Collapse all' }).click()
    await expect.poll(() => tree().getByRole('treeitem').count()).toBe(1)
    // The toolbar's last control; the tree comes next in the Tab order.
    await page.getByRole('button', { name: 'Copy', exact: true }).focus()
    await page.keyboard.press('Tab')
    await expect.poll(focusedKey).toBe('[]')
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => tree().getByRole('treeitem').count()).toBe(6)
    await page.keyboard.press('ArrowRight')
    await expect.poll(focusedKey).toBe('["customer"]')
    await page.keyboard.press('*')
    // customer, lines and payment open (status and note, scalars, have nothing to open).
    await expect.poll(() => item(/^lines:/).getAttribute('aria-expanded')).toBe('true')
    expect(await item(/^payment:/).getAttribute('aria-expanded')).toBe('true')
    await page.keyboard.press('ArrowDown')
    await expect.poll(focusedKey).toBe('["customer","name"]')
    await page.keyboard.press('ArrowLeft')
    await expect.poll(focusedKey).toBe('["customer"]')
    await page.keyboard.press('ArrowLeft')
    await expect.poll(() => item(/^customer:/).getAttribute('aria-expanded')).toBe('false')
    await page.keyboard.press('End')
    await expect.poll(focusedKey).toBe('["payment","amount"]')
    await page.keyboard.press('Home')
    await expect.poll(focusedKey).toBe('[]')
    expect(await tabStops()).toBe(1)
    // Tab leaves the tree at once: no Tab stop per node (the copy buttons in rows included).
    await page.keyboard.press('Tab')
    expect(await page.evaluate('document.activeElement.closest(\'[role="tree"]\') === null')).toBe(true)
  })

  it('given a search for a value and a key, when stepped with Enter and the buttons, then "n of m" follows, each match is revealed, past the first 200 lines too', async () => {
    const { page } = explorer
    await page.getByRole('button', { name: 'Collapse all' }).click()
    const field = page.getByLabel('Search in state')
    await field.fill('sku-23')
    // sku-23 and sku-230..sku-239: eleven, the later ones past the 200 lines shown first.
    await expect.poll(() => page.locator('.state-search-count').innerText()).toBe('1 of 11')
    await expect.poll(() => tree().locator('.json-row.match.current').innerText()).toMatch(/sku:\s*"sku-23"/)
    await field.press('Enter')
    await expect.poll(() => page.locator('.state-search-count').innerText()).toBe('2 of 11')
    await expect.poll(() => tree().locator('.json-row.match.current').innerText()).toMatch(/"sku-230"/)
    await expect.poll(() => tree().locator('.json-row.match.current').isVisible()).toBe(true)
    await field.press('Shift+Enter')
    await field.press('Shift+Enter')
    await expect.poll(() => page.locator('.state-search-count').innerText()).toBe('11 of 11')
    await expect.poll(() => tree().locator('.json-row.match.current').innerText()).toMatch(/"sku-239"/)
    await page.getByRole('button', { name: 'Next match' }).click()
    await expect.poll(() => page.locator('.state-search-count').innerText()).toBe('1 of 11')
    // A key: "city"; a text only in the cut part of a long string opens it in place.
    await field.fill('needle-at')
    await expect.poll(() => page.locator('.state-search-count').innerText()).toBe('1 of 1')
    await expect.poll(() => tree().locator('.json-row.long-open').count()).toBe(1)
    await expect.poll(() => tree().locator('.json-row.long-open mark').innerText()).toBe('NEEDLE-AT')
    await explorer.screenshot('state-inspector-02-search-long-string')
    await field.fill('nothing like this')
    await expect.poll(() => page.locator('.state-search-count').innerText()).toBe('No match')
    await field.press('Escape')
    await expect.poll(() => field.inputValue()).toBe('')
  })

  it('given a focused big integer, when its value, its path and the whole state are copied, then the clipboard holds the literals as written', async () => {
    const { page } = explorer
    await page.getByRole('button', { name: 'Expand all' }).click()
    await item(/^ref:/).click()
    await page.keyboard.press('Control+c')
    await expect.poll(clipboard).toBe('12345678901234567890')
    await page.getByRole('button', { name: 'Copy', exact: true }).click()
    await page.getByRole('menuitem', { name: 'Path payment.ref' }).click()
    await expect.poll(clipboard).toBe('payment.ref')
    await page.getByRole('button', { name: 'Copy', exact: true }).press('ArrowDown')
    await page.keyboard.press('End')
    await page.keyboard.press('Enter')
    await expect.poll(clipboard).toContain('"ref": 12345678901234567890')
    const whole = await clipboard()
    expect(whole).toContain('"amount": 1.0')
    expect(JSON.parse(whole)).toMatchObject({ status: 'shipped', customer: { address: { city: 'Paris' } } })
    // The focus went back to the menu button, and the tree still has its one Tab stop.
    await expect
      .poll(() => page.evaluate('document.activeElement.getAttribute("aria-haspopup")'))
      .toBe('menu')
    expect(await tabStops()).toBe(1)
  })

  it('given the JSON view, when searched, then the text shows the literals and marks the current match', async () => {
    const { page } = explorer
    await page.getByRole('button', { name: 'JSON', exact: true }).click()
    const text = page.getByRole('region', { name: 'State as JSON' })
    await expect.poll(() => text.innerText()).toContain('"ref": 12345678901234567890')
    await page.getByLabel('Search in state').fill('paris')
    await expect.poll(() => page.locator('.state-search-count').innerText()).toBe('1 of 1')
    await expect.poll(() => text.locator('mark.current').innerText()).toBe('Paris')
    await explorer.screenshot('state-inspector-03-json')
    await page.getByLabel('Search in state').fill('')
    await page.getByRole('button', { name: 'Tree', exact: true }).click()
    await tree().getByRole('treeitem').first().waitFor()
  })

  it('given the slider, when a version is clicked on the track, then the current event is highlighted from the version before it to its own, where the thumb is', async () => {
    const { page } = explorer
    const rail = page.locator('.version-rail')
    const box = (await rail.boundingBox())!
    // The rail's ends sit under the thumb's centre at 0 and at 4: a click there means that version.
    await page.mouse.click(box.x + (box.width * 2) / 4, box.y + box.height / 2)
    await expect.poll(() => page.getByRole('slider', { name: 'Version' }).inputValue()).toBe('2')
    await expect.poll(() => tree().innerText()).toMatch(/note:/)
    const current = (await page.locator('.version-current').boundingBox())!
    expect(Math.abs(current.x - (box.x + box.width / 4))).toBeLessThanOrEqual(1.5)
    expect(Math.abs(current.x + current.width - (box.x + box.width / 2))).toBeLessThanOrEqual(1.5)
    await page.mouse.click(box.x + box.width - 1, box.y + box.height / 2)
    await expect.poll(() => page.getByRole('slider', { name: 'Version' }).inputValue()).toBe('4')
    await expect.poll(() => page.locator('.version-current').getAttribute('data-version')).toBe('4')
    await explorer.screenshot('state-inspector-05-slider-current-event')
  })

  it('given a state of 10,000 values, when expanded all, then the first 2,000 rows open, the note says so, and a search still reaches a match beyond them', async () => {
    const { page } = explorer
    const grid = page.getByRole('grid', { name: 'Aggregates' })
    await grid.getByRole('row').filter({ hasText: 'big-1' }).click()
    await expect.poll(() => tree().locator('.json-key').first().innerText()).toBe('groups:')
    await page.getByRole('button', { name: 'Expand all' }).click()
    await expect.poll(() => page.locator('.state-note').innerText()).toMatch(/first 2,000 rows/)
    const rows = () => tree().locator('[role="treeitem"]').count()
    expect(await rows()).toBeLessThanOrEqual(2001)
    expect(await rows()).toBeGreaterThan(1800)
    await page.getByLabel('Search in state').fill('99099')
    await expect.poll(() => page.locator('.state-search-count').innerText()).toBe('1 of 1')
    await expect.poll(() => tree().locator('.json-row.match.current').innerText()).toMatch(/key99:\s*99099/)
    await explorer.screenshot('state-inspector-06-expand-budget')
    await page.getByLabel('Search in state').fill('')
    await grid.getByRole('row').filter({ hasText: 'order-1' }).click()
    await expect.poll(() => tree().innerText()).toMatch(/status:/)
    await expect.poll(() => page.locator('.state-note').count()).toBe(0)
  })

  it('given the tree expanded with a search on, when axe-core checks the state pane in both themes, then it finds nothing serious', async () => {
    const { page } = explorer
    await page.getByRole('button', { name: 'Expand all' }).click()
    await page.getByLabel('Search in state').fill('lyon')
    await expect.poll(() => page.locator('.state-search-count').innerText()).toBe('No match')
    await page.getByLabel('Search in state').fill('ada')
    await expect.poll(() => page.locator('.state-search-count').innerText()).toBe('1 of 1')
    for (const theme of ['light', 'dark'] as const) {
      await page.getByLabel('Theme').selectOption(theme)
      await expect.poll(() => page.evaluate('document.documentElement.dataset.theme')).toBe(theme)
      await explorer.screenshot(`state-inspector-04-axe-${theme}`)
      expect(await seriousViolations(page, '.state-pane')).toEqual([])
    }
    await page.getByLabel('Search in state').fill('')
    expect(explorer.pageErrors).toEqual([])
  })
})
