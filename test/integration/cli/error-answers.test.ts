// What the built CLI answers when asked something wrong (issue 16 defect 10, issue 12's CLI items):
// `--at -1` counts back, an id prefix is offered its ids, --json errors are JSON, unreadable folders,
// deep expressions and huge messages each get one clear line.

import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { oneLineError, requireBuiltCli, runCli, runJson, type StateDoc } from './run-built-cli'

const root = mkdtempSync(join(tmpdir(), 'eventscope-cli-answers-'))
// mkdtemp makes it 0700; the user the CLI runs as below must reach the folders inside.
chmodSync(root, 0o755)
afterAll(() => {
  chmodSync(locked, 0o755)
  rmSync(root, { recursive: true, force: true })
})
beforeAll(() => requireBuiltCli())

const dir = join(root, 'store')
const ids = ['order-1', 'order-2', 'order-3', 'order-4', 'order-5', 'order-6', 'order-7', 'user-1']
mkdirSync(dir)
for (const id of ids) {
  const lines = [1, 2, 3].map((n) =>
    JSON.stringify({
      event_id: `${id}-e${n}`,
      event_type: 'Changed',
      aggregate_id: id,
      occurred_at: `2026-01-0${n}T00:00:00`,
      n,
    }),
  )
  writeFileSync(join(dir, `${id}.events.jsonl`), `${lines.join('\n')}\n`)
}
writeFileSync(
  join(dir, 'index.json'),
  JSON.stringify({
    aggregates: Object.fromEntries(
      ids.map((id) => [id, { event_count: 3, last_event_at: '2026-01-03T00:00:00' }]),
    ),
    total_events: 24,
  }),
)

// Unreadable for anyone but root; as root the CLI runs as nobody so that the folder is unreadable to it.
const locked = join(root, 'locked')
mkdirSync(locked)
writeFileSync(join(locked, 'index.json'), '{"aggregates": {}, "total_events": 0}')
chmodSync(locked, 0o000)
const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {}

describe('given state --at with a negative version', () => {
  it.each([
    ['-1', 2, { n: 2 }],
    ['-3', 0, {}],
    ['-0', 0, {}],
  ])(
    'when --at %s, then it counts back from the latest (it said "needs a value")',
    async (at, version, state) => {
      const doc = await runJson<StateDoc>(['state', dir, 'order-1', '--at', at])
      expect(doc.version).toBe(version)
      expect(doc.state).toEqual(state)
    },
  )

  it('when it counts back past version 0, then it says so in one line, exit 1', async () => {
    const run = await runCli(['state', dir, 'order-1', '--at', '-4'])
    expect(run.code).toBe(1)
    expect(oneLineError(run)).toBe('eventscope: order-1 has 3 events; --at -4 counts back past version 0')
  })

  it('when --at is not a number, then it says what a version is, exit 2', async () => {
    const run = await runCli(['state', dir, 'order-1', '--at', 'latest'])
    expect(run.code).toBe(2)
    expect(oneLineError(run)).toBe(
      'eventscope: --at needs a version: a whole number, or a negative one counting back from the latest, got "latest"',
    )
  })
})

describe('given an aggregate id that is the start of others', () => {
  it.each([
    [['events', dir, 'order']],
    [['state', dir, 'order']],
    [['export', dir, 'order', '--format', 'jsonl', '--out', join(root, 'out.jsonl')]],
  ])('when running %j, then the ids it starts are offered, a few and a count', async (args) => {
    const run = await runCli(args)
    expect(run.code).toBe(1)
    expect(oneLineError(run)).toBe(
      'eventscope: no aggregate order in this store; ids starting with "order": order-1, order-2, order-3, order-4, order-5 and 2 more',
    )
  })

  it('when search --aggregate names it and nothing matches, then the notice offers its ids', async () => {
    const run = await runCli(['search', dir, '--aggregate', 'user'])
    expect(run.code).toBe(0)
    expect(run.stderr.trim()).toBe(
      'eventscope: no event matches; no aggregate user in this store; the id starting with "user": user-1',
    )
  })

  it('when the prefix starts one id only, then that id is offered', async () => {
    const run = await runCli(['events', dir, 'us'])
    expect(oneLineError(run)).toBe(
      'eventscope: no aggregate us in this store; the id starting with "us": user-1',
    )
  })
})

describe('given --json', () => {
  it.each([
    [['events', dir, 'nobody', '--json'], 1, 'not_found', 'no aggregate nobody in this store'],
    [['lsit', dir, '--json'], 2, 'usage', 'unknown command "lsit" (see eventscope --help)'],
    [
      ['list', '--json'],
      2,
      'usage',
      'list needs DIR (usage: eventscope list DIR [--from-index] [--no-cache] [--json])',
    ],
    [
      ['state', dir, 'order-1', '--at', 'x', '--json'],
      2,
      'usage',
      expect.stringMatching(/^--at needs a version/),
    ],
    [
      ['state', dir, 'order-1', '--at', '9', '--json'],
      1,
      'failed',
      'order-1 has 3 events; there is no version 9',
    ],
  ])(
    'when running %j fails, then stderr is one line {"error": {"code", "message"}} and stdout is empty',
    async (args, code, errorCode, message) => {
      const run = await runCli(args)
      expect(run.code).toBe(code)
      expect(run.stdout).toBe('')
      const lines = run.stderr.split('\n').filter((line) => line !== '')
      expect(lines).toHaveLength(1)
      expect(JSON.parse(lines[0] as string)).toEqual({ error: { code: errorCode, message } })
    },
  )
})

describe('given a folder the user may not read', () => {
  it.each([
    [['search', locked]],
    [['export', locked, '--format', 'jsonl', '--out', join(root, 'locked.jsonl')]],
    [['project', locked, '--builtin', 'events-per-type']],
    [['reindex', locked]],
    [['init', join(locked, 'sub')]],
    [['append', locked, 'a', 'T', '--data', '{}']],
  ])('when running %j, then one line says it cannot be read, never "unexpected error"', async (args) => {
    const run = await runCli(args, { spawn: asNobody })
    expect(run.code).toBe(1)
    const line = oneLineError(run)
    expect(line).not.toMatch(/unexpected/)
    expect(line).toMatch(/^eventscope: (permission denied: |cannot read )\S*locked\S* \(EACCES\)$/)
  })
})

describe('given a --where nested deeper than the stack', () => {
  it('when searching, then it is a usage error naming the limit, exit 2', async () => {
    const deep = `${'('.repeat(30_000)}type == "Changed"${')'.repeat(30_000)}`
    const run = await runCli(['search', dir, '--where', deep])
    expect(run.code).toBe(2)
    expect(oneLineError(run)).toBe(
      'eventscope: --where: Expression nested more than 500 levels deep at column 501',
    )
  })
})

// 256 KiB rather than 20 MB: building 20 MB inside the sandbox can pass its time limit on a loaded
// machine; the cap itself is tested with 20 MB in test/unit/cli/failure-line.test.ts.
describe('given a reducer that throws a huge message', () => {
  it('when the state is rebuilt, then the error line is cut and says how many bytes were left out', async () => {
    const reducer = join(root, 'huge.js')
    writeFileSync(
      reducer,
      `export function initialState() { return {} }\nexport function evolve() { throw new Error('x'.repeat(256 * 1024)) }\n`,
    )
    const run = await runCli(['state', dir, 'order-1', '--reducer', reducer])
    expect(run.code).toBe(1)
    const line = oneLineError(run)
    expect(Buffer.byteLength(line)).toBeLessThan(1200)
    expect(line).toMatch(/^eventscope: reducer failed at version 1: x+… \([\d,]+ more bytes left out\)$/)
  })
})
