// `eventscope state --reducer FILE` and `--trust` through the built CLI: custom reducers in the sandbox.

import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { useTempDirs } from '../../support/temp-dir'
import { bankReducer, strictReducer, writeBankStore, writeModule } from './bank-store'
import { requireBuiltCli, runCli, runJson, type StateDoc } from './run-built-cli'

const tempDir = useTempDirs('eventscope-cli-reducer-')
beforeAll(() => requireBuiltCli())

interface ReducedDoc extends StateDoc {
  reducer: { kind: string; file: string | null; source: string }
  failure: { version: number; eventType: string; kind: string; message: string; location: string } | null
}

async function bank(): Promise<{ root: string; dir: string }> {
  const root = await tempDir()
  return { root, dir: writeBankStore(join(root, 'store')) }
}

/** Exactly one line on stderr starting with "eventscope: " (a reducer's location is allowed in it). */
function oneLine(stderr: string): string {
  const lines = stderr.split('\n').filter((line) => line !== '')
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(/^eventscope: /)
  expect(stderr).not.toMatch(/\n\s+at /)
  return lines[0] as string
}

describe('given a bank store and a bank-account reducer', () => {
  it('when the state is asked for at several versions, then each is the known balance', async () => {
    const { root, dir } = await bank()
    const file = writeModule(root, 'bank.js', bankReducer)

    const versions = [0, 1, 2, 3, 4, 6, 7]
    const docs = await Promise.all(
      versions.map((version) =>
        runJson<ReducedDoc>(['state', dir, 'acc-1', '--at', `${version}`, '--reducer', file]),
      ),
    )

    const balances: Record<number, unknown> = {}
    for (const [i, doc] of docs.entries()) {
      expect(doc).toMatchObject({ aggregateId: 'acc-1', version: versions[i], eventCount: 7, failure: null })
      balances[doc.version] = (doc.state as { balance: number }).balance
    }
    expect(balances).toEqual({ 0: 0, 1: 0, 2: 100, 3: 350, 4: 320, 6: -75, 7: -55 })
  }, 30_000)

  it('when printed as text, then the heading names the reducer and the latest version', async () => {
    const { root, dir } = await bank()
    const file = writeModule(root, 'bank.js', bankReducer)

    const run = await runCli(['state', dir, 'acc-2', '--reducer', file])

    expect(run).toMatchObject({ code: 0, stderr: '' })
    expect(run.stdout).toBe(
      `acc-2 (Account) at version 3 of 3, the latest, reduced by ${file}\n{\n  "balance": 380\n}\n`,
    )
  })

  it('when --json, then the reducer is reported as explicit and custom', async () => {
    const { root, dir } = await bank()
    const file = writeModule(root, 'bank.js', bankReducer)

    const doc = await runJson<ReducedDoc>(['state', dir, 'acc-2', '--reducer', file])

    expect(doc.reducer).toEqual({ kind: 'custom', file, source: 'explicit' })
  })
})

describe('given a reducer that throws on an overdraft', () => {
  it('when replayed past it, then it stops at that event with the message and location, exit 1', async () => {
    const { root, dir } = await bank()
    const file = writeModule(root, 'strict.js', strictReducer)

    const run = await runCli(['state', dir, 'acc-1', '--reducer', file])

    expect(run.code).toBe(1)
    expect(oneLine(run.stderr)).toMatch(
      /^eventscope: reducer failed at version 6: overdrawn by 75 \(strict\.js:7:\d+\); state shown is version 5$/,
    )
    expect(run.stdout).toContain('acc-1 (Account) at version 5 of 7')
    expect(run.stdout).toContain('"balance": 325')
  })

  it('when --json, then the document is still printed, with the failure', async () => {
    const { root, dir } = await bank()
    const file = writeModule(root, 'strict.js', strictReducer)

    const run = await runCli(['state', dir, 'acc-1', '--reducer', file, '--json'])

    expect(run.code).toBe(1)
    // With --json the one line on stderr is JSON too.
    const lines = run.stderr.split('\n').filter(Boolean)
    expect(lines).toHaveLength(1)
    expect(JSON.parse(lines[0] as string)).toEqual({
      error: {
        code: 'reducer_failed',
        message: expect.stringMatching(/^reducer failed at version 6: overdrawn by 75/),
      },
    })
    const doc = JSON.parse(run.stdout) as ReducedDoc
    expect(doc).toMatchObject({ version: 5, state: { balance: 325 } })
    expect(doc.failure).toMatchObject({
      version: 6,
      eventType: 'MoneyWithdrawn',
      kind: 'threw',
      message: 'overdrawn by 75',
    })
    expect(doc.failure?.location).toMatch(/^strict\.js:7:\d+$/)
  })

  it('when asked for a version before the failing event, then it succeeds', async () => {
    const { root, dir } = await bank()
    const file = writeModule(root, 'strict.js', strictReducer)

    const doc = await runJson<ReducedDoc>(['state', dir, 'acc-1', '--at', '5', '--reducer', file])

    expect(doc).toMatchObject({ version: 5, state: { balance: 325 }, failure: null })
  })
})

describe('given reducers that try to reach the host', () => {
  it.each([
    [
      'a Node import',
      "import { writeFileSync } from 'fs'\nwriteFileSync(MARKER, 'x')",
      /cannot be used: .*'fs'/,
    ],
    [
      'the Function constructor',
      "globalThis.constructor.constructor('return process')().mainModule.require('fs').writeFileSync(MARKER, 'x')",
      /cannot be used: ReferenceError: 'process' is not defined/,
    ],
  ])(
    'when the module uses %s at load, then it is refused and nothing is written',
    async (_name, body, line) => {
      const { root, dir } = await bank()
      const marker = join(root, 'escaped')
      const source = `const MARKER = ${JSON.stringify(marker)}\n${body}\nexport const initialState = () => ({})\nexport const evolve = (s) => s\n`
      const file = writeModule(root, 'escape.js', source)

      const run = await runCli(['state', dir, 'acc-1', '--reducer', file])

      expect(run.code).toBe(1)
      expect(oneLine(run.stderr)).toMatch(line)
      expect(run.stdout).toBe('')
      expect(existsSync(marker)).toBe(false)
    },
  )

  it('when evolve reaches for process, then the replay stops at the first event with the ReferenceError', async () => {
    const { root, dir } = await bank()
    const file = writeModule(
      root,
      'escape.js',
      'export const initialState = () => ({})\nexport const evolve = () => ({ home: process.env.HOME })\n',
    )

    const run = await runCli(['state', dir, 'acc-1', '--reducer', file])

    expect(run.code).toBe(1)
    expect(oneLine(run.stderr)).toMatch(
      /^eventscope: reducer failed at version 1: ReferenceError: 'process' is not defined \(escape\.js:2:\d+\); state shown is version 0$/,
    )
  })
})

describe('given a store holding its own reducer in .eventscope/reducers', () => {
  async function withStoreReducer(): Promise<{ dir: string; file: string }> {
    const { dir } = await bank()
    mkdirSync(join(dir, '.eventscope', 'reducers'), { recursive: true })
    const file = join(dir, '.eventscope', 'reducers', 'Account.js')
    writeFileSync(file, bankReducer)
    return { dir, file }
  }

  it('when run without --trust, then its code is not run: merge patch, and a note naming the file', async () => {
    const { dir, file } = await withStoreReducer()

    const run = await runCli(['state', dir, 'acc-2', '--json'])

    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toEqual({
      aggregateId: 'acc-2',
      version: 3,
      eventCount: 3,
      state: { owner: 'Bo Svensson', amount: 120 },
    })
    expect(oneLine(run.stderr)).toContain(`${file} was not run`)
  })

  it('when run with --trust, then the store reducer gives the balance', async () => {
    const { dir, file } = await withStoreReducer()

    const doc = await runJson<ReducedDoc>(['state', dir, 'acc-2', '--trust'])

    expect(doc).toMatchObject({ state: { balance: 380 }, failure: null })
    expect(doc.reducer).toEqual({ kind: 'custom', file, source: 'store' })
  })

  it('when --reducer and --trust are both given, then it is a usage error', async () => {
    const { dir } = await withStoreReducer()

    const run = await runCli(['state', dir, 'acc-2', '--trust', '--reducer', 'x.js'])

    expect(run.code).toBe(2)
    expect(oneLine(run.stderr)).toMatch(/--reducer and --trust exclude each other/)
  })
})

describe('given a reducer file that does not exist', () => {
  it('when named, then it fails with one line naming it', async () => {
    const { root, dir } = await bank()
    const missing = join(root, 'missing.js')

    const run = await runCli(['state', dir, 'acc-1', '--reducer', missing])

    expect(run.code).toBe(1)
    expect(oneLine(run.stderr)).toBe(`eventscope: no reducer file at ${missing}`)
  })
})
