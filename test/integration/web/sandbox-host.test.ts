// The browser shell as a whole process running a trusted store's hostile reducers and projections: the
// real `eventscope serve` must answer other requests while each runs and after it stopped, stop each
// with its reason, and stay under a memory bound (before, it froze until SIGKILL, or for 81 s at 2.1 GB).

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  hostileEvents,
  hostileId,
  hostileProjectionSource,
  hostileReducers,
  writeHostileStore,
  type HostileReducer,
} from '../../fixtures/hostile-code'
import { TestSocket } from '../../support/http-client'
import { watchPeakMemory } from '../../support/process-memory'
import { builtCli, repoRoot, requireBuiltCli } from '../cli/run-built-cli'
import { serveAddress } from '../../support/serve-address'

const root = mkdtempSync(join(tmpdir(), 'eventscope-sandbox-host-'))
const dir = join(root, 'store')
const cases = ['ProxyThrown', 'StackGetter', 'Strings', 'IndexOf', 'AwaitLoop'].map(
  (type) => hostileReducers.find((hostile) => hostile.type === type) as HostileReducer,
)
let child: ChildProcessWithoutNullStreams
let memory: { stop: () => Promise<number> }
let port = 0
let token = ''
let stderr = ''
let page: TestSocket
let nextId = 1

/** An answer to one request must come within this, however busy the sandbox is: generous for a loaded machine. */
const answerMs = 5_000

beforeAll(async () => {
  requireBuiltCli()
  mkdirSync(dir)
  writeHostileStore(dir, cases, {
    'hostile-indexof': hostileProjectionSource('[].indexOf.call({ length: 2 ** 40 }, 1)'),
    'hostile-strings': hostileProjectionSource(
      'const keep = []; for (;;) keep.push("x".repeat(1 << 20) + keep.length)',
    ),
  })
  child = spawn(process.execPath, [builtCli, 'serve', dir, '--root', root, '--json'], {
    cwd: repoRoot,
    env: { ...process.env, XDG_CONFIG_HOME: join(root, 'config') },
  })
  memory = watchPeakMemory(child.pid ?? 0)
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const first = await serveAddress(child, () => stderr)
  port = first.port
  token = new URL(first.url).searchParams.get('token') ?? ''
  page = await openPage()
  expect(await call(page, 'store.open', { dir })).toMatchObject({ ok: true })
  expect(await call(page, 'store.trust', { trusted: true })).toMatchObject({
    ok: true,
    value: { trusted: true },
  })
}, 60_000)

afterAll(async () => {
  page?.close()
  if (child.exitCode === null) child.kill('SIGKILL')
  await memory?.stop()
  rmSync(root, { recursive: true, force: true })
})

function openPage(): Promise<TestSocket> {
  return TestSocket.open(`ws://127.0.0.1:${port}/ws?token=${token}`, { Origin: `http://127.0.0.1:${port}` })
}

interface Answer {
  readonly ok: boolean
  readonly value?: Record<string, unknown>
  readonly error?: { code: string; message: string }
}

async function call(socket: TestSocket, channel: string, input: unknown = {}): Promise<Answer> {
  const id = nextId++
  socket.send({ id, channel, input })
  const message = (await socket.until((candidate) => (candidate as { id?: unknown }).id === id)) as {
    result: Answer
  }
  return message.result
}

/**
 * Run `request` on the page while another socket keeps asking `app.info`; resolves with the request's
 * answer and the slowest `app.info` answer seen meanwhile (and one more after).
 */
async function whileAsking(
  request: () => Promise<Answer>,
): Promise<{ answer: Answer; slowestMs: number; asked: number }> {
  const other = await openPage()
  let done = false
  let slowestMs = 0
  let asked = 0
  const ask = async (): Promise<void> => {
    const began = Date.now()
    const info = await call(other, 'app.info')
    expect(info.ok).toBe(true)
    slowestMs = Math.max(slowestMs, Date.now() - began)
    asked++
  }
  const asking = (async () => {
    while (!done) {
      await ask()
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    await ask()
  })()
  try {
    const answer = await request()
    done = true
    await asking
    return { answer, slowestMs, asked }
  } finally {
    done = true
    other.close()
  }
}

describe('given the real eventscope serve process on a trusted store with hostile reducers', () => {
  it.each(cases.map((hostile) => [hostile.what, hostile] as const))(
    'when the state under a reducer that runs %s is asked for, then it answers with the reason and the host answers others meanwhile',
    async (_what, hostile) => {
      const { answer, slowestMs, asked } = await whileAsking(() =>
        call(page, 'state.at', { aggregateId: hostileId(hostile), version: hostileEvents }),
      )

      expect(answer.ok, JSON.stringify(answer)).toBe(true)
      expect(asked).toBeGreaterThan(0)
      expect(slowestMs).toBeLessThan(answerMs)
      const value = answer.value as {
        version: number
        failure?: { kind: string; message: string; version: number } | null
        reducer: { loadError: string | null; reducer: { kind: string } }
      }
      if (hostile.fails === 'load') {
        expect(value.reducer.reducer.kind).toBe('merge-patch')
        expect(value.reducer.loadError).toMatch(hostile.message)
        return
      }
      expect(value.version).toBe(2)
      expect(value.failure?.version).toBe(3)
      expect(hostile.kinds).toContain(value.failure?.kind)
    },
    60_000,
  )

  it.each(['hostile-indexof', 'hostile-strings'])(
    'when the custom projection %s runs, then it ends with its failing event and the host answers others meanwhile',
    async (name) => {
      const { answer, slowestMs } = await whileAsking(() =>
        call(page, 'projection.run', { taskId: `run-${name}`, kind: 'custom', name }),
      )

      expect(answer.ok, JSON.stringify(answer)).toBe(true)
      expect(slowestMs).toBeLessThan(answerMs)
      expect(answer.value).toMatchObject({ result: null, failure: { version: 3 } })
    },
    60_000,
  )

  it('when every hostile run is over, then the host still answers and its memory stayed bounded', async () => {
    expect(child.exitCode, stderr).toBeNull()
    expect(await call(page, 'app.info')).toMatchObject({ ok: true })
    // Node, the host and up to a few sandbox workers (each capped near 80 MB of heap); before: 2.1 GB.
    expect(await memory.stop()).toBeLessThan(600 * 1024 * 1024)
  })
})
