// `eventscope gen` then reading the result back with the same CLI.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedStyle } from '../../fixtures/damaged-store'
import { requireBuiltCli, runCli, runJson, type EventsDoc, type ListDoc } from './run-built-cli'

const root = mkdtempSync(join(tmpdir(), 'eventscope-cli-gen-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
beforeAll(() => requireBuiltCli())

describe('given a store written by eventscope gen', () => {
  const dir = join(root, 'sample')
  let gen: { dir: string; aggregates: number; events: number; bytes: number; seed: string }

  beforeAll(async () => {
    gen = await runJson(['gen', dir, '--aggregates', '12', '--events', '400', '--seed', 'round-trip'])
  }, 30_000)

  it('when generated, then it reports what it wrote', () => {
    expect(gen).toMatchObject({ dir, aggregates: 12, events: 400, seed: 'round-trip' })
    expect(gen.bytes).toBeGreaterThan(0)
  })

  it('when listed, then every aggregate is ok and agrees with the index', async () => {
    const list = await runJson<ListDoc>(['list', dir])
    expect(list.style).toEqual(seedStyle)
    expect(list.total_events).toBe(400)
    expect(list.indexed_total_events).toBe(400)
    expect(list.problems).toEqual([])
    expect(list.aggregates).toHaveLength(12)
    for (const row of list.aggregates) {
      expect(row.status, row.id).toBe('ok')
      expect(row.event_count).toBe(row.indexed_count)
    }
  }, 30_000)

  it('when the longest stream is read, then versions run 1..N with the index’s last time', async () => {
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as {
      aggregates: Record<string, { event_count: number; last_event_at: string }>
    }
    const [id, entry] =
      Object.entries(index.aggregates).sort((a, b) => b[1].event_count - a[1].event_count)[0] ?? []
    if (!id || !entry) throw new Error('empty index')
    const doc = await runJson<EventsDoc>(['events', dir, id])
    expect(doc.events.map((e) => e.version)).toEqual(
      Array.from({ length: entry.event_count }, (_, i) => i + 1),
    )
    expect(doc.events.at(-1)?.occurredAt).toBe(entry.last_event_at)
  }, 30_000)

  it('when listed as text, then it shows a table, the totals and the style', async () => {
    const run = await runCli(['list', dir])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^AGGREGATE\s+TYPE\s+EVENTS\s+INDEXED\s+LAST EVENT\s+STATUS\s+FROM$/m)
    expect(run.stdout).toContain(
      '12 aggregates, 400 events counted in the streams; index.json says 400 events',
    )
    expect(run.stdout).toContain('Envelope: flat')
  }, 30_000)
})
