// The keyboard in the browser shell: `?` opens the overlay of every shortcut (generated from the
// command registry, so it lists each key the page listens to; axe finds nothing serious in it in
// either theme), and a few shortcuts do what it says: go to version, step, focus the filter, next
// problem.

import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateStore } from '../../electron/core/gen/generate-store'
import { commandSpecs } from '../../shared/commands'
import { seriousViolations } from './support/axe'
import { startExplorer, type Explorer } from './support/explorer-fixture'

let explorer: Explorer
let storeDir: string
let badId: string

/** Take the focus out of any field, so plain keys are shortcuts rather than text. */
const blur = () => explorer.page.evaluate('document.activeElement?.blur()')
const slider = () => explorer.page.getByRole('slider', { name: 'Version' })

beforeAll(async () => {
  explorer = await startExplorer()
  storeDir = join(explorer.workDir, 'events')
  await generateStore({ dir: storeDir, aggregates: 12, events: 120, seed: 5 })
  const files = (await readdir(storeDir)).filter((name) => name.endsWith('.events.jsonl')).sort()
  const badFile = files[3] as string
  badId = badFile.replace('.events.jsonl', '')
  const lines = (await readFile(join(storeDir, badFile), 'utf8')).split('\n')
  lines.splice(2, 0, 'not json')
  await writeFile(join(storeDir, badFile), lines.join('\n'))
  const { page } = explorer
  await page.getByLabel('Events directory').fill(storeDir)
  await page.getByLabel('Events directory').press('Enter')
  await page.locator('.summary-line', { hasText: 'reconciled' }).waitFor({ timeout: 60_000 })
})

afterAll(async () => {
  await explorer?.close()
})

describe('the keyboard', () => {
  it('given the explorer, when ? is pressed, then an overlay lists every shortcut of the registry, and Escape closes it', async () => {
    const { page } = explorer
    await blur()
    await page.keyboard.press('?')
    const overlay = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await expect.poll(() => overlay.isVisible()).toBe(true)
    // Open Directory… is the desktop app's folder dialog: the browser shell leaves it out.
    const keyed = commandSpecs.filter(
      (spec) => spec.shortcut !== null && spec.menu !== null && spec.id !== 'openDirectory',
    )
    await expect.poll(() => overlay.locator('.shortcut-row').count()).toBe(keyed.length)
    const text = await overlay.innerText()
    for (const spec of keyed) expect(text).toContain(spec.label)
    expect(text).toMatch(/Ctrl\+L\s+Go to the events directory/)
    await explorer.screenshot('keyboard-01-overlay')
    expect(await seriousViolations(page, '.shortcut-overlay')).toEqual([])
    await page.emulateMedia({ colorScheme: 'dark' })
    await explorer.screenshot('keyboard-02-overlay-dark')
    expect(await seriousViolations(page, '.shortcut-overlay')).toEqual([])
    await page.emulateMedia({ colorScheme: 'light' })

    await page.keyboard.press('Escape')
    await expect.poll(() => overlay.count()).toBe(0)
  })

  it('given an aggregate, when G, a version and Enter are typed, then the slider goes there; "." and "," step from it', async () => {
    const { page } = explorer
    await page.getByRole('grid', { name: 'Aggregates' }).getByRole('row').nth(1).click()
    await expect.poll(() => slider().isEnabled()).toBe(true)
    await blur()

    await page.keyboard.press('g')
    const box = page.getByRole('dialog', { name: 'Go to version' })
    await box.getByLabel('Version number').fill('99999')
    await box.getByLabel('Version number').press('Enter')
    await expect.poll(() => box.getByRole('alert').innerText()).toMatch(/This stream ends at version \d+/)
    await box.getByLabel('Version number').fill('2')
    await box.getByLabel('Version number').press('Enter')
    await expect.poll(() => box.count()).toBe(0)
    await expect.poll(() => slider().inputValue()).toBe('2')

    await blur()
    await page.keyboard.press('.')
    await expect.poll(() => slider().inputValue()).toBe('3')
    await page.keyboard.press(',')
    await page.keyboard.press(',')
    await expect.poll(() => slider().inputValue()).toBe('1')
  })

  it('given no field focused, when / is pressed, then the aggregates filter has the focus and takes the text typed', async () => {
    const { page } = explorer
    await blur()
    await page.keyboard.press('/')
    await expect
      .poll(() => page.evaluate("document.activeElement?.getAttribute('aria-label')"))
      .toBe('Filter aggregates')
    await page.keyboard.type('g.')
    expect(await page.getByLabel('Filter aggregates').inputValue()).toBe('g.')
    await page.getByLabel('Filter aggregates').fill('')
  })

  it('given a store with a bad line, when N is pressed, then its aggregate opens at that line', async () => {
    const { page } = explorer
    await blur()
    await page.keyboard.press('n')
    const selected = page.getByRole('grid', { name: 'Timeline' }).getByRole('row', { selected: true })
    await expect.poll(() => selected.innerText()).toMatch(/line 3/)
    await expect.poll(() => slider().inputValue()).toBe('2')
    const chosen = page.getByRole('grid', { name: 'Aggregates' }).getByRole('row', { selected: true })
    await expect.poll(() => chosen.innerText()).toContain(badId)
    expect(explorer.pageErrors).toEqual([])
  })
})
