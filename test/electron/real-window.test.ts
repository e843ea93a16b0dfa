// The real desktop window: the built app run by the Electron runtime through playwright-core's
// `_electron.launch`. Opens a store from the command line, scrubs, appends, exports through the save
// dialog (stubbed at the dialog only: the file is written by the real export) and checks the window's
// security settings from inside.
//
// The runtime is found as `npm start` finds it (node_modules/electron's path.txt), or given by
// EVENTSCOPE_ELECTRON (an executable). Without one the suite skips with one printed line saying why:
// this project's own machines cannot download Electron. `npm run test:all` runs it.

import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { _electron, type ElectronApplication, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateStore, type GeneratedAggregate } from '../../electron/core/gen/generate-store'

const repoRoot = resolve(import.meta.dirname, '../..')

/** The Electron executable to drive, or why there is none. */
async function findRuntime(): Promise<{ binary: string } | { missing: string }> {
  const given = process.env.EVENTSCOPE_ELECTRON
  if (given)
    return existsSync(given) ? { binary: given } : { missing: `EVENTSCOPE_ELECTRON=${given} does not exist` }
  const start = (await import(pathToFileURL(join(repoRoot, 'scripts/start.mjs')).href)) as {
    electronBinary: (root: string) => string | null
  }
  const binary = start.electronBinary(repoRoot)
  return binary
    ? { binary }
    : { missing: 'no Electron runtime in node_modules/electron and EVENTSCOPE_ELECTRON is not set' }
}

const runtime = await findRuntime()
const built = existsSync(join(repoRoot, 'out/main/index.js'))
const skipReason =
  'missing' in runtime ? runtime.missing : built ? null : 'out/main is missing: run `npm run build` first'
if (skipReason) console.log(`real Electron window suite skipped: ${skipReason}`)

describe.skipIf(skipReason !== null)('the real Electron window', () => {
  let app: ElectronApplication
  let page: Page
  let workDir: string
  let storeDir: string
  let target: GeneratedAggregate

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'eventscope-electron-'))
    storeDir = join(workDir, 'events')
    const store = await generateStore({ dir: storeDir, aggregates: 8, events: 120, seed: 4 })
    target = store.aggregates.find((aggregate) => aggregate.eventCount >= 3) as GeneratedAggregate
    const env = Object.fromEntries(
      Object.entries(process.env).filter(
        (entry): entry is [string, string] => entry[1] !== undefined && entry[0] !== 'ELECTRON_RUN_AS_NODE',
      ),
    )
    app = await _electron.launch({
      executablePath: (runtime as { binary: string }).binary,
      // As `npm start -- DIR` runs it; a separate user data folder keeps the user's recent list apart.
      args: [repoRoot, storeDir, `--user-data-dir=${join(workDir, 'user-data')}`],
      cwd: repoRoot,
      env,
    })
    page = await app.firstWindow()
  }, 120_000)

  afterAll(async () => {
    await app?.close()
    if (workDir) await rm(workDir, { recursive: true, force: true })
  })

  it('given a store on the command line, when the window opens, then it shows that store', async () => {
    await expect
      .poll(() => page.locator('.summary-line').innerText(), { timeout: 30_000 })
      .toMatch(/\b8\s+aggregates\b/)
    expect(await page.locator('.summary-line').innerText()).toContain(storeDir)
  })

  it('given the window, when its settings are read from inside, then it is isolated, sandboxed and without Node', async () => {
    const inside = await page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      bridge: typeof (globalThis as { eventscope?: unknown }).eventscope,
      origin: (globalThis as unknown as { location: { origin: string } }).location.origin,
    }))
    expect(inside).toEqual({
      require: 'undefined',
      process: 'undefined',
      bridge: 'object',
      origin: 'app://eventscope',
    })
    const preferences = await app.evaluate(({ BrowserWindow }) => {
      // Not in Electron's typings, but on every WebContents: the preferences the page really got.
      const contents = BrowserWindow.getAllWindows()[0]?.webContents as unknown as
        { getLastWebPreferences(): Record<string, unknown> | null } | undefined
      const prefs = contents?.getLastWebPreferences()
      return (
        prefs && {
          contextIsolation: prefs.contextIsolation,
          sandbox: prefs.sandbox,
          nodeIntegration: prefs.nodeIntegration,
          webSecurity: prefs.webSecurity,
        }
      )
    })
    expect(preferences).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    })
    const opened = await page.evaluate(
      () => (globalThis as unknown as { open(url: string): unknown }).open('https://example.com') === null,
    )
    expect(opened).toBe(true)
  })

  it('given an aggregate, when the slider is scrubbed with the keyboard, then the state follows', async () => {
    await page.getByLabel('Filter aggregates').fill(target.id)
    await page
      .getByRole('grid', { name: 'Aggregates' })
      .getByRole('row')
      .filter({ hasText: target.id.slice(0, 12) })
      .click()
    const slider = page.getByRole('slider', { name: 'Version' })
    await expect.poll(() => slider.getAttribute('max')).toBe(String(target.eventCount))
    await slider.focus()
    await page.keyboard.press('Home')
    await expect.poll(() => slider.inputValue()).toBe('0')
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => slider.inputValue()).toBe('1')
    await page.keyboard.press('End')
    await expect.poll(() => slider.inputValue()).toBe(String(target.eventCount))
  })

  it('given the Append tab, when an event is appended, then it is in the stream file', async () => {
    await page.getByRole('tab', { name: 'Append' }).click()
    const form = page.getByRole('form', { name: 'Append event' })
    await form.getByLabel('Event type').fill('RealWindowChecked')
    await form.getByLabel('Payload').fill('{"checked": true}')
    await form.getByLabel('Expected version').fill(String(target.eventCount))
    await form.getByRole('button', { name: 'Append' }).click()
    await expect
      .poll(() => form.getByRole('status').innerText())
      .toContain(`as version ${target.eventCount + 1}`)
    const lines = (await readFile(join(storeDir, `${target.id}.events.jsonl`), 'utf8')).trimEnd().split('\n')
    expect(JSON.parse(lines.at(-1) as string)).toMatchObject({
      event_type: 'RealWindowChecked',
      checked: true,
    })
  })

  it('given Export… with the save dialog answering a path, when exported as JSONL, then that file holds the stream', async () => {
    const out = join(workDir, 'exported.jsonl')
    // Only the dialog is replaced: everything from the answer on is the real export.
    await app.evaluate(({ dialog }, filePath) => {
      dialog.showSaveDialog = (async () => ({ canceled: false, filePath })) as typeof dialog.showSaveDialog
    }, out)
    await page.getByRole('tab', { name: 'Inspect' }).click()
    await page.getByRole('button', { name: 'Export…' }).click()
    const exportDialog = page.getByRole('dialog', { name: 'Export events' })
    await exportDialog.getByLabel('Format').selectOption('jsonl')
    await exportDialog.getByRole('radio', { name: /Selected aggregate/ }).check()
    await exportDialog.getByRole('button', { name: 'Export', exact: true }).click()
    await expect.poll(() => existsSync(out), { timeout: 30_000 }).toBe(true)
    expect(await readFile(out, 'utf8')).toBe(
      await readFile(join(storeDir, `${target.id}.events.jsonl`), 'utf8'),
    )
  })
})
