import fc from 'fast-check'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Json } from '../../../../shared/contract'
import { checkpointEvents } from '../../../../electron/core/replay/checkpoints'
import { stateAt } from '../../../../electron/core/replay/replay'
import { scanStream } from '../../../../electron/core/stream/stream-index'
import { jsonObject } from '../../../support/json-arbitraries'
import { naiveStates, valueAt } from '../../../support/naive-replay'
import { useTempDirs } from '../../../support/temp-dir'

type JsonObject = { [key: string]: Json }
type Line = { readonly payload: JsonObject } | { readonly bad: string }

const tempDir = useTempDirs()

/** Write the lines in the given style and return the payloads of the valid events, in order. */
async function writeLines(
  dir: string,
  lines: readonly Line[],
  style: 'flat' | 'data',
): Promise<{ file: string; payloads: JsonObject[] }> {
  const payloads: JsonObject[] = []
  const text = lines
    .map((line, i) => {
      if ('bad' in line) return line.bad
      payloads.push(line.payload)
      if (style === 'data') return JSON.stringify({ type: 'Changed', id: `e${i}`, data: line.payload })
      const event: JsonObject = { type: 'Changed' }
      for (const key of Object.keys(line.payload)) {
        Object.defineProperty(event, key, {
          value: line.payload[key],
          enumerable: true,
          writable: true,
          configurable: true,
        })
      }
      return JSON.stringify(event)
    })
    .join('\n')
  const file = join(dir, 'agg.events.jsonl')
  await writeFile(file, text + '\n')
  return { file, payloads }
}

/** Check stateAt against a full naive replay at every version, in file order and then (when asked) scrambled. */
async function expectEveryVersionMatches(
  file: string,
  payloads: readonly JsonObject[],
  scramble = true,
): Promise<void> {
  const index = await scanStream(file, 'agg', { replay: true })
  const states = naiveStates(payloads)
  expect(index.eventCount).toBe(payloads.length)
  expect(JSON.stringify(index.latestState)).toBe(JSON.stringify(states[payloads.length]))
  const versions = Array.from({ length: payloads.length + 1 }, (_, v) => v)
  // 7919 is prime and larger than any stream here, so this visits every version once, out of order.
  const scrambled = scramble ? versions.map((v) => (v * 7919) % versions.length) : []
  for (const version of [...versions, ...scrambled]) {
    const result = await stateAt(index, version)
    expect(result.version).toBe(version)
    expect(JSON.stringify(result.state), `state at ${version}`).toBe(JSON.stringify(states[version]))
    for (const change of result.changes) {
      const before = valueAt(states[version - 1], change.path)
      const after = valueAt(states[version], change.path)
      if (change.kind !== 'added') expect(JSON.stringify(before)).toBe(JSON.stringify(change.before))
      if (change.kind !== 'removed') expect(JSON.stringify(after)).toBe(JSON.stringify(change.after))
    }
  }
}

const badLine = fc.constantFrom(
  'not json',
  '[1,2]',
  '42',
  'null',
  '"text"',
  '{"type": "Changed", "data": ',
  '',
)
const line: fc.Arbitrary<Line> = fc.oneof(
  { weight: 6, arbitrary: jsonObject.map((payload) => ({ payload })) },
  { weight: 1, arbitrary: badLine.map((bad) => ({ bad })) },
)

describe('stateAt', () => {
  it('given any short stream with bad lines among the events, when asked for every version, then each state equals a naive replay', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { maxLength: 60 }),
        fc.constantFrom('flat' as const, 'data' as const),
        async (lines, style) => {
          const { file, payloads } = await writeLines(await tempDir(), lines, style)
          await expectEveryVersionMatches(file, payloads)
        },
      ),
      { numRuns: 60 },
    )
  })

  it('given any stream long enough to cross several 512-event checkpoints, when asked for every version, then each state equals a naive replay', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { minLength: 2 * checkpointEvents + 20, maxLength: 3 * checkpointEvents }),
        async (lines) => {
          const { file, payloads } = await writeLines(await tempDir(), lines, 'data')
          await expectEveryVersionMatches(file, payloads, false)
        },
      ),
      { numRuns: 3 },
    )
  }, 60_000)

  it('given large events that cross the 64 KiB checkpoint size many times, when asked for every version, then each state equals a naive replay', async () => {
    const lines: Line[] = Array.from({ length: 120 }, (_, i) => ({
      payload: {
        [`k${i % 9}`]: 'x'.repeat(3_000 + (i % 5) * 1_000),
        counter: i,
        drop: i % 4 === 0 ? null : { at: i },
      },
    }))
    const { file, payloads } = await writeLines(await tempDir(), lines, 'flat')

    const index = await scanStream(file, 'agg', { replay: true })
    await expectEveryVersionMatches(file, payloads)

    expect(index.checkpoints.size).toBeGreaterThan(5)
  }, 60_000)

  it('given a version beyond the end or below zero, when asked, then it is clamped to the stream', async () => {
    const { file } = await writeLines(await tempDir(), [{ payload: { a: 1 } }, { payload: { b: 2 } }], 'flat')
    const index = await scanStream(file, 'agg', { replay: true })

    expect(await stateAt(index, 99)).toEqual({
      version: 2,
      state: { a: 1, b: 2 },
      changes: [{ path: ['b'], kind: 'added', after: 2 }],
    })
    expect(await stateAt(index, -3)).toEqual({ version: 0, state: {}, changes: [] })
  })

  it('given a known state closer than the checkpoint, when asked, then it is used and the answer still equals a naive replay', async () => {
    const lines: Line[] = Array.from({ length: checkpointEvents + 40 }, (_, i) => ({
      payload: { n: i, [`seen${i % 5}`]: i },
    }))
    const { file, payloads } = await writeLines(await tempDir(), lines, 'data')
    const index = await scanStream(file, 'agg', { replay: true })
    const states = naiveStates(payloads)
    const known = await stateAt(index, 300)

    const result = await stateAt(index, 310, known)

    expect(result.state).toEqual(states[310])
    expect(result.changes).toEqual([
      { path: ['n'], kind: 'changed', before: 308, after: 309 },
      { path: ['seen4'], kind: 'changed', before: 304, after: 309 },
    ])
  })

  it('given a replayed state, when it is read, then the checkpoints it started from are not changed by later calls', async () => {
    const lines: Line[] = Array.from({ length: checkpointEvents + 5 }, (_, i) => ({
      payload: { nested: { [`k${i}`]: i } },
    }))
    const { file, payloads } = await writeLines(await tempDir(), lines, 'data')
    const index = await scanStream(file, 'agg', { replay: true })
    const states = naiveStates(payloads)

    const later = await stateAt(index, checkpointEvents + 5)
    const atCheckpoint = await stateAt(index, checkpointEvents)

    expect(later.state).toEqual(states[checkpointEvents + 5])
    expect(atCheckpoint.state).toEqual(states[checkpointEvents])
  })
})
