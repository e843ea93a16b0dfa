// The time-travel debugger end to end in the browser shell: a breakpoint set by a transition of the
// state, Play stopping at it, its hits marked on the slider and in the timeline, the hit keys, a watch,
// and the Invariants tab opening a violator at its first bad version with the breakpoint set.

import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bankReducer } from '../integration/core/insight-fixtures'
import { seriousViolations } from './support/axe'
import { startExplorer, type Explorer } from './support/explorer-fixture'

let explorer: Explorer
let storeDir: string

const start = Date.parse('2026-04-01T09:00:00Z')

/** A stream of `[event_type, payload]` steps, one an hour. */
function stream(id: string, steps: readonly (readonly [string, object])[]): string {
  return (
    steps
      .map(([type, payload], i) =>
        JSON.stringify({
          event_id: `${id}-${i + 1}`,
          event_type: type,
          aggregate_id: id,
          occurred_at: new Date(start + i * 3_600_000).toISOString(),
          ...payload,
        }),
      )
      .join('\n') + '\n'
  )
}

// ord-1 goes paid -> shipped at v 5, back to paid at v 6 (a return) and paid -> shipped again at v 8.
const ord1 = stream('ord-1', [
  ['OrderPlaced', { status: 'placed', total: 40 }],
  ['NoteAdded', { note: 'gift' }],
  ['OrderPaid', { status: 'paid' }],
  ['NoteAdded', { note: 'fragile' }],
  ['OrderShipped', { status: 'shipped' }],
  ['OrderReturned', { status: 'paid' }],
  ['NoteAdded', { note: 'resend' }],
  ['OrderShipped', { status: 'shipped' }],
  ['OrderDelivered', { status: 'delivered' }],
  ['NoteAdded', { note: 'thanks' }],
])
const ord2 = stream('ord-2', [
  ['OrderPlaced', { status: 'placed', total: 12 }],
  ['OrderPaid', { status: 'paid' }],
  ['OrderShipped', { status: 'shipped' }],
])

const transition = 'from(state.status, "paid") to(state.status, "shipped")'

beforeAll(async () => {
  explorer = await startExplorer()
  storeDir = join(explorer.workDir, 'orders')
  await mkdir(storeDir, { recursive: true })
  await writeFile(join(storeDir, 'ord-1.events.jsonl'), ord1)
  await writeFile(join(storeDir, 'ord-2.events.jsonl'), ord2)
})

afterAll(async () => {
  await explorer?.close()
})

const grid = () => explorer.page.getByRole('grid', { name: 'Aggregates' })
const slider = () => explorer.page.getByRole('slider', { name: 'Version' })
const state = () => explorer.page.getByRole('region', { name: 'State' })
const debugPane = () => explorer.page.locator('.debug-pane')
const playButton = () => explorer.page.getByRole('button', { name: /^(Play|Pause)$/ })

describe('the debugger', () => {
  it('given a breakpoint set by a transition, when Play runs from the start, then it stops at the first hit and the slider marks every hit', async () => {
    const { page } = explorer
    await page.getByLabel('Events directory').fill(storeDir)
    await page.getByLabel('Events directory').press('Enter')
    await grid().getByRole('row').filter({ hasText: 'ord-1' }).click()
    await expect.poll(() => slider().getAttribute('max')).toBe('10')
    await slider().focus()
    await page.keyboard.press('Home')
    await expect.poll(() => slider().inputValue()).toBe('0')

    await page.getByLabel('Debug expression').fill(transition)
    await page.getByLabel('Debug expression').press('Enter')
    const breakpoints = page.getByRole('list', { name: 'Breakpoints' })
    await expect.poll(() => breakpoints.innerText()).toMatch(/2 hits/)
    // The marks on the slider's track, at v 5 and v 8, and the same rows marked in the timeline.
    const marks = page.getByRole('img', { name: /^Breakpoint hits/ })
    await expect.poll(() => marks.getAttribute('aria-label')).toBe('Breakpoint hits at v 5, v 8')
    await expect.poll(() => marks.locator('.hit-mark').count()).toBe(2)
    const timeline = page.getByRole('grid', { name: 'Timeline' })
    await expect
      .poll(() => timeline.locator('.tl-row.hit').allInnerTexts())
      .toEqual([expect.stringMatching(/^\s*5\s+OrderShipped/), expect.stringMatching(/^\s*8\s+OrderShipped/)])
    const box = await slider().boundingBox()
    const mark = await marks.locator('.hit-mark').first().boundingBox()
    if (!box || !mark) throw new Error('the slider is not laid out')
    // v 5 of 10 sits in the middle of the track.
    expect(Math.abs(mark.x + mark.width / 2 - (box.x + box.width / 2))).toBeLessThan(6)

    await page.getByLabel('Play speed').selectOption('25')
    await playButton().click()
    await expect.poll(() => slider().inputValue()).toBe('5')
    await expect.poll(() => playButton().innerText()).toBe('Play')
    await expect.poll(() => state().innerText()).toMatch(/status:\s*"shipped"/)
    await expect.poll(() => debugPane().innerText()).toMatch(/2 hits · here/)
    // Stopped, it stays there.
    await expect.poll(() => slider().inputValue()).toBe('5')
    await explorer.screenshot('debugger-01-play-stopped-at-breakpoint')

    // Play again leaves the hit and stops at the next one.
    await playButton().click()
    await expect.poll(() => slider().inputValue()).toBe('8')
    await expect.poll(() => playButton().innerText()).toBe('Play')
  })

  it('given two hits, when the hit keys are pressed, then the slider walks between them, and a watch shows its value at each', async () => {
    const { page } = explorer
    await page.getByLabel('Debug expression').fill('prev.status')
    await page.getByRole('button', { name: 'Add watch' }).click()
    const value = page.getByRole('status', { name: 'Value of prev.status' })
    await expect.poll(() => value.innerText()).toBe('"paid"')
    await slider().focus()
    await page.keyboard.press('Shift+H')
    await expect.poll(() => slider().inputValue()).toBe('5')
    await page.keyboard.press('End')
    await expect.poll(() => value.innerText()).toBe('"delivered"')
    await page.keyboard.press('Shift+H')
    await expect.poll(() => slider().inputValue()).toBe('8')
    await page.keyboard.press('Home')
    await page.keyboard.press('h')
    await expect.poll(() => slider().inputValue()).toBe('5')
    await expect.poll(() => value.innerText()).toBe('"paid"')
    expect(await seriousViolations(page, '.debug-pane')).toEqual([])
  })

  it('given an invariant broken by one aggregate, when checked in the Invariants tab and its violator opened, then it shows at its first violating version with the breakpoint set', async () => {
    const { page } = explorer
    await grid().getByRole('row').filter({ hasText: 'ord-2' }).click()
    await expect.poll(() => slider().getAttribute('max')).toBe('3')
    await page.getByRole('tab', { name: 'Invariants' }).click()
    const panel = page.getByRole('tabpanel', { name: 'Invariants' })
    const invariant = 'not from(state.status, "shipped") to(state.status, "paid")'
    await panel.getByLabel('Invariant').fill(invariant)
    await panel.getByRole('button', { name: 'Check' }).click()
    const violations = panel.getByRole('list', { name: 'Violations' })
    await expect.poll(() => violations.getByRole('button').count()).toBe(1)
    await expect.poll(() => violations.innerText()).toMatch(/ord-1[\s\S]*v 6[\s\S]*OrderReturned/)
    await expect.poll(() => panel.getByRole('status').innerText()).toMatch(/^1\s+aggregate breaks it/)
    await explorer.screenshot('debugger-02-invariants')
    expect(await seriousViolations(page, '.invariants-panel')).toEqual([])

    await violations.getByRole('button').first().click()
    await expect.poll(() => grid().getByRole('row', { selected: true }).innerText()).toContain('ord-1')
    await expect.poll(() => slider().inputValue()).toBe('6')
    const breakpoints = page.getByRole('list', { name: 'Breakpoints' })
    await expect.poll(() => breakpoints.innerText()).toContain(`not (${invariant})`)
    await expect
      .poll(() => page.getByRole('img', { name: /^Breakpoint hits/ }).getAttribute('aria-label'))
      .toBe('Breakpoint hits at v 5, v 6, v 8')
    await explorer.screenshot('debugger-03-violation-opened')
  })

  it('given a store with its own reducer, when trusted, then the hits are those of its states, and a breakpoint after the event it fails on says where the hits stop', async () => {
    const { page } = explorer
    const bank = join(explorer.workDir, 'bank')
    await mkdir(join(bank, '.eventscope', 'reducers'), { recursive: true })
    await writeFile(join(bank, '.eventscope', 'reducers', 'Account.js'), bankReducer)
    // bob: 200 in, 50 out, then 500 out, which the reducer refuses (overdrawn) at v 4.
    await writeFile(
      join(bank, 'acc-bob.events.jsonl'),
      stream('acc-bob', [
        ['AccountOpened', { owner: 'bob' }],
        ['MoneyDeposited', { amount: 200 }],
        ['MoneyWithdrawn', { amount: 50 }],
        ['MoneyWithdrawn', { amount: 500 }],
        ['MoneyDeposited', { amount: 40 }],
      ]),
    )
    await page.getByLabel('Events directory').fill(bank)
    await page.getByLabel('Events directory').press('Enter')
    await grid().getByRole('row').filter({ hasText: 'acc-bob' }).click()
    await expect.poll(() => slider().getAttribute('max')).toBe('5')
    // The breakpoints of the orders store stay; this one is about the balance the reducer keeps.
    await page.getByRole('button', { name: `Remove breakpoint ${transition}` }).click()
    await page.getByLabel('Debug expression').fill('changed(state.balance)')
    await page.getByLabel('Debug expression').press('Enter')
    const breakpoints = page.getByRole('list', { name: 'Breakpoints' })
    // Under the merge patch there is no balance: it never changes.
    await expect.poll(() => breakpoints.getByRole('listitem').last().innerText()).toMatch(/0 hits/)

    await page.getByRole('button', { name: 'Trust this directory' }).click()
    await page
      .getByRole('alertdialog', { name: 'Trust this directory?' })
      .getByRole('button', { name: 'Trust and run it' })
      .click()
    await expect.poll(() => page.getByLabel('Reducer: Account.js').count(), { timeout: 30_000 }).toBe(1)
    await expect.poll(() => breakpoints.getByRole('listitem').last().innerText()).toMatch(/2 hits/)
    await expect
      .poll(() => debugPane().innerText())
      .toMatch(/Hits stop before v 4, the event the reducer failed on/)
    await expect
      .poll(() => page.getByRole('img', { name: /^Breakpoint hits/ }).getAttribute('aria-label'))
      .toBe('Breakpoint hits at v 2, v 3')
    await explorer.screenshot('debugger-04-custom-reducer')
    expect(explorer.pageErrors).toEqual([])
  })
})
