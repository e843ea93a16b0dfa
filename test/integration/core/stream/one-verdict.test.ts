// One verdict per line, by construction: random damaged streams are fed to every reader of a stream
// (opening it, the store-wide line scan of search and projections, the export's pass, verify and the
// search itself) and they must agree on which line is the event at version N and on the line findings.

import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { passStream } from '../../../../electron/core/export/stream-pass'
import { scanLines } from '../../../../electron/core/scan/scan-lines'
import { searchStore } from '../../../../electron/core/search/run-search'
import { scanStream } from '../../../../electron/core/stream/stream-index'
import { verifyStore } from '../../../../electron/core/verify/verify-store'
import { configureWorkers } from '../../../../electron/core/worker/run-task'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs('eventscope-one-verdict-')

const event = fc
  .record({ n: fc.integer({ min: 0, max: 140 }), text: fc.string({ maxLength: 6 }) })
  .map(
    ({ n, text }) =>
      `{"event_type": "T${n % 3}", "aggregate_id": "s", "n": ${n}, "t": ${JSON.stringify(text)}}`,
  )

// Every kind of line a stream can hold: events, blank and white-space lines, BOMs, bad JSON, JSON that
// is not an object, bad UTF-8, over-deep events, events naming another aggregate, events without a type.
const line = fc.oneof(
  { weight: 8, arbitrary: event.map((text) => Buffer.from(text)) },
  {
    weight: 4,
    arbitrary: fc
      .constantFrom(
        '',
        '   ',
        '\t',
        '\uFEFF',
        'not json',
        '[1]',
        '42',
        '{"event_type": "T1"',
        '{"event_type": "T1", }',
        '{"event_type": "T1", "n": 127, bad}',
        '{"n": 1}',
        '{"event_type": "X", "aggregate_id": "other"}',
        `{"event_type": "D", "v": ${'['.repeat(1001)}${']'.repeat(1001)}}`,
      )
      .map((text) => Buffer.from(text)),
  },
  { weight: 1, arbitrary: event.map((text) => Buffer.from(`\uFEFF${text}`)) },
  { weight: 1, arbitrary: fc.constant(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d])) },
)
const ending = fc.constantFrom('\n', '\n', '\r\n')
const stream = fc
  .record({
    lines: fc.array(fc.tuple(line, ending), { maxLength: 20 }),
    tail: fc.option(line, { nil: null }),
  })
  .map(({ lines, tail }) =>
    Buffer.concat([...lines.flatMap(([bytes, end]) => [bytes, Buffer.from(end)]), ...(tail ? [tail] : [])]),
  )

/** Findings about single lines, as each reader reports them. */
const lineFinding = (p: { kind: string; line: number | null; offset: number | null }): string =>
  `${p.kind}@${p.line}:${p.offset}`

async function agree(bytes: Buffer): Promise<void> {
  const dir = join(await tempDir(), 'store')
  await mkdir(dir)
  const file = join(dir, 's.events.jsonl')
  await writeFile(file, bytes)

  const index = await scanStream(file, 's', { replay: true })
  const versions = Array.from(
    { length: index.eventCount },
    (_, i) => `v${i + 1}@${index.positions.lineOf(i + 1)}`,
  )
  const findings = index.problems.map(lineFinding)

  const scanned: string[] = []
  await scanLines(file, 's', { onEvent: (e) => void scanned.push(`v${e.version}@${e.line}`) })
  expect(scanned).toEqual(versions)

  const passed: string[] = []
  const pass = await passStream(
    { file, aggregateId: 's', bytes: bytes.length },
    {
      onEvent: (_b, _s, _e, version, lineNumber) => void passed.push(`v${version}@${lineNumber}`),
      afterChunk: async () => {},
    },
  )
  expect(passed).toEqual(versions)
  expect(pass.index.problems.map(lineFinding)).toEqual(findings)

  const found = await searchStore(dir, {})
  expect(found.matches.map((m) => `v${m.version}`)).toEqual(versions.map((v) => v.split('@')[0]))
  // With needles and no known count, the lines they skip are counted in the same pass, exactly.
  for (const where of ['type == "T1"', 'payload.n == 127']) {
    const expected = found.matches
      .filter((m) => (where.startsWith('type') ? m.type === 'T1' : (m.payload as { n?: unknown }).n === 127))
      .map((m) => m.version)
    const needled = await searchStore(dir, { where })
    expect(needled.matches.map((m) => m.version)).toEqual(expected)
    // Cut into ranges searched apart (each on a thread of its own in the app) and joined: the same.
    configureWorkers({ file: null, minScanBytes: 0, scanThreads: 3 })
    try {
      expect((await searchStore(dir, { where })).matches).toEqual(needled.matches)
    } finally {
      configureWorkers({})
    }
  }

  const report = await verifyStore(dir)
  const verified = report.problems
    .filter(
      (p) =>
        p.file === 's.events.jsonl' && !['missing_id', 'missing_time', 'time_backwards'].includes(p.kind),
    )
    .map(lineFinding)
  expect(verified).toEqual(findings)
  expect(report.events).toBe(index.eventCount)
}

describe('one verdict per line', () => {
  it('given random damaged streams, when every reader reads them, then they agree on versions and line findings', async () => {
    await fc.assert(fc.asyncProperty(stream, agree), { numRuns: 80 })
  }, 120_000)

  it('given a stream with a blank line, an over-deep event and a BOM-only line, when read, then each is a finding and the rest of the stream goes on', async () => {
    const deep = `{"event_type": "D", "v": ${'['.repeat(2000)}${']'.repeat(2000)}}`
    const bytes = Buffer.from(
      `{"event_type": "A", "aggregate_id": "s"}\n\n${deep}\n\uFEFF\n{"event_type": "B", "aggregate_id": "s"}\n`,
    )
    await agree(bytes)
    const dir = join(await tempDir(), 'one')
    await mkdir(dir)
    await writeFile(join(dir, 's.events.jsonl'), bytes)
    const index = await scanStream(join(dir, 's.events.jsonl'), 's', { replay: true })
    expect(index.eventCount).toBe(2)
    expect(index.problems.map((p) => [p.kind, p.line])).toEqual([
      ['blank_line', 2],
      ['too_deep', 3],
      ['blank_line', 4],
    ])
  })
})
