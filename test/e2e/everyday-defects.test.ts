// What a new user hit in everyday use, end to end in the browser shell: a filter that matched nothing
// no longer sticks, a folder that is not a store says so (and offers the stores below it) and refuses
// an append, and a stream listed in index.json but missing on disk stops every spinner.

import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateStore } from '../../electron/core/gen/generate-store'
import { jsonLines, writeIndex, writeStream } from '../support/store-files'
import { startExplorer, type Explorer } from './support/explorer-fixture'

let explorer: Explorer
let generated: string
let notes: string
let parent: string
let ghostly: string

beforeAll(async () => {
  explorer = await startExplorer()
  const { workDir } = explorer
  generated = join(workDir, 'generated')
  await generateStore({ dir: generated, aggregates: 60, events: 300, seed: 3 })
  notes = join(workDir, 'notes')
  await mkdir(notes)
  await writeFile(join(notes, 'README.md'), '# not a store\n')
  parent = join(workDir, 'services')
  for (const name of ['billing', 'orders']) {
    const dir = join(parent, name, 'events')
    await mkdir(dir, { recursive: true })
    await writeStream(dir, `${name}-1`, jsonLines([{ event_type: 'Created', aggregate_id: `${name}-1` }]))
  }
  // `services/billing` holds `events/`: only `services/*` is looked into, so put a store right there too.
  await writeStream(join(parent, 'billing'), 'b1', jsonLines([{ event_type: 'Created', aggregate_id: 'b1' }]))
  ghostly = join(workDir, 'ghostly')
  await mkdir(ghostly)
  await writeStream(ghostly, 'real', jsonLines([{ event_type: 'Created', aggregate_id: 'real', n: 1 }]))
  await writeIndex(ghostly, {
    real: { event_count: 1, last_event_at: null },
    ghost: { event_count: 2, last_event_at: null },
  })
})

afterAll(async () => {
  await explorer?.close()
})

async function openTyped(dir: string): Promise<void> {
  const field = explorer.page.getByLabel('Events directory')
  await field.fill(dir)
  await field.press('Enter')
}

const summary = () => explorer.page.locator('.summary-line').innerText()
const aggregatesDetail = () => explorer.page.locator('.aggregates-pane .pane-detail').innerText()

describe('everyday defects in the browser shell', () => {
  it('given a filter that matches nothing, when it is shortened, cleared or Escaped, then the rows come back', async () => {
    const { page } = explorer
    await openTyped(generated)
    await expect.poll(summary).toMatch(/reconciled/)
    await expect.poll(aggregatesDetail).toBe('60')
    const filter = page.getByLabel('Filter aggregates')

    await filter.fill('Userx')
    await expect.poll(aggregatesDetail).toBe('0 of 60')
    await filter.press('Backspace')
    await expect.poll(aggregatesDetail).not.toBe('0 of 60')
    expect(Number((await aggregatesDetail()).split(' ')[0])).toBeGreaterThan(0)

    await filter.fill('Userx')
    await expect.poll(aggregatesDetail).toBe('0 of 60')
    await filter.fill('')
    await expect.poll(aggregatesDetail).toBe('60')

    await filter.fill('Userx')
    await expect.poll(aggregatesDetail).toBe('0 of 60')
    await filter.press('Escape')
    await expect.poll(aggregatesDetail).toBe('60')
    expect(await page.locator('.aggregates-pane').innerText()).not.toContain('no aggregates yet')
  })

  it('given a folder holding only a readme, when opened, then it says it is not a store, shows no health badge, and the Append form refuses', async () => {
    const { page } = explorer
    await openTyped(notes)
    await expect.poll(summary).toContain('is not an event store')
    expect(await page.getByRole('button', { name: 'Store health' }).count()).toBe(0)
    expect(await page.locator('.aggregates-pane').innerText()).toContain('Not an event store')
    await explorer.screenshot('40-not-a-store')

    await page.getByRole('tab', { name: 'Append' }).click()
    const form = page.getByRole('form', { name: 'Append event' })
    const id = form.getByLabel('Aggregate', { exact: true })
    await id.fill('a1')
    await form.getByLabel('Event type').fill('X')
    await form.getByLabel('Payload').fill('{}')
    await form.getByRole('button', { name: 'Append' }).click()
    await expect.poll(() => form.getByRole('alert').innerText()).toMatch(/holds no event store.*init/)
    expect(await readdir(notes)).toEqual(['README.md'])
    await page.getByRole('tab', { name: 'Inspect' }).click()
  })

  it('given a parent folder whose stores are one level down, when opened, then they are offered and one opens', async () => {
    const { page } = explorer
    await openTyped(parent)
    await expect.poll(summary).toContain('Stores one level down')
    const offered = page.locator('.stores-below button')
    expect(await offered.allInnerTexts()).toEqual(['billing'])
    await offered.first().click()
    await expect.poll(summary).toMatch(/\b1\s+aggregates?\b/)
    expect(await summary()).toContain(join(parent, 'billing'))
  })

  it('given a stream listed in index.json but missing, when its aggregate is selected, then no pane spins forever', async () => {
    const { page } = explorer
    await openTyped(ghostly)
    await expect.poll(summary).toMatch(/reconciled/)
    await page.getByRole('grid', { name: 'Aggregates' }).getByRole('row').filter({ hasText: 'ghost' }).click()
    await expect.poll(() => page.locator('.state-pane').innerText()).toContain('could not be opened')
    await expect.poll(() => page.locator('.event-pane').innerText()).toContain('No event to show')
    expect(await page.locator('.state-pane, .event-pane, .timeline-pane').locator('.spinner').count()).toBe(0)
    await explorer.screenshot('41-missing-stream')
    expect(explorer.pageErrors).toEqual([])
  })

  it.each([
    ['a typo', () => `${generated}x`, /No such directory/],
    ['a path outside the root', () => tmpdir(), /opens only directories under/],
  ])(
    'given %s typed, when refused, then the field keeps the typed text to be fixed in place',
    async (_what, typed, refusal) => {
      const { page } = explorer
      await openTyped(typed())
      await expect.poll(() => page.locator('.top-bar [role=alert]').innerText()).toMatch(refusal)
      expect(await page.getByLabel('Events directory').inputValue()).toBe(typed())
    },
  )

  it('given the browser shell, when the export dialog opens, then a store directory is not offered', async () => {
    const { page } = explorer
    await openTyped(generated)
    await expect.poll(summary).toMatch(/reconciled/)
    await page.getByRole('button', { name: 'Export…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Export events' })
    const formats = await dialog.getByLabel('Format').locator('option').allInnerTexts()
    expect(formats.join('|')).toMatch(/JSONL/)
    expect(formats.join('|')).not.toMatch(/Store directory/)
    await page.keyboard.press('Escape')
  })

  it('given a recent directory that was deleted, when the page loads again, then it is not offered', async () => {
    const { page } = explorer
    const doomed = join(explorer.workDir, 'doomed')
    await generateStore({ dir: doomed, aggregates: 2, events: 4, seed: 8 })
    await openTyped(doomed)
    await expect.poll(summary).toContain(doomed)
    await rm(doomed, { recursive: true })
    await page.reload()
    const recent = page.getByLabel('Recent directories')
    await expect.poll(() => recent.locator('option').allInnerTexts()).toContain(generated)
    expect(await recent.locator('option').allInnerTexts()).not.toContain(doomed)
    expect(explorer.pageErrors).toEqual([])
  })

  it('given a search, when its results show, then they are in time order, sortable and exportable, and an expression error clears them', async () => {
    const { page } = explorer
    await openTyped(generated)
    await expect.poll(summary).toMatch(/reconciled/)
    const events = (
      await Promise.all(
        (await readdir(generated))
          .filter((name) => name.endsWith('.events.jsonl'))
          .map(async (name) =>
            (await readFile(join(generated, name), 'utf8'))
              .split('\n')
              .filter(Boolean)
              .map((line, at) => ({
                ...(JSON.parse(line) as { occurred_at: string }),
                id: name.slice(0, -13),
                v: at + 1,
              })),
          ),
      )
    ).flat()
    const label = (e: { id: string; v: number }) => `${e.id} v ${e.v}`
    const byTime = [...events].sort(
      (a, b) =>
        Date.parse(a.occurred_at) - Date.parse(b.occurred_at) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : a.v - b.v),
    )
    await page.getByRole('tab', { name: 'Search' }).click()
    const panel = page.getByRole('tabpanel', { name: 'Search' })
    await panel.getByRole('button', { name: 'Search', exact: true }).click()
    const results = panel.getByRole('list', { name: 'Search results' })
    const shown = async () =>
      (await results.locator('li').evaluateAll((items) =>
        items.slice(0, 15).map((item) => {
          const text = (selector: string) => item.querySelector(selector)?.textContent ?? ''
          return `${text('.el-aggregate')} ${text('.el-version')}`
        }),
      )) as string[]
    await expect.poll(shown).toEqual(byTime.slice(0, 15).map(label))

    await panel.getByLabel('Sort results').selectOption('time-desc')
    await expect.poll(shown).toEqual([...byTime].reverse().slice(0, 15).map(label))
    const download = page.waitForEvent('download')
    await panel.getByRole('button', { name: 'Export results' }).click()
    const file = join(explorer.workDir, 'search.jsonl')
    await (await download).saveAs(file)
    const exported = (await readFile(file, 'utf8'))
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line))
    expect(exported).toHaveLength(events.length)
    expect(exported.slice(0, 3).map((e) => `${e.aggregate_id} v ${e.version}`)).toEqual(
      [...byTime].reverse().slice(0, 3).map(label),
    )
    await explorer.screenshot('42-search-sorted')

    await panel.getByLabel('Where').fill('payload.amount ==')
    await panel.getByRole('button', { name: 'Search', exact: true }).click()
    await expect.poll(() => panel.getByRole('alert').innerText()).toMatch(/column \d+/)
    expect(await results.count()).toBe(0)
    expect(explorer.pageErrors).toEqual([])
  })

  it('given a stream with two bad lines and a torn tail and an index count off by two, when verified, then the badge says the same before and after', async () => {
    const { page } = explorer
    const dir = join(explorer.workDir, 'damaged')
    await mkdir(dir)
    const event = (id: string, n: number) =>
      JSON.stringify({
        event_id: `${id}-${n}`,
        event_type: 'Touched',
        aggregate_id: id,
        occurred_at: `2026-01-0${n}T00:00:00+00:00`,
        n,
      })
    await writeStream(
      dir,
      'd1',
      [event('d1', 1), '{"bad', event('d1', 2), 'nope', event('d1', 3), '{"torn'].join('\n'),
    )
    await writeStream(dir, 'd2', `${event('d2', 1)}\n${event('d2', 2)}\n`)
    await writeIndex(
      dir,
      {
        d1: { event_count: 3, last_event_at: '2026-01-03T00:00:00+00:00' },
        d2: { event_count: 4, last_event_at: '2026-01-02T00:00:00+00:00' },
      },
      5,
    )
    await openTyped(dir)
    await expect.poll(summary).toMatch(/reconciled/)
    const badge = page.getByRole('button', { name: 'Store health' })
    await expect.poll(() => badge.innerText()).toMatch(/3 errors · 1 warning/)
    expect(await badge.getAttribute('title')).toContain('counts findings')
    await badge.click()
    const panel = page.getByRole('dialog', { name: 'Problems' })
    await panel.getByRole('button', { name: 'Verify now' }).click()
    await expect.poll(() => badge.innerText()).toMatch(/verified/)
    expect(await badge.innerText()).toMatch(/3 errors · 1 warning/)
    expect(await badge.getAttribute('title')).toContain('counts findings')
    expect(await page.locator('.summary-line .ok-text').count()).toBe(0)
    await explorer.screenshot('43-badge-verified')
    await page.keyboard.press('Escape')
  })
})
