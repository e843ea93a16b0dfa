import { execFile } from 'node:child_process'
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const startScript = resolve(import.meta.dirname, '../../../../scripts/start.mjs')

interface StartModule {
  missingBuildOutputs(root: string): string[]
  chooseStoreDir(root: string, args: string[], cwd?: string): { dir: string; sample: boolean }
  electronBinary(root: string, env?: Record<string, string | undefined>): string | null
}

const start = (await import(startScript)) as StartModule

/** A throwaway copy of the repo layout: start.mjs, a fake built CLI, a fake electron package. */
function fakeRepo(options: { electron: 'missing' | 'present' }): string {
  const root = mkdtempSync(join(tmpdir(), 'eventscope-start-'))
  mkdirSync(join(root, 'scripts'))
  copyFileSync(startScript, join(root, 'scripts', 'start.mjs'))
  for (const dir of ['out/main', 'out/preload', 'out/renderer', 'node_modules/electron']) {
    mkdirSync(join(root, dir), { recursive: true })
  }
  writeFileSync(join(root, 'out/main/index.js'), '')
  writeFileSync(join(root, 'out/preload/index.cjs'), '')
  writeFileSync(join(root, 'out/renderer/index.html'), '')
  // The fake CLI logs its arguments; `gen` makes a store with an index.
  writeFileSync(
    join(root, 'out/main/cli.js'),
    `const fs = require('node:fs'), path = require('node:path')
const args = process.argv.slice(2)
console.log('CLI ' + JSON.stringify(args))
if (args[0] === 'gen') { fs.mkdirSync(args[1], { recursive: true }); fs.writeFileSync(path.join(args[1], 'index.json'), '{}') }
`,
  )
  writeFileSync(join(root, 'node_modules/electron/install.js'), 'process.exit(1)\n')
  if (options.electron === 'present') {
    mkdirSync(join(root, 'node_modules/electron/dist'))
    writeFileSync(join(root, 'node_modules/electron/path.txt'), 'electron')
    const binary = join(root, 'node_modules/electron/dist/electron')
    writeFileSync(binary, `#!/bin/sh\necho "ELECTRON $*"\n`)
    chmodSync(binary, 0o755)
  }
  return root
}

async function runStart(root: string, args: string[], env: Record<string, string> = {}) {
  const { stdout } = await promisify(execFile)(process.execPath, [join(root, 'scripts/start.mjs'), ...args], {
    cwd: root,
    timeout: 20_000,
    env: { ...process.env, EVENTSCOPE_SHELL: '', ...env },
  })
  return stdout.trim().split('\n')
}

describe('scripts/start.mjs helpers', () => {
  it('given no argument, when choosing the store, then it is the sample store in the repo', () => {
    expect(start.chooseStoreDir('/repo', [])).toEqual({ dir: '/repo/.eventscope-sample', sample: true })
  })

  it('given a relative directory, when choosing the store, then it resolves against the working directory', () => {
    expect(start.chooseStoreDir('/repo', ['events'], '/data')).toEqual({ dir: '/data/events', sample: false })
  })

  it('given an electron package without a binary, when looking for the runtime, then there is none', () => {
    expect(start.electronBinary(fakeRepo({ electron: 'missing' }))).toBeNull()
  })

  it('given an electron package with its binary, when looking for the runtime, then its path is returned', () => {
    const root = fakeRepo({ electron: 'present' })
    expect(start.electronBinary(root)).toBe(join(root, 'node_modules/electron/dist/electron'))
  })

  it('given a fresh checkout, when checking the build, then every output is reported missing', () => {
    const root = mkdtempSync(join(tmpdir(), 'eventscope-empty-'))
    expect(start.missingBuildOutputs(root)).toHaveLength(4)
  })
})

describe('npm start', () => {
  it('given no Electron runtime and a failing download, when started without a directory, then it generates the sample and serves it in the browser shell', async () => {
    const root = fakeRepo({ electron: 'missing' })
    const sample = join(root, '.eventscope-sample')

    const lines = await runStart(root, [])

    expect(existsSync(join(sample, 'index.json'))).toBe(true)
    expect(lines).toContain(
      `CLI ${JSON.stringify(['gen', sample, '--aggregates', '60', '--events', '1500', '--seed', '1'])}`,
    )
    expect(lines.filter((line) => line.startsWith('Electron runtime not available'))).toEqual([
      'Electron runtime not available (download failed); starting the browser shell instead.',
    ])
    expect(lines.at(-1)).toBe(`CLI ${JSON.stringify(['serve', sample])}`)
  })

  it('given a directory and the Electron runtime, when started, then it launches Electron on the app with that directory', async () => {
    const root = fakeRepo({ electron: 'present' })
    const store = mkdtempSync(join(tmpdir(), 'eventscope-store-'))

    const lines = await runStart(root, [store])

    expect(lines).toEqual([`ELECTRON ${root} ${store}`])
  })

  it.each([
    ['--root DIR', (dir: string) => ['--root', dir]],
    ['--root=DIR', (dir: string) => [`--root=${dir}`]],
  ])(
    'given only %s and no Electron runtime, when started, then the browser shell serves no store and takes DIR as its root',
    async (_form, args) => {
      const root = fakeRepo({ electron: 'missing' })
      const parent = mkdtempSync(join(tmpdir(), 'eventscope-roots-'))

      const lines = await runStart(root, args(parent))

      expect(lines.at(-1)).toBe(`CLI ${JSON.stringify(['serve', ...args(parent)])}`)
      expect(existsSync(join(root, '.eventscope-sample'))).toBe(false)
    },
  )

  it('given a directory, a --root and a --port, when served, then the directory is the store and the options pass through', async () => {
    const root = fakeRepo({ electron: 'missing' })
    const parent = mkdtempSync(join(tmpdir(), 'eventscope-roots-'))
    const store = join(parent, 'events')
    mkdirSync(store)

    const lines = await runStart(root, ['--root', parent, store, '--port', '4100'])

    expect(lines.at(-1)).toBe(`CLI ${JSON.stringify(['serve', store, '--root', parent, '--port', '4100'])}`)
  })

  it('given a missing build output, when started, then it builds first with electron-vite', async () => {
    const root = fakeRepo({ electron: 'present' })
    rmSync(join(root, 'out/renderer/index.html'))
    mkdirSync(join(root, 'node_modules/electron-vite/bin'), { recursive: true })
    writeFileSync(
      join(root, 'node_modules/electron-vite/bin/electron-vite.js'),
      `require('node:fs').writeFileSync('out/renderer/index.html', '')\nconsole.log('BUILD ' + process.argv.slice(2).join(' '))\n`,
    )
    const store = mkdtempSync(join(tmpdir(), 'eventscope-store-'))

    const lines = await runStart(root, [store])

    expect(lines.slice(1)).toEqual(['BUILD build', `ELECTRON ${root} ${store}`])
    expect(lines[0]).toMatch(/^Building eventscope \(missing out\/renderer\/index.html\)/)
  })

  it('given a path that is not a directory, when started, then it fails with one clear line', async () => {
    const root = fakeRepo({ electron: 'present' })

    const failure = await runStart(root, [join(root, 'nope')]).catch(
      (error: { code: number; stderr: string }) => error,
    )

    expect(failure).toMatchObject({ code: 2 })
    expect((failure as { stderr: string }).stderr.trim()).toBe(
      `eventscope: ${join(root, 'nope')} is not a directory.`,
    )
  })
})
