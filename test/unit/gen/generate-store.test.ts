import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { generateStore, type GeneratedStore } from '../../../electron/core/gen/generate-store'

const roots: string[] = []
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'eventscope-gen-'))
  roots.push(dir)
  return dir
}
afterAll(() => roots.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

const readStore = (dir: string): Record<string, string> =>
  Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => [name, readFileSync(join(dir, name), 'utf8')]),
  )

const linesOf = (dir: string, id: string): string[] =>
  readFileSync(join(dir, `${id}.events.jsonl`), 'utf8')
    .split('\n')
    .slice(0, -1)

const python = spawnSync('python3', ['--version']).status === 0

describe('generateStore', () => {
  it('given the same seed twice, when generated, then both stores are byte-identical', async () => {
    const [a, b] = [tempDir(), tempDir()]
    await generateStore({ dir: a, aggregates: 20, events: 500, seed: 'same' })
    await generateStore({ dir: b, aggregates: 20, events: 500, seed: 'same' })
    expect(readStore(a)).toEqual(readStore(b))
  })

  it('given different seeds, when generated, then the stores differ', async () => {
    const [a, b] = [tempDir(), tempDir()]
    await generateStore({ dir: a, aggregates: 5, events: 50, seed: 1 })
    await generateStore({ dir: b, aggregates: 5, events: 50, seed: 2 })
    expect(readStore(a)).not.toEqual(readStore(b))
  })

  describe('given 30 aggregates and 2,000 events', async () => {
    const dir = tempDir()
    const store: GeneratedStore = await generateStore({ dir, aggregates: 30, events: 2000, seed: 3 })
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as {
      aggregates: Record<string, { event_count: number; last_event_at: string }>
      total_events: number
    }

    it('when listed, then there is one stream file per aggregate plus index.json', () => {
      expect(readdirSync(dir).sort()).toEqual(
        [...store.aggregates.map((a) => `${a.id}.events.jsonl`), 'index.json'].sort(),
      )
    })

    it('when counted, then the streams hold exactly the requested events and match the index', () => {
      const counted = store.aggregates.map((a) => linesOf(dir, a.id).length)
      expect(counted.reduce((sum, n) => sum + n, 0)).toBe(2000)
      expect(index.total_events).toBe(2000)
      for (const aggregate of store.aggregates) {
        expect(index.aggregates[aggregate.id]).toEqual({
          event_count: linesOf(dir, aggregate.id).length,
          last_event_at: aggregate.lastEventAt,
        })
      }
    })

    it('when read, then every line is a flat seed-style event of its own aggregate with increasing times', () => {
      for (const aggregate of store.aggregates) {
        let previous = -Infinity
        for (const line of linesOf(dir, aggregate.id)) {
          const event = JSON.parse(line) as Record<string, unknown>
          expect(Object.keys(event).slice(0, 4)).toEqual([
            'event_id',
            'event_type',
            'aggregate_id',
            'occurred_at',
          ])
          expect(event.aggregate_id).toBe(aggregate.id)
          expect(event.event_id).toMatch(/^[0-9a-f-]{36}$/)
          expect(event.occurred_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$/)
          const at = Date.parse(event.occurred_at as string)
          expect(at).toBeGreaterThanOrEqual(previous)
          previous = at
        }
      }
    })

    it('when the index is read, then its aggregates are in order of first event, as the seed appends them', () => {
      expect(Object.keys(index.aggregates)).toEqual(store.aggregates.map((a) => a.id))
      const firsts = store.aggregates.map((a) => Date.parse(a.firstEventAt))
      expect(firsts).toEqual([...firsts].sort((x, y) => x - y))
    })

    it('when all lines are read, then unicode and null-deleting patches occur somewhere', () => {
      const all = store.aggregates.flatMap((a) => linesOf(dir, a.id)).join('\n')
      expect(all).toMatch(/[\u0080-\uffff]/)
      expect(all).toMatch(/": null[,}]/)
      expect(new Set(store.aggregates.map((a) => a.type))).toEqual(new Set(['User', 'Order', 'Account']))
    })
  })

  it('given no aggregates, when generated, then only the initial index is written', async () => {
    const dir = tempDir()
    await generateStore({ dir, aggregates: 0, events: 0 })
    expect(readStore(dir)).toEqual({ 'index.json': '{"aggregates": {}, "total_events": 0}' })
  })

  it('given fewer events than aggregates, when generated, then it refuses before writing', async () => {
    await expect(generateStore({ dir: join(tempDir(), 'x'), aggregates: 3, events: 2 })).rejects.toThrow(
      RangeError,
    )
  })
})

describe.skipIf(!python)('generateStore against Python json', () => {
  if (!python) console.warn('skipping the Python byte-comparison: python3 is not on PATH')

  it('given a generated store with ensure_ascii, when Python re-serializes it, then the bytes are identical', async () => {
    const dir = tempDir()
    await generateStore({ dir, aggregates: 8, events: 300, seed: 11, ensureAscii: true })
    const script = [
      'import json, sys, pathlib',
      'd = pathlib.Path(sys.argv[1])',
      'idx = (d / "index.json").read_text()',
      'assert json.dumps(json.loads(idx), indent=2) == idx, "index differs"',
      'for f in d.glob("*.events.jsonl"):',
      '    for line in f.read_text().splitlines():',
      '        assert json.dumps(json.loads(line)) == line, line',
      'print("ok")',
    ].join('\n')
    expect(execFileSync('python3', ['-c', script, dir], { encoding: 'utf8' }).trim()).toBe('ok')
  })
})
