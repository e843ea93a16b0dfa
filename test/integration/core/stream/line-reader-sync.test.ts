// The synchronous whole read of a small stream (readLines' syncUpTo, used by the threads that read a
// store's many streams): the same lines, ends, stamps and refusals as the chunked read, and a file
// over the limit read the usual way. And synchronous reads chunk by chunk (syncReads, the threads that
// search a big stream's pieces): the same as the usual read.

import { execFileSync } from 'node:child_process'
import { symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readForCache } from '../../../../electron/core/scan-cache/cached-read'
import { readLines, type LineReadOptions } from '../../../../electron/core/stream/line-reader'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()

async function read(file: string, options: LineReadOptions) {
  const lines: string[] = []
  const opened: number[] = []
  const bytes: string[] = []
  const end = await readLines(
    file,
    {
      ...options,
      onOpen: (info) => opened.push(info.size),
      onBytes: (chunk, at) => bytes.push(`${at}:${chunk.toString('hex')}`),
    },
    (span) =>
      lines.push(
        `${span.line}@${span.lineOffset}/${span.contentOffset}:${span.terminated}:${span.buffer.toString('utf8', span.start, span.end)}`,
      ),
  )
  return { lines, opened, bytes, end }
}

describe('reading a small stream with synchronous calls', () => {
  it('given streams with and without a last newline, empty, with CRLF and blank lines, when read both ways, then every line, end and stamp input is the same', async () => {
    const dir = await tempDir()
    const texts = ['{"a":1}\n{"a":2}\n', '{"a":1}\n{"a":2', '', '\n\n{"a":1}\r\n', '\uFEFF{"é":"ü"}\n']
    for (const [i, text] of texts.entries()) {
      const file = join(dir, `s${i}.events.jsonl`)
      await writeFile(file, text)
      const usual = await read(file, {})
      const sync = await read(file, { syncUpTo: 1024 })
      expect(sync).toEqual(usual)
      const { readAtMs: _a, ...cachedUsual } = await readForCache(file, `s${i}`)
      const { readAtMs: _b, ...cachedSync } = await readForCache(file, `s${i}`, 1024)
      expect(cachedSync).toEqual(cachedUsual)
    }
  })

  it('given a stream over the limit, when read with a small limit, then it is read in chunks as usual', async () => {
    const dir = await tempDir()
    const file = join(dir, 'big.events.jsonl')
    await writeFile(file, Array.from({ length: 200 }, (_, i) => `{"n":${i}}`).join('\n') + '\n')
    expect(await read(file, { syncUpTo: 100, chunkBytes: 512 })).toEqual(
      await read(file, { chunkBytes: 512 }),
    )
  })

  it('given a stream read in chunks, when each chunk is read with a synchronous call, then the lines, ends and bytes are those of the usual read, from any start and to any end', async () => {
    const dir = await tempDir()
    const file = join(dir, 'chunks.events.jsonl')
    await writeFile(
      file,
      Array.from({ length: 300 }, (_, i) => `{"n":${i},"s":"é"}`).join('\r\n') + '\n{"tail"',
    )
    for (const range of [{}, { from: 17, until: 2000 }, { from: 0, until: 5 }]) {
      const options = { chunkBytes: 100, ...range }
      expect(await read(file, { ...options, syncReads: true })).toEqual(await read(file, options))
    }
  })

  it('given a symbolic link and a named pipe named like streams, when read synchronously, then both are refused without waiting', async () => {
    const dir = await tempDir()
    const target = join(dir, 'target')
    await writeFile(target, '{"a":1}\n')
    const link = join(dir, 'link.events.jsonl')
    await symlink(target, link)
    await expect(read(link, { syncUpTo: 1024 })).rejects.toMatchObject({ code: 'ENOTREGULAR', kind: 'link' })
    const fifo = join(dir, 'fifo.events.jsonl')
    execFileSync('mkfifo', [fifo])
    await expect(read(fifo, { syncUpTo: 1024 })).rejects.toMatchObject({ code: 'ENOTREGULAR', kind: 'fifo' })
  })
})
