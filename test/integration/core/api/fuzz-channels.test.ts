// Every channel fed hostile input: whatever arrives, the answer is a typed result, never a thrown
// error, an unhandled rejection, a stack trace, or a path of this machine outside the store.

import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requestChannels } from '../../../../shared/channels'
import { errorCodes } from '../../../../shared/errors'
import type { Dispatch } from '../../../../electron/core/api/router'
import { testDispatch } from '../../../support/test-dispatch'
import { ExplorerSession } from '../../../../electron/core/session/explorer-session'

let dir: string
let dispatch: Dispatch
let session: ExplorerSession
const unhandled: unknown[] = []
const onUnhandled = (reason: unknown): void => void unhandled.push(reason)

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eventscope-fuzz-'))
  await writeFile(
    join(dir, 'a.events.jsonl'),
    '{"event_id": "1", "event_type": "T", "occurred_at": "2026-01-01T00:00:00+00:00", "n": 1}\n',
  )
  session = new ExplorerSession()
  dispatch = testDispatch(session, { offerDownload: () => '/download/x' })
  await session.open(dir)
  process.on('unhandledRejection', onUnhandled)
})

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled)
  session.close()
  await rm(dir, { recursive: true, force: true })
})

/** What a safe answer looks like: ok with a value, or a known code and a one-line message without internals. */
function expectSafe(result: Awaited<ReturnType<Dispatch>>): void {
  if (result.ok) return
  expect(errorCodes).toContain(result.error.code)
  expect(result.error.message).not.toMatch(/\n\s+at /)
  expect(result.error.message.length).toBeLessThan(2000)
  for (const path of result.error.message.match(/\/[\w.-]+(?:\/[\w.-]+)+/g) ?? []) {
    // The only real paths of this machine an answer may name are the store's own files (an input key
    // echoed back, like "/-/-", is not a path of this machine).
    if (existsSync(path)) expect(path.startsWith(dir)).toBe(true)
  }
}

// Deep objects, prototype keys, numbers at the edges: what a compromised page could send.
const hostile = fc.oneof(
  fc.anything({
    maxDepth: 4,
    withBigInt: false,
    withMap: false,
    withSet: false,
    withObjectString: true,
    withNullPrototype: true,
  }),
  fc.record({
    aggregateId: fc.oneof(fc.string(), fc.constantFrom('../x', 'a/b', '\u0000', 'CON', 'x'.repeat(2000))),
    version: fc.oneof(fc.integer(), fc.double()),
  }),
  fc.constantFrom(JSON.parse('{"__proto__": {"polluted": 1}}'), {
    constructor: { prototype: { polluted: 1 } },
  }),
)

describe('every channel under hostile input', () => {
  it.each(requestChannels.filter((channel) => channel !== 'store.open'))(
    'given random input to %s, when dispatched, then the answer is typed and safe',
    async (channel) => {
      await fc.assert(
        fc.asyncProperty(hostile, async (input) => {
          expectSafe(await dispatch(channel, input))
        }),
        { numRuns: 150 },
      )
    },
  )

  it('given random paths to store.open, when dispatched, then each answer is typed and the store stays usable', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.constantFrom('/proc/self/mem', '/etc/passwd', '\u0000', '../../..')),
        async (path) => {
          const result = await dispatch('store.open', { dir: path })
          if (!result.ok) expect(errorCodes).toContain(result.error.code)
        },
      ),
      { numRuns: 60 },
    )
    expect((await dispatch('store.open', { dir })).ok).toBe(true)
  })

  it('given random directory ids to store.open, when dispatched, then none opens anything: malformed ones are invalid, well-formed ones forbidden', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uuid(), fc.string(), fc.constantFrom('__proto__', dir)), async (id) => {
        const result = await dispatch('store.open', { directoryId: id })
        expect(result.ok).toBe(false)
        if (!result.ok) expect(['invalid_input', 'forbidden']).toContain(result.error.code)
      }),
      { numRuns: 100 },
    )
    expect(session.storeDir()).toBe(dir)
  })

  it('given a shell that takes no typed path (the desktop app), when random paths and ids are sent to store.open, then every one is refused', async () => {
    const desktopSession = new ExplorerSession()
    const desktop = testDispatch(desktopSession, { shell: 'electron', typedPathRefusal: null })
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({ dir: fc.oneof(fc.string(), fc.constant(dir)) }),
          fc.record({ directoryId: fc.uuid() }),
        ),
        async (input) => {
          const result = await desktop('store.open', input)
          expect(result.ok).toBe(false)
        },
      ),
      { numRuns: 100 },
    )
    expect(() => desktopSession.storeDir()).toThrow()
    desktopSession.close()
  })

  it('given a 10 MB string in every channel, when dispatched, then it is refused or answered without trouble', async () => {
    const huge = 'x'.repeat(10 * 1024 * 1024)
    for (const channel of requestChannels) {
      expectSafe(
        await dispatch(channel, {
          dir: huge,
          directoryId: huge,
          aggregateId: huge,
          eventType: huge,
          payload: { huge },
          filter: huge,
        }),
      )
      expectSafe(await dispatch(channel, huge))
    }
  })

  it('given unknown channel names, when dispatched, then unknown_channel comes back', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (channel) => {
        fc.pre(!(requestChannels as readonly unknown[]).includes(channel))
        const result = await dispatch(channel, {})
        expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } })
      }),
      { numRuns: 200 },
    )
  })

  it('after all of it, no promise was left rejected unhandled and no prototype was polluted', () => {
    expect(unhandled).toEqual([])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})
