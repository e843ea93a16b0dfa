// FileSink buffers text and bytes into one 4 MiB buffer: what lands on disk must be exactly what was
// written, in order, whether a piece fits, overflows the buffer, or is larger than the buffer itself.

import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FileSink } from '../../../../electron/core/export/file-sink'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs('eventscope-file-sink-')
const mib = 1024 * 1024

type Piece = { text: string } | { bytes: Buffer; from: number }

const piece: fc.Arbitrary<Piece> = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }).map((text) => ({ text })),
  fc
    .tuple(fc.constantFrom('a', 'é', '😀', '\u2028'), fc.integer({ min: 0, max: 5 * mib }))
    .map(([unit, count]) => ({ text: unit.repeat(Math.floor(count / 4)) })),
  fc
    .tuple(fc.integer({ min: 0, max: 5 * mib }), fc.integer({ min: 0, max: 9 }))
    .map(([size, from]) => ({ bytes: Buffer.alloc(size + from, size % 251), from })),
)

describe('FileSink', () => {
  it('given text and bytes of every size up to beyond the buffer, when committed, then the file holds them in order and bytes counts them', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 6 }), async (pieces) => {
        const dir = await tempDir()
        const target = join(dir, 'out.bin')
        const sink = await FileSink.forTarget(target)
        const expected: Buffer[] = []
        for (const p of pieces) {
          if ('text' in p) {
            await sink.write(p.text)
            expected.push(Buffer.from(p.text, 'utf8'))
          } else {
            await sink.writeBytes(p.bytes, p.from, p.bytes.length)
            expected.push(p.bytes.subarray(p.from))
          }
        }
        await sink.commit(target)
        const written = await readFile(target)
        expect(written.equals(Buffer.concat(expected))).toBe(true)
        expect(sink.bytes).toBe(written.length)
        expect(await readdir(dir)).toEqual(['out.bin'])
      }),
      { numRuns: 25 },
    )
  }, 60_000)

  it('given a sink with data, when discarded, then no file is left', async () => {
    const dir = await tempDir()
    const sink = await FileSink.forTarget(join(dir, 'gone.txt'))
    await sink.write('x'.repeat(5 * mib))
    await sink.discard()
    expect(await readdir(dir)).toEqual([])
  })
})
