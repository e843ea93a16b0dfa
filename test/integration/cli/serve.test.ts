// `eventscope serve` and the `open` fallback: a real loopback server from the built CLI, stopped by signal.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { writeStoreWithoutIndex } from '../../fixtures/damaged-store'
import { builtCli, repoRoot, requireBuiltCli } from './run-built-cli'

const root = mkdtempSync(join(tmpdir(), 'eventscope-cli-serve-'))
const store = writeStoreWithoutIndex(join(root, 'store'))
const children: ChildProcessWithoutNullStreams[] = []

beforeAll(() => {
  requireBuiltCli()
  const page = join(repoRoot, 'out/renderer/index.html')
  if (!existsSync(page)) throw new Error(`${page} is missing: build first with \`npm run build\``)
})
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

interface Started {
  readonly child: ChildProcessWithoutNullStreams
  readonly first: { url: string; port: number; dir: string | null }
  readonly stderr: () => string
}

/** Start the CLI and resolve with the first JSON line it prints. */
function start(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Started> {
  const child = spawn(process.execPath, [builtCli, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
  })
  children.push(child)
  let stdout = ''
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  return new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
      const newline = stdout.indexOf('\n')
      if (newline !== -1)
        resolve({ child, first: JSON.parse(stdout.slice(0, newline)), stderr: () => stderr })
    })
    child.on('exit', (code) => reject(new Error(`exited ${code} before printing: ${stderr}`)))
  })
}

function exitCode(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.on('exit', (code) => resolve(code)),
  )
}

describe('given eventscope serve DIR --json', () => {
  it('when started, then it prints a loopback URL with a token, serves the explorer with it, refuses without it, and stops on SIGTERM', async () => {
    const { child, first } = await start(['serve', store.dir, '--json'])
    const url = new URL(first.url)
    expect(url.hostname).toBe('127.0.0.1')
    expect(url.searchParams.get('token')).toMatch(/.{16,}/)
    expect(first.dir).toBe(store.dir)

    const page = await fetch(first.url)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toContain('text/html')
    const refused = await fetch(`http://127.0.0.1:${first.port}/`)
    expect(refused.status).toBe(403)

    child.kill('SIGTERM')
    expect(await exitCode(child)).toBe(0)
  }, 30_000)
})

describe('given eventscope open DIR without an Electron runtime', () => {
  it('when started, then it says so in one line and serves the browser shell instead', async () => {
    // An empty override directory: the probe finds no binary even where Electron is installed.
    const empty = mkdtempSync(join(root, 'no-electron-'))
    const { child, first, stderr } = await start(['open', store.dir, '--json'], {
      ELECTRON_OVERRIDE_DIST_PATH: empty,
    })
    // The notice goes to stderr before the URL goes to stdout, but the two pipes are read separately.
    for (let waited = 0; stderr() === '' && waited < 2000; waited += 50)
      await new Promise((r) => setTimeout(r, 50))
    expect(stderr().trim()).toBe(
      'eventscope: the Electron runtime is not installed (node_modules/electron has no binary); starting the browser shell instead.',
    )
    expect((await fetch(first.url)).status).toBe(200)
    child.kill('SIGINT')
    expect(await exitCode(child)).toBe(0)
  }, 30_000)
})

describe('given eventscope open DIR --aggregate ID --at N without an Electron runtime', () => {
  it('when started, then the browser shell URL carries the place as its #/… address', async () => {
    const empty = mkdtempSync(join(root, 'no-electron-'))
    const { child, first } = await start(['open', store.dir, '--aggregate', 'a 1', '--at', '2', '--json'], {
      ELECTRON_OVERRIDE_DIST_PATH: empty,
    })
    const url = new URL(first.url)
    expect(url.hash).toBe('#/aggregate/a%201/at/2')
    expect(url.searchParams.get('token')).toMatch(/^[\w-]{20,}$/)
    expect((await fetch(first.url)).status).toBe(200)
    child.kill('SIGINT')
    expect(await exitCode(child)).toBe(0)
  }, 30_000)
})
