// The built CLI against stores with real-world damage: versions skip bad lines, problems carry line
// numbers, counts come from the streams.

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  writeDamagedStore,
  writeStoreWithoutIndex,
  writeStoreWithUnparsableIndex,
  type ExpectedAggregate,
  type ExpectedStore,
} from '../../fixtures/damaged-store'
import { expectedStateAt } from '../../fixtures/stream-builder'
import {
  requireBuiltCli,
  runCli,
  runJson,
  type EventsDoc,
  type ListDoc,
  type StateDoc,
} from './run-built-cli'

const root = mkdtempSync(join(tmpdir(), 'eventscope-cli-damaged-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
beforeAll(() => requireBuiltCli())

const lineKinds = new Set(['bad_line', 'torn_tail', 'not_object', 'aggregate_mismatch', 'blank_line'])

describe('given the damaged store', () => {
  const store: ExpectedStore = writeDamagedStore(join(root, 'damaged'))
  const byId = (id: string): ExpectedAggregate => store.streams.find((s) => s.id === id) as ExpectedAggregate

  describe('when listed as JSON', () => {
    let list: ListDoc
    beforeAll(async () => {
      list = await runJson<ListDoc>(['list', store.dir])
    }, 30_000)

    it('then every stream is a row whose count comes from the stream, beside what the index claims', () => {
      for (const stream of store.streams) {
        const row = list.aggregates.find((a) => a.id === stream.id)
        expect(row, stream.id).toMatchObject({
          event_count: stream.events.length,
          indexed_count: stream.indexedCount,
          type: stream.type,
          status: stream.status,
          last_event_at: stream.lastEventAt,
        })
      }
    })

    it('then rows are sorted by id and include index entries without a stream', () => {
      const ids = [...store.streams.map((s) => s.id), ...store.ghosts.map((g) => g.id)].sort()
      expect(list.aggregates.map((a) => a.id)).toEqual(ids)
      for (const ghost of store.ghosts) {
        expect(list.aggregates.find((a) => a.id === ghost.id)).toMatchObject({
          event_count: 0,
          indexed_count: ghost.indexedCount,
          status: 'error',
        })
      }
    })

    it('then totals are counted from the streams and compared with total_events', () => {
      expect(list.total_events).toBe(store.totalEvents)
      expect(list.indexed_total_events).toBe(store.indexedTotal)
      expect(list.problems.map((p) => p.kind).sort()).toEqual([...store.storeProblems].sort())
    })

    it('then each line problem is an issue of its row, with its line number', () => {
      for (const stream of store.streams) {
        const issues = list.aggregates.find((a) => a.id === stream.id)?.issues ?? []
        for (const problem of stream.lineProblems)
          expect(
            issues.some((issue) => issue.startsWith(`line ${problem.line}:`)),
            `${stream.id} line ${problem.line}`,
          ).toBe(true)
        if (stream.status === 'ok') expect(issues).toEqual([])
      }
    })

    it('then the seed’s flat envelope style is detected', () => {
      expect(list.style).toEqual(store.style)
      expect(list.index).toBe('ok')
    })
  })

  describe('when each stream’s events are printed as JSON', () => {
    const docs = new Map<string, EventsDoc>()
    beforeAll(async () => {
      for (const stream of store.streams)
        docs.set(stream.id, await runJson<EventsDoc>(['events', store.dir, stream.id]))
    }, 60_000)

    it('then versions are consecutive over valid events only, each with its line', () => {
      for (const stream of store.streams) {
        const doc = docs.get(stream.id) as EventsDoc
        expect(doc.eventCount, stream.id).toBe(stream.events.length)
        expect(
          doc.events.map((e) => [e.version, e.line]),
          stream.id,
        ).toEqual(stream.events.map((e) => [e.version, e.line]))
      }
    })

    it('then type, id, time and payload read as written (unicode and ASCII escapes alike)', () => {
      for (const stream of store.streams) {
        const doc = docs.get(stream.id) as EventsDoc
        doc.events.forEach((event, i) => {
          const expected = stream.events[i]
          expect({
            type: event.type,
            id: event.id,
            occurredAt: event.occurredAt,
            payload: event.payload,
            metadata: event.metadata,
          }).toEqual({
            type: expected?.type,
            id: expected?.id,
            occurredAt: expected?.occurredAt,
            payload: expected?.payload,
            metadata: expected?.metadata,
          })
        })
      }
    })

    it('then problems are reported with the line they are on', () => {
      for (const stream of store.streams) {
        const doc = docs.get(stream.id) as EventsDoc
        const reported = doc.problems
          .filter((p) => lineKinds.has(p.kind))
          .map((p) => ({ kind: p.kind, line: p.line }))
        expect(reported, stream.id).toEqual(stream.lineProblems)
      }
    })

    it('then the raw text of an event is its line without BOM or CR', () => {
      const doc = docs.get('bom-crlf') as EventsDoc
      for (const event of doc.events) {
        expect(event.raw.startsWith('{')).toBe(true)
        expect(event.raw.endsWith('}')).toBe(true)
      }
    })
  })

  it('when events are paged with --from and --limit, then they are the seed’s from_version slice', async () => {
    const stream = byId('bad-middle')
    const doc = await runJson<EventsDoc>(['events', store.dir, stream.id, '--from', '2', '--limit', '1'])
    expect(doc.events.map((e) => e.version)).toEqual([3])
    expect(doc.events[0]?.line).toBe(stream.events[2]?.line)
    const rest = await runJson<EventsDoc>(['events', store.dir, stream.id, '--from', '2'])
    expect(rest.events.map((e) => e.version)).toEqual([3, 4])
    const past = await runJson<EventsDoc>(['events', store.dir, stream.id, '--from', '99'])
    expect(past.events).toEqual([])
  }, 30_000)

  it('when states are rebuilt at every version, then each is the merge patch of the events so far', async () => {
    for (const id of ['bad-middle', 'bom-crlf']) {
      const stream = byId(id)
      for (let version = 0; version <= stream.events.length; version++) {
        const doc = await runJson<StateDoc>(['state', store.dir, id, '--at', String(version)])
        expect(doc, `${id}@${version}`).toEqual({
          aggregateId: id,
          version,
          eventCount: stream.events.length,
          state: expectedStateAt(stream, version),
        })
      }
    }
  }, 60_000)

  it("when a state is rebuilt, then a stream with damaged lines says so on stderr with the first one's line, and a clean one says nothing", async () => {
    const clean = store.streams.filter((s) => s.lineProblems.length === 0)
    const damaged = store.streams.filter((s) => s.lineProblems.length > 0)
    expect(clean.length).toBeGreaterThan(0)
    expect(damaged.length).toBeGreaterThan(0)
    for (const stream of damaged)
      for (const json of [[], ['--json']]) {
        const run = await runCli(['state', store.dir, stream.id, ...json])
        expect(run.code, stream.id).toBe(0)
        const lines = run.stderr.trim().split('\n')
        expect(lines, stream.id).toHaveLength(1)
        const first = Math.min(...stream.problems.map((p) => p.line ?? Number.POSITIVE_INFINITY))
        expect(lines[0], stream.id).toContain(`eventscope: ${stream.id} has `)
        expect(lines[0], stream.id).toContain(`(first: line ${first}: `)
        expect(lines[0], stream.id).toContain(
          `eventscope events ${store.dir} ${stream.id} shows each in place`,
        )
        // stdout stays the state alone (a script's JSON parses).
        if (json.length > 0) expect(JSON.parse(run.stdout).aggregateId).toBe(stream.id)
      }
    for (const stream of clean) {
      const run = await runCli(['state', store.dir, stream.id])
      expect({ id: stream.id, stderr: run.stderr }).toEqual({ id: stream.id, stderr: '' })
    }
  }, 60_000)

  it.each([
    [['search'], 'were not searched'],
    [['project', '--builtin', 'events-per-type'], 'were not given to the projection'],
    [['check', '--invariant', 'true'], 'were not checked'],
  ])(
    'when a whole-store command (%j) runs, then one stderr line counts the lines that hold no event and names the first, and stdout is its answer alone',
    async (command, what) => {
      // The lines the fixture wrote that are no event (a problem on an event's line leaves it an event).
      const noEvent = store.streams
        .map((stream) => ({
          id: stream.id,
          lines: stream.lineProblems
            .map((problem) => problem.line)
            .filter((line) => !stream.events.some((event) => event.line === line)),
        }))
        .filter((stream) => stream.lines.length > 0)
        .sort((a, b) => (a.id < b.id ? -1 : 1))
      const lines = noEvent.reduce((sum, stream) => sum + stream.lines.length, 0)
      const first = noEvent[0] as { id: string; lines: number[] }
      const [name, ...options] = command as [string, ...string[]]
      for (const json of [[], ['--json']]) {
        const run = await runCli([name, store.dir, ...options, ...json])
        expect(run.code).toBe(0)
        const stderr = run.stderr.trim().split('\n')
        expect(stderr).toHaveLength(1)
        expect(stderr[0]).toContain(
          `eventscope: ${lines} lines in ${noEvent.length} streams hold no event and ${what} (first: ${first.id} line ${Math.min(...first.lines)}: `,
        )
        expect(stderr[0]).toContain(`; eventscope verify ${store.dir} lists each`)
        if (json.length > 0) expect(() => JSON.parse(run.stdout) as unknown).not.toThrow()
      }
    },
    60_000,
  )

  it('when the latest states are rebuilt, then null deleted fields and nested objects merged', async () => {
    for (const stream of store.streams) {
      const doc = await runJson<StateDoc>(['state', store.dir, stream.id])
      expect(doc.version).toBe(stream.events.length)
      expect(doc.state, stream.id).toEqual(expectedStateAt(stream, stream.events.length))
    }
    const latest = await runJson<StateDoc>(['state', store.dir, 'bad-middle'])
    expect(latest.state).toEqual({
      username: 'lei',
      email: 'lei@example.org',
      profile: { city: '東京', country: 'CH' },
    })
  }, 60_000)
})

describe.each([
  ['no index.json', writeStoreWithoutIndex],
  ['an unparsable index.json', writeStoreWithUnparsableIndex],
])('given a store with %s', (name, write) => {
  const store = write(join(root, name.replace(/\W+/g, '-')))

  it('when listed as JSON, then the streams are still counted and the index state is reported', async () => {
    const list = await runJson<ListDoc>(['list', store.dir])
    expect(list.index).toBe(store.index)
    expect(list.total_events).toBe(store.totalEvents)
    expect(list.indexed_total_events).toBeNull()
    expect(list.problems.map((p) => p.kind)).toEqual(store.storeProblems)
    expect(list.aggregates.map((a) => [a.id, a.event_count, a.indexed_count, a.status])).toEqual(
      store.streams.map((s) => [s.id, s.events.length, null, 'ok']),
    )
  }, 30_000)
})
