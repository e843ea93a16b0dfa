// The README's picture: the explorer at a 1280x720 laptop on a generated store, an Order at its last
// version with a breakpoint on its status. Always saved as test-results/e2e/docs-screenshot.png; with
// EVENTSCOPE_DOCS_SCREENSHOT=1 it also replaces docs/screenshot.png (`EVENTSCOPE_DOCS_SCREENSHOT=1 npx
// vitest run --project e2e test/e2e/docs-screenshot.test.ts` after a change to the look).

import { copyFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { generateStore } from '../../electron/core/gen/generate-store'
import { repoRoot, startExplorer, type Explorer } from './support/explorer-fixture'

let explorer: Explorer
let storeDir: string

beforeAll(async () => {
  explorer = await startExplorer({ viewport: { width: 1280, height: 720 } })
  storeDir = join(explorer.workDir, 'readme-store')
  await generateStore({ dir: storeDir, aggregates: 120, events: 4000, seed: 1 })
})

afterAll(async () => {
  await explorer?.close()
})

it('given a generated store, when an Order is opened at 1280x720, then the whole explorer shows it', async () => {
  const { page } = explorer
  await page.emulateMedia({ colorScheme: 'light' })
  await page.getByLabel('Events directory').fill(storeDir)
  await page.getByLabel('Events directory').press('Enter')
  const grid = page.getByRole('grid', { name: 'Aggregates' })
  await expect.poll(() => page.locator('.summary-line').innerText()).toMatch(/reconciled/)
  await grid.getByRole('row').filter({ hasText: 'Order' }).first().click()
  const event = page.getByRole('region', { name: 'Event' })
  await expect.poll(() => event.innerText()).toMatch(/Order\w*Event/)
  // The debugger at work: a breakpoint on the order's status, its hits marked on the slider and the timeline.
  await page.getByLabel('Debug expression').fill('changed(state.status)')
  await page.getByLabel('Debug expression').press('Enter')
  await expect.poll(() => page.getByRole('list', { name: 'Breakpoints' }).innerText()).toMatch(/\d+ hits?/)
  await page.getByLabel('Debug expression').blur()
  // The pointer away from every control, so no hover state is in the picture.
  await page.mouse.move(640, 715)
  await explorer.screenshot('docs-screenshot')
  if (process.env.EVENTSCOPE_DOCS_SCREENSHOT === '1') {
    await copyFile(
      join(repoRoot, 'test-results/e2e/docs-screenshot.png'),
      join(repoRoot, 'docs/screenshot.png'),
    )
  }
  expect(explorer.pageErrors).toEqual([])
})
