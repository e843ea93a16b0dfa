// Smoke tests of what `electron-vite build` produced, run in plain Node with a fake `electron` module:
// this machine has no Electron binary, so this is as close to launching the app as the tests get.

import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, realpathSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { requestChannels } from '../../../../shared/channels'
import { commandSpecs } from '../../../../shared/commands'

const root = resolve(import.meta.dirname, '../../../..')
const runner = join(import.meta.dirname, 'fake-electron-runner.cjs')
const mainBundle = join(root, 'out/main/index.js')
const preloadBundle = join(root, 'out/preload/index.cjs')
const rendererPage = join(root, 'out/renderer/index.html')

const secureWebPreferences = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
}

function requireBuilt(file: string): void {
  if (!existsSync(file)) {
    throw new Error(
      `${file} is missing: build first with \`npm run build\` (\`npm test\` builds before testing).`,
    )
  }
}

// The runner's report is loosely typed JSON; the assertions below give it its shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Report = Record<string, any>

async function run(mode: 'main' | 'preload', bundle: string, ...args: string[]): Promise<Report> {
  const { stdout } = await promisify(execFile)(process.execPath, [runner, mode, bundle, ...args], {
    cwd: root,
    timeout: 20_000,
  })
  const marker = stdout.lastIndexOf('@@REPORT@@')
  if (marker < 0) throw new Error(`the runner printed no report:\n${stdout}`)
  return JSON.parse(stdout.slice(marker + '@@REPORT@@'.length)) as Report
}

describe('the build output', () => {
  it.each([mainBundle, preloadBundle, rendererPage])(
    'given npm test built the app, then %s exists',
    (file) => {
      expect(() => requireBuilt(file)).not.toThrow()
    },
  )
})

describe('the built main bundle, loaded with a fake electron', () => {
  let report: Report
  const initialDir = mkdtempSync(join(tmpdir(), 'eventscope-initial-'))

  beforeAll(async () => {
    requireBuilt(mainBundle)
    requireBuilt(rendererPage)
    report = await run('main', mainBundle, mkdtempSync(join(tmpdir(), 'eventscope-userdata-')), initialDir)
  }, 30_000)

  it('given the app starts, when it is ready, then it starts without errors and no call to exit', () => {
    expect(report.errors).toEqual([])
    expect(report.exitCodes).toEqual([])
    expect(report.requires).toContain('electron')
  })

  it('given the app is ready, when it creates its window, then there is one with the secure web preferences and our preload', () => {
    expect(report.sandboxEnabled).toBe(true)
    expect(report.windows).toHaveLength(1)
    const prefs = report.windows[0].options.webPreferences
    expect(prefs).toMatchObject(secureWebPreferences)
    expect(prefs.preload).toBe(join(root, 'out/preload/index.cjs'))
  })

  it('given the window, when it loads, then it loads the app origin, which serves out/renderer/index.html with the CSP header', () => {
    expect(report.windows[0].loadURL).toEqual(['app://eventscope/index.html'])
    expect(report.windows[0].loadFile).toEqual([])
    expect(report.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ])
    expect(report.protocolSchemes).toEqual(['app'])
    expect(report.page).toMatchObject({ status: 200, contentType: 'text/html; charset=utf-8' })
    expect(report.page.body).toBe(readFileSync(rendererPage, 'utf8'))
    expect(report.page.csp).toContain("default-src 'self'")
    expect(report.page.csp).toContain("frame-ancestors 'none'")
  })

  it('given the command list, when the app is ready, then its menu holds every menu command and choosing one sends its id to the window', () => {
    expect(report.menuIds).toEqual(commandSpecs.filter((spec) => spec.menu !== null).map((spec) => spec.id))
    expect(report.menuSent).toEqual([['onCommand', { id: 'showShortcuts' }]])
  })

  it('given the contract, when IPC is registered, then every request channel has a handler', () => {
    expect([...report.handles].sort()).toEqual([...requestChannels].sort())
  })

  it('given our window, when it calls app.info, then the core answers with the electron shell and the launch directory by id', () => {
    expect(report.calls.trustedInfo).toMatchObject({
      ok: true,
      value: {
        shell: 'electron',
        version: '0.0.0-smoke',
        initialDir: { id: expect.stringMatching(/^[0-9a-f-]{36}$/), path: realpathSync(initialDir) },
        canPickDirectory: true,
        canTypePath: false,
      },
    })
  })

  it('given our window, when it opens a raw path or a forged id, then it is forbidden; the id main handed out opens', () => {
    expect(report.calls.rawPathOpen).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(report.calls.forgedIdOpen).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(report.calls.initialIdOpen).toMatchObject({
      ok: true,
      value: { dir: realpathSync(initialDir), aggregates: 0 },
    })
  })

  it('given a stranger or malformed input, when it calls, then it gets forbidden or invalid_input', () => {
    expect(report.calls.strangerInfo).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(report.calls.malformedOpen).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  })

  it('given the page, when it navigates, opens windows, attaches webviews or asks permissions, then all are denied', () => {
    expect(report.navigationPrevented).toBe(true)
    expect(report.windowOpen).toEqual({ action: 'deny' })
    expect(report.webviewPrevented).toBe(true)
    expect(report.permissionRequestDenied).toBe(true)
    expect(report.permissionCheckDenied).toBe(true)
    expect(report.openedExternally).toEqual([])
  })

  it('given the app, when it quits, then it holds the quit until the session is closed and then quits', () => {
    expect(report.quitPreventedForCleanup).toBe(true)
    expect(report.quitCalls).toBe(1)
  })
})

describe('the built preload bundle', () => {
  it('given the sandbox, when the preload is read, then it requires nothing but electron', () => {
    requireBuilt(preloadBundle)
    const source = readFileSync(preloadBundle, 'utf8')
    const requires = [...source.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1])

    expect(requires).toEqual(['electron'])
    expect(source).not.toMatch(/\bimport\s*\(|^\s*import\s/m)
  })

  it('given a fake electron, when the preload runs, then it exposes eventscope with the channels and subscribe', async () => {
    requireBuilt(preloadBundle)

    const report = await run('preload', preloadBundle)

    expect(report.errors).toEqual([])
    expect(report.exposed).toHaveLength(1)
    expect(report.exposed[0].name).toBe('eventscope')
    expect([...report.exposed[0].keys].sort()).toEqual([...requestChannels, 'subscribe'].sort())
  })
})
