// The foundation, end to end in the browser shell: open a directory, see the store, filter, open an
// aggregate, scrub the version slider, read an event, and see a damaged line marked in its place.

import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateStore, type GeneratedAggregate } from '../../electron/core/gen/generate-store'
import { envelopeFields } from '../../electron/core/stream/envelope'
import { naiveStates } from '../support/naive-replay'
import type { Json } from '../../shared/contract'
import { startExplorer, type Explorer } from './support/explorer-fixture'

type JsonObject = { [key: string]: Json }

let explorer: Explorer
let storeDir: string
let target: GeneratedAggregate
let events: JsonObject[]

/** The payload of a seed-style flat event: every field that is not part of the envelope. */
function payloadOf(event: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(event).filter(([key]) => !envelopeFields.has(key)))
}

beforeAll(async () => {
  explorer = await startExplorer()
  storeDir = join(explorer.workDir, 'events')
  const store = await generateStore({ dir: storeDir, aggregates: 40, events: 900, seed: 5 })
  target = [...store.aggregates].sort((a, b) => b.eventCount - a.eventCount)[0] as GeneratedAggregate
  // Damage the busiest stream the way a bad writer would: a line that is not JSON after its third event.
  const file = join(storeDir, `${target.id}.events.jsonl`)
  const lines = (await readFile(file, 'utf8')).split('\n')
  events = lines.filter(Boolean).map((line) => JSON.parse(line) as JsonObject)
  lines.splice(3, 0, '{"event_type": "Broken", oops')
  await writeFile(file, lines.join('\n'))
})

afterAll(async () => {
  await explorer?.close()
})

describe('exploring a store in the browser shell', () => {
  it('given a store directory, when it is opened from the path field, then the totals and every aggregate appear', async () => {
    const { page } = explorer
    await page.getByLabel('Events directory').fill(storeDir)
    await page.getByLabel('Events directory').press('Enter')
    await expect.poll(() => page.locator('.summary-line').innerText()).toMatch(/40\s+aggregates/)
    await expect.poll(() => page.locator('.summary-line').innerText()).toMatch(/reconciled/)
    await expect.poll(() => page.locator('.summary-line').innerText()).toMatch(/900\s+events/)
    await explorer.screenshot('01-store-open')
  })

  it('given the aggregates, when filtered by part of an id, then only that aggregate is listed', async () => {
    const { page } = explorer
    await page.getByLabel('Filter aggregates').fill(target.id.slice(0, 13))
    const grid = page.getByRole('grid', { name: 'Aggregates' })
    await expect.poll(() => grid.getByRole('row').filter({ hasText: target.type }).count()).toBe(1)
    await expect
      .poll(() =>
        grid
          .getByRole('row')
          .filter({ hasText: target.id.slice(0, 13) })
          .count(),
      )
      .toBe(1)
  })

  it('given the filtered row, when clicked, then the timeline shows its events and the slider spans them', async () => {
    const { page } = explorer
    await page
      .getByRole('grid', { name: 'Aggregates' })
      .getByRole('row')
      .filter({ hasText: target.id.slice(0, 13) })
      .click()
    const timeline = page.getByRole('grid', { name: 'Timeline' })
    // A stream opens at its latest version, like a debugger attached to the present.
    await expect
      .poll(() => page.getByRole('slider', { name: 'Version' }).getAttribute('max'))
      .toBe(String(target.eventCount))
    await expect
      .poll(() => page.getByRole('slider', { name: 'Version' }).inputValue())
      .toBe(String(target.eventCount))
    await expect.poll(() => timeline.innerText()).toContain(String(events[events.length - 1]?.event_type))
  })

  it('given the bad line, when the timeline shows it, then it is marked at its line without shifting the versions', async () => {
    const { page } = explorer
    await page.getByRole('slider', { name: 'Version' }).focus()
    await page.keyboard.press('Home')
    const timeline = page.getByRole('grid', { name: 'Timeline' })
    const problem = timeline.getByRole('row').filter({ hasText: 'line 4' })
    await expect.poll(() => problem.innerText()).toMatch(/not valid JSON/i)
    const fourth = timeline
      .getByRole('row')
      .filter({ hasText: String(events[3]?.event_type) })
      .first()
    await expect.poll(() => fourth.innerText()).toMatch(/^\s*4\b/)
    await explorer.screenshot('02-timeline-bad-line')
  })

  it('given the slider, when stepped to version 1 and then to the end, then the state panel shows the rebuilt state', async () => {
    const { page } = explorer
    const states = naiveStates(events.map(payloadOf))
    const slider = page.getByRole('slider', { name: 'Version' })
    const statePanel = page.getByRole('region', { name: 'State' })
    await slider.focus()
    await page.keyboard.press('Home')
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => slider.inputValue()).toBe('1')
    for (const [key, value] of Object.entries(states[1] ?? {})) {
      if (typeof value === 'string') await expect.poll(() => statePanel.innerText()).toContain(`"${value}"`)
      else await expect.poll(() => statePanel.innerText()).toContain(key)
    }
    await explorer.screenshot('03-state-v1')
    await page.keyboard.press('End')
    await expect.poll(() => slider.inputValue()).toBe(String(target.eventCount))
    const latest = states[target.eventCount] ?? {}
    for (const [key, value] of Object.entries(latest)) {
      await expect.poll(() => statePanel.innerText()).toContain(key)
      if (typeof value === 'string') await expect.poll(() => statePanel.innerText()).toContain(`"${value}"`)
    }
    await explorer.screenshot('04-state-latest')
  })

  it('given the timeline, when the second event is selected, then the event panel shows its JSON and the slider follows', async () => {
    const { page } = explorer
    const second = events[1] as JsonObject
    await page.getByRole('slider', { name: 'Version' }).focus()
    await page.keyboard.press('Home')
    await page
      .getByRole('grid', { name: 'Timeline' })
      .getByRole('row')
      .filter({ hasText: String(second.event_type) })
      .first()
      .click()
    await expect.poll(() => page.getByRole('slider', { name: 'Version' }).inputValue()).toBe('2')
    await expect.poll(() => page.getByLabel('Raw event JSON').innerText()).toContain(String(second.event_id))
    await explorer.screenshot('05-event-json')
    expect(explorer.pageErrors).toEqual([])
  })
})
