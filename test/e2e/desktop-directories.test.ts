// The desktop app's directory controls, end to end: the built renderer in Chromium, its preload bridge
// replaced by one that hands every call to the real core behind the real Electron shell services
// (only the native folder dialog is faked). The page sees paths but opens directories only by id.

import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { App, Dialog } from 'electron'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bridgeGlobalName } from '../../shared/bridge'
import { requestChannels } from '../../shared/channels'
import { createHandlers } from '../../electron/core/api/handlers'
import { createRouter } from '../../electron/core/api/router'
import { ExplorerSession } from '../../electron/core/session/explorer-session'
import { createShellServices } from '../../electron/main/shell-services'
import { jsonLines, writeStream } from '../support/store-files'
import { startExplorer, type Explorer } from './support/explorer-fixture'

let explorer: Explorer
let userData: string
let first: string
let second: string
const session = new ExplorerSession()
/** Every store.open input the page sent through its bridge. */
const opens: unknown[] = []
/** What the fake folder dialog answers next. */
let dialogAnswer: string | null = null
/** How many times the folder dialog was shown. */
let dialogCalls = 0

async function storeWith(dir: string, aggregates: number): Promise<string> {
  await mkdir(dir, { recursive: true })
  for (let i = 1; i <= aggregates; i++)
    await writeStream(dir, `a${i}`, jsonLines([{ event_type: 'Created', aggregate_id: `a${i}`, n: i }]))
  return dir
}

beforeAll(async () => {
  userData = await mkdtemp(join(tmpdir(), 'eventscope-e2e-userdata-'))
  first = await storeWith(join(userData, 'first'), 1)
  second = await storeWith(join(userData, 'second'), 2)
  const services = createShellServices({
    app: { getPath: () => userData, getVersion: () => '0.0.0-e2e' } as unknown as Pick<
      App,
      'getPath' | 'getVersion'
    >,
    dialog: {
      showOpenDialog: async () => {
        dialogCalls += 1
        return { canceled: dialogAnswer === null, filePaths: dialogAnswer ? [dialogAnswer] : [] }
      },
      showSaveDialog: async () => ({ canceled: true, filePath: '' }),
    } as unknown as Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>,
    initialDir: first,
    currentWindow: () => null,
  })
  const dispatch = createRouter(createHandlers(session, services))
  explorer = await startExplorer({
    beforeLoad: async (page) => {
      await page.exposeFunction('__eventscopeDispatch', (channel: string, input: unknown) => {
        // What names the store; the table's first page asked with it is checked in directories.test.ts.
        if (channel === 'store.open') {
          const { firstRows: _firstRows, ...target } = input as Record<string, unknown>
          opens.push(target)
        }
        return dispatch(channel, input)
      })
      // What the preload exposes, one function per channel; push events are not needed here.
      await page.addInitScript(
        ({ channels, name }) => {
          const target = globalThis as unknown as Record<string, unknown> & {
            __eventscopeDispatch: (channel: string, input: unknown) => Promise<unknown>
          }
          const calls = Object.fromEntries(
            channels.map((channel) => [
              channel,
              (input: unknown) => target.__eventscopeDispatch(channel, input),
            ]),
          )
          target[name] = Object.freeze({ ...calls, subscribe: () => () => {} })
        },
        { channels: [...requestChannels], name: bridgeGlobalName },
      )
    },
  })
})

afterAll(async () => {
  await explorer?.close()
  session.close()
  await rm(userData, { recursive: true, force: true })
})

const summary = () => explorer.page.locator('.summary-line').innerText()
const anId = { directoryId: expect.stringMatching(/^[0-9a-f-]{36}$/) }

describe('directories in the desktop app', () => {
  it('given the app started on a store, when the page loads, then it opens it by id and shows its path in the field', async () => {
    const { page } = explorer
    await expect.poll(summary).toMatch(/\b1\s+aggregates?\b/)

    expect(opens).toEqual([anId])
    await expect.poll(() => page.getByLabel('Events directory').inputValue()).toBe(first)
    await explorer.screenshot('desktop-directory')
  })

  it('given the field, when a directory path is typed and sent, then nothing is sent to main and one line says the field takes a database address', async () => {
    const { page } = explorer
    const field = page.getByLabel('Events directory')

    await field.fill(second)
    await field.press('Enter')

    await expect
      .poll(async () => (await page.getByRole('alert').allInnerTexts()).join('\n'))
      .toContain('This field takes a database address (postgres://…); choose a folder with Browse….')
    expect(opens).toEqual([anId])
    await field.fill(first)
  })

  it('given Browse…, when the dialog answers a folder, then the page opens it by the id main handed out', async () => {
    const { page } = explorer
    dialogAnswer = second

    await page.getByRole('button', { name: 'Browse…' }).click()

    await expect.poll(summary).toMatch(/\b2\s+aggregates\b/)
    expect(opens).toEqual([anId, anId])
    await expect.poll(() => page.getByLabel('Events directory').inputValue()).toBe(second)
  })

  it('given the desktop app, when Ctrl+L and then Ctrl+O are pressed, then the address field takes the focus and the folder dialog opens', async () => {
    const { page } = explorer
    dialogAnswer = null
    const before = opens.length

    await page.keyboard.press('Control+l')
    await expect
      .poll(() => page.evaluate('document.activeElement?.getAttribute("aria-label")'))
      .toBe('Events directory')
    await page.keyboard.press('Control+o')

    await expect.poll(() => dialogCalls).toBeGreaterThan(0)
    expect(opens.length).toBe(before)
    expect(explorer.pageErrors).toEqual([])
  })

  it('given the recent menu, when the first store is chosen, then it opens by the id it had at start', async () => {
    const { page } = explorer
    const recent = page.getByLabel('Recent directories')
    await expect.poll(() => recent.locator('option').allInnerTexts()).toEqual(['Recent…', second, first])

    await recent.selectOption({ label: first })

    await expect.poll(summary).toMatch(/\b1\s+aggregates?\b/)
    expect(opens.at(-1)).toEqual(opens[0])
  })

  it('given a page that sends a raw path itself, when store.open runs, then it is refused and the open store stays', async () => {
    const { page } = explorer

    const answer = await page.evaluate(
      ([name, dir]) =>
        (globalThis as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>)[
          name
        ]?.['store.open']?.({ dir }),
      [bridgeGlobalName, second] as const,
    )

    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(session.storeDir()).toBe(first)
    expect(explorer.pageErrors).toEqual([])
  })
})
