// The JSONL (and store) export without filters copies each valid line's bytes instead of parsing it
// again: its output must be what the parsing export wrote (each event's text read back, then '\n'),
// byte for byte, over every kind of damage a stream can hold.

import { readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runExport } from '../../../../electron/core/export/run-export'
import { readEvents } from '../../../../electron/core/stream/event-reader'
import { scanStream } from '../../../../electron/core/stream/stream-index'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs('eventscope-jsonl-copy-')
const bom = Buffer.from([0xef, 0xbb, 0xbf])

/** What the export wrote before the byte copy: every event read back as text, each followed by '\n'. */
async function parsingExport(file: string, aggregateId: string): Promise<{ text: Buffer; bad: number }> {
  const index = await scanStream(file, aggregateId, { replay: false })
  const parts: string[] = []
  for (let from = 1; from <= index.eventCount; from += 500)
    for (const event of await readEvents(index, from, from + 499)) parts.push(`${event.raw}\n`)
  const bad = index.problems.filter(
    (p) => p.severity === 'error' || p.kind === 'torn_tail' || p.kind === 'blank_line',
  ).length
  return { text: Buffer.from(parts.join(''), 'utf8'), bad }
}

const validLine = fc
  .record({
    n: fc.integer(),
    text: fc.string({ unit: 'binary', maxLength: 12 }),
    big: fc.bigInt({ min: 2n ** 53n, max: 2n ** 70n }),
    nested: fc.array(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean()), {
      maxLength: 3,
    }),
  })
  .map(({ n, text, big, nested }) =>
    Buffer.from(
      `{"event_type": "T${n % 3}", "occurred_at": "2026-01-0${(Math.abs(n) % 9) + 1}T00:00:00Z", ` +
        `"text": ${JSON.stringify(text)}, "big": ${big}, "nested": ${JSON.stringify(nested)}}`,
      'utf8',
    ),
  )

const line = fc.oneof(
  { weight: 6, arbitrary: validLine },
  { weight: 1, arbitrary: validLine.map((bytes) => Buffer.concat([bom, bytes])) },
  { weight: 1, arbitrary: validLine.map((bytes) => Buffer.from(`  ${bytes.toString('utf8')}\t `)) },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom(
        '',
        '   ',
        'not json',
        '{"event_type": "T1", "a":',
        '[1, 2]',
        '"text"',
        '42',
        '{"a": "\uFFFD real replacement char"}',
        '{"a": "\u2028 separator, 😀 astral"}',
        '{"a": 1}\r',
        '{"a": 1} \uFEFF',
      )
      .map((text) => Buffer.from(text, 'utf8')),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]),
      Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x22, 0x7d]),
    ),
  },
)
const ending = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r\r\n')

const stream = fc
  .record({
    lines: fc.array(fc.tuple(line, ending), { maxLength: 25 }),
    tail: fc.oneof(
      fc.constant(null),
      validLine,
      validLine.map((bytes) => bytes.subarray(0, Math.max(1, bytes.length >> 1))),
      fc.constant(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xe2, 0x82])),
    ),
  })
  .map(({ lines, tail }) =>
    Buffer.concat([...lines.flatMap(([bytes, end]) => [bytes, Buffer.from(end)]), ...(tail ? [tail] : [])]),
  )

async function compare(streams: Buffer[]): Promise<void> {
  const root = await tempDir()
  const dir = join(root, 'store')
  const { mkdir } = await import('node:fs/promises')
  await mkdir(dir)
  const expected: Buffer[] = []
  let bad = 0
  for (const [i, bytes] of streams.entries()) {
    const file = join(dir, `s${i}.events.jsonl`)
    await writeFile(file, bytes)
    const reference = await parsingExport(file, `s${i}`)
    expected.push(reference.text)
    bad += reference.bad
  }
  const result = await runExport({ dir, format: 'jsonl', out: join(root, 'all.jsonl') })
  const written = await readFile(join(root, 'all.jsonl'))
  expect(written.equals(Buffer.concat(expected))).toBe(true)
  expect(result.skippedLines).toBe(bad)
  expect(result.bytes).toBe(written.length)

  await runExport({ dir, format: 'store', out: join(root, 'copy') })
  const names = new Set(await readdir(join(root, 'copy')))
  for (const [i, text] of expected.entries()) {
    if (text.length === 0) expect(names.has(`s${i}.events.jsonl`)).toBe(false)
    else expect((await readFile(join(root, 'copy', `s${i}.events.jsonl`))).equals(text)).toBe(true)
  }
}

describe('JSONL export without filters (byte copy)', () => {
  it('given damaged streams (CRLF, BOMs, blank and bad lines, invalid UTF-8, torn tails, big integers, unicode), when exported, then the output is what the parsing export wrote', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stream, { minLength: 1, maxLength: 3 }), (streams) => compare(streams)),
      { numRuns: 60 },
    )
  }, 60_000)

  it('given a stream of several 4 MiB chunks with lines across their edges, when exported, then the output is what the parsing export wrote', async () => {
    const samples = fc.sample(fc.tuple(line, ending), { numRuns: 400, seed: 7 })
    const parts: Buffer[] = []
    let size = 0
    // Lines of every size, a few of them over a megabyte, so chunk edges fall inside lines and runs.
    for (let i = 0; size < 11 * 1024 * 1024; i++) {
      const [bytes, end] = samples[i % samples.length] as [Buffer, string]
      const long = i % 97 === 0 ? `{"pad": "${'x'.repeat(1_300_000 + i)}"}\n` : ''
      const part = Buffer.concat([bytes, Buffer.from(end), Buffer.from(long)])
      parts.push(part)
      size += part.length
    }
    await compare([Buffer.concat(parts), Buffer.concat([bom, ...parts.slice(0, 50)])])
  }, 60_000)
})
