import { describe, expect, it } from 'vitest'
import { LineSplitter, type LineSkipper, type LineSpan } from '../../../../electron/core/stream/line-splitter'

interface SeenLine {
  readonly text: string
  readonly line: number
  readonly lineOffset: number
  readonly contentOffset: number
  readonly terminated: boolean
}

/** Split `file` into chunks at the given cut points and record every line with its decoded content. */
function split(file: Buffer, cuts: readonly number[] = []): SeenLine[] {
  const seen: SeenLine[] = []
  const onLine = (span: LineSpan): void => {
    seen.push({
      text: span.buffer.toString('utf8', span.start, span.end),
      line: span.line,
      lineOffset: span.lineOffset,
      contentOffset: span.contentOffset,
      terminated: span.terminated,
    })
  }
  const splitter = new LineSplitter()
  let from = 0
  for (const cut of [...cuts, file.length]) {
    splitter.push(file.subarray(from, cut), onLine)
    from = cut
  }
  splitter.finish(onLine)
  return seen
}

const bom = Buffer.from([0xef, 0xbb, 0xbf])
// BOM, CRLF, an LF line, a blank CRLF line, multi-byte UTF-8, and a last line without a line feed.
const messy = Buffer.concat([bom, Buffer.from('{"a":1}\r\n{"b":"é"}\n\r\n{"c":"日本"}\r\n{"d":4}', 'utf8')])

const messyLines: SeenLine[] = [
  { text: '{"a":1}', line: 1, lineOffset: 0, contentOffset: 3, terminated: true },
  { text: '{"b":"é"}', line: 2, lineOffset: 12, contentOffset: 12, terminated: true },
  { text: '', line: 3, lineOffset: 23, contentOffset: 23, terminated: true },
  { text: '{"c":"日本"}', line: 4, lineOffset: 25, contentOffset: 25, terminated: true },
  { text: '{"d":4}', line: 5, lineOffset: 41, contentOffset: 41, terminated: false },
]

describe('LineSplitter', () => {
  it('given a file with a BOM, CRLF, a blank line and no final line feed, when pushed whole, then each line is found with its number and offsets', () => {
    expect(split(messy)).toEqual(messyLines)
  })

  it('given every content offset, when the file bytes there are read, then they are the line content', () => {
    for (const line of split(messy)) {
      const length = Buffer.byteLength(line.text)
      expect(messy.toString('utf8', line.contentOffset, line.contentOffset + length)).toBe(line.text)
    }
  })

  it('given the same file, when cut into two chunks at every byte position (inside the BOM, between CR and LF, inside a character), then the lines are the same', () => {
    for (let cut = 0; cut <= messy.length; cut++) {
      expect(split(messy, [cut]), `cut at ${cut}`).toEqual(messyLines)
    }
  })

  it('given the same file, when cut into three chunks at every pair of positions, then the lines are the same', () => {
    for (let first = 0; first <= messy.length; first++) {
      for (let second = first; second <= messy.length; second++) {
        expect(split(messy, [first, second]), `cuts at ${first}, ${second}`).toEqual(messyLines)
      }
    }
  })

  it('given the file fed one byte at a time, when split, then the lines are the same', () => {
    expect(
      split(
        messy,
        Array.from({ length: messy.length }, (_, i) => i),
      ),
    ).toEqual(messyLines)
  })

  it('given an 8 MiB line fed in 2048 chunks of 4 KiB, when split, then it is one line and takes linear, not quadratic, time', () => {
    const chunk = Buffer.alloc(4096, 0x61)
    const lengths: number[] = []
    const splitter = new LineSplitter()
    const started = performance.now()

    for (let i = 0; i < 2048; i++) splitter.push(chunk, (span) => lengths.push(span.end - span.start))
    splitter.push(Buffer.from('\nb'), (span) => lengths.push(span.end - span.start))
    splitter.finish((span) => lengths.push(span.end - span.start))

    // Joining the tail to every chunk copied ~8.6 GB here (24 s); joining once copies 8 MiB (a few ms). The
    // bound sits between the two with room for a busy machine.
    expect(performance.now() - started).toBeLessThan(10_000)
    expect(lengths).toEqual([8 * 1024 * 1024, 1])
  })

  it('given a caller that reuses one buffer for every chunk, when a line spans chunks, then the carried bytes are not overwritten', () => {
    const shared = Buffer.alloc(4)
    const lines: string[] = []
    const splitter = new LineSplitter()

    for (const part of ['abcd', 'efgh', 'ij\nk', 'lmno']) {
      shared.write(part)
      splitter.push(shared.subarray(0, Buffer.byteLength(part)), (span) =>
        lines.push(span.buffer.toString('utf8', span.start, span.end)),
      )
    }
    splitter.finish((span) => lines.push(span.buffer.toString('utf8', span.start, span.end)))

    expect(lines).toEqual(['abcdefghij', 'klmno'])
  })

  it('given a BOM-only chunk followed by the rest, when split, then every BOM is stripped and a later one is flagged as stray', () => {
    const file = Buffer.concat([bom, Buffer.from('{}\n'), bom, Buffer.from('{}\n')])
    const spans: LineSpan[] = []
    const splitter = new LineSplitter()
    for (const [from, to] of [
      [0, 1],
      [1, 3],
      [3, file.length],
    ] as const)
      splitter.push(file.subarray(from, to), (span) =>
        spans.push({ ...span, buffer: Buffer.from(span.buffer) }),
      )

    expect(spans.map((span) => span.buffer.toString('utf8', span.start, span.end))).toEqual(['{}', '{}'])
    expect(spans.map((span) => span.strayBom ?? false)).toEqual([false, true])
    expect(spans[0]?.contentOffset).toBe(3)
    expect(spans[1]?.contentOffset).toBe(9)
  })

  it('given a line longer than the limit, when split in chunks, then it is reported by length without its bytes and the next line is intact', () => {
    const spans: LineSpan[] = []
    const splitter = new LineSplitter(0, 0, 10)
    const file = Buffer.from('{"a":1}\n' + 'x'.repeat(25) + '\n{"b":2}\n')
    for (let i = 0; i < file.length; i += 4)
      splitter.push(file.subarray(i, i + 4), (span) => spans.push(span))

    expect(spans.map((span) => [span.line, span.tooLong ?? null])).toEqual([
      [1, null],
      [2, 25],
      [3, null],
    ])
    expect(spans[2]?.lineOffset).toBe(8 + 26)
  })

  it('given a file that ends with a line feed, when finished, then no empty extra line is reported', () => {
    expect(split(Buffer.from('{}\n{}\n'))).toEqual([
      { text: '{}', line: 1, lineOffset: 0, contentOffset: 0, terminated: true },
      { text: '{}', line: 2, lineOffset: 3, contentOffset: 3, terminated: true },
    ])
  })

  it('given an empty file, when finished, then there are no lines', () => {
    expect(split(Buffer.alloc(0))).toEqual([])
  })

  it('given a lone CR before the line feed only at the end, when split, then only that trailing CR is removed', () => {
    expect(split(Buffer.from('a\rb\r\r\n')).map((line) => line.text)).toEqual(['a\rb\r'])
  })

  it('given an unterminated tail, when finished, then the tail is handed out but not consumed, so a later push continues it', () => {
    const splitter = new LineSplitter()
    const seen: string[] = []
    const onLine = (span: LineSpan): void => {
      seen.push(`${span.line}:${span.terminated}:${span.buffer.toString('utf8', span.start, span.end)}`)
    }

    splitter.push(Buffer.from('{"a":1}\n{"b":'), onLine)
    splitter.finish(onLine)
    const afterFinish = { consumed: splitter.consumedOffset, lines: splitter.linesSeen }
    splitter.push(Buffer.from('2}\n'), onLine)

    expect(afterFinish).toEqual({ consumed: 8, lines: 1 })
    expect(seen).toEqual(['1:true:{"a":1}', '2:false:{"b":', '2:true:{"b":2}'])
    expect(splitter.consumedOffset).toBe(16)
  })

  it('given a start offset and lines before, when splitting the rest of a file, then offsets and line numbers continue from there and a BOM there is stray', () => {
    const lines: LineSpan[] = []

    new LineSplitter(100, 7).push(Buffer.concat([bom, Buffer.from('{}\n')]), (span) => lines.push(span))

    expect(
      lines.map((span) => ({
        line: span.line,
        lineOffset: span.lineOffset,
        contentOffset: span.contentOffset,
        length: span.end - span.start,
      })),
    ).toEqual([{ line: 8, lineOffset: 100, contentOffset: 103, length: 2 }])
    expect(lines[0]?.strayBom).toBe(true)
  })

  it('given a skipper that passes over some lines, when a file is split at every cut, then the other lines keep their numbers and offsets', () => {
    // Passes over each run of whole lines starting with `s` (as search's skipper passes over lines it
    // counts), never a line the chunk cuts.
    class StartingWithS implements LineSkipper {
      lines = 0
      skip(chunk: Buffer, start: number): number {
        let at = start
        this.lines = 0
        while (chunk[at] === 0x73) {
          const feed = chunk.indexOf(0x0a, at)
          if (feed === -1) break
          at = feed + 1
          this.lines++
        }
        return at
      }
    }
    const skipper = new StartingWithS()
    const file = Buffer.from('skip 1\nkeep 2\nskip 3\nskip 4\n\uFEFFkeep 5\r\nskip 6\nkeep 7\nskip 8')
    const kept = split(file).filter((line) => !line.text.startsWith('s') || !line.terminated)
    for (let cut = 0; cut <= file.length; cut++) {
      const seen: SeenLine[] = []
      const splitter = new LineSplitter()
      const onLine = (span: LineSpan): void =>
        void seen.push({
          text: span.buffer.toString('utf8', span.start, span.end),
          line: span.line,
          lineOffset: span.lineOffset,
          contentOffset: span.contentOffset,
          terminated: span.terminated,
        })
      splitter.push(file.subarray(0, cut), onLine, skipper)
      splitter.push(file.subarray(cut), onLine, skipper)
      splitter.finish(onLine)
      // A line the cut went through is handed out whole instead: every line kept is there, in place.
      expect(
        seen.filter((line) => kept.some((k) => k.line === line.line)),
        `cut at ${cut}`,
      ).toEqual(kept)
      expect(seen.every((line) => split(file)[line.line - 1]?.lineOffset === line.lineOffset)).toBe(true)
      expect(splitter.linesSeen).toBe(7)
      expect(splitter.consumedOffset).toBe(file.lastIndexOf(0x0a) + 1)
    }
  })
})
