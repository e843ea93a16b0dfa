// findInRange passes over the lines its needles rule out that are certainly events (ruled-out-lines.ts)
// without handing them out: over a file of several read chunks with damage here and there, every event
// it parses must carry the version and line one plain pass gives it, and its totals must be that pass's.

import { describe, expect, it } from 'vitest'
import { findInRange } from '../../../../electron/core/scan/find-chunk'
import { exactNeedle, type Needle } from '../../../../electron/core/scan/needle-finder'
import { scanLines, type ScannedEvent } from '../../../../electron/core/scan/scan-lines'
import { damagedStreamText as streamText } from '../../../support/damaged-stream'
import { writeStream } from '../../../support/store-files'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()

/** The lines whose bytes hold, for every group, one of its needles. */
function passes(raw: string, groups: readonly (readonly string[])[]): boolean {
  return groups.every((group) => group.some((needle) => raw.includes(needle)))
}

describe('findInRange', () => {
  it.each([
    ['one needle', [['"n":1234,']]],
    ['a common needle and a rare one', [['"Deposited"'], ['"n":99', '"n":777']]],
    ['needles that never occur', [['no such bytes']]],
    ['a needle in the text of damaged lines', [['0+00:00"']]],
  ])(
    'given a stream of several chunks with damaged lines and %s, when searched, then the parsed events have the versions of one plain pass',
    async (_what, texts) => {
      const file = await writeStream(await tempDir(), 's', streamText())
      const every: ScannedEvent[] = []
      const plain = await scanLines(file, 's', { onEvent: (event) => void every.push(event) })
      const style = every[0]?.style
      if (!style) throw new Error('no event')
      const needles: Needle[][] = texts.map((group) => group.map(exactNeedle))
      const found = await findInRange(file, { from: 0 }, style, needles)

      expect(found.events).toBe(plain.events)
      const byLine = new Map(every.map((event) => [event.line, event]))
      const candidates = found.lineNumbers.map((line, k) => ({
        line,
        version: (found.before[k] as number) + 1,
        offset: found.offsets[k],
        raw: found.texts[k],
      }))
      for (const candidate of candidates) {
        const event = byLine.get(candidate.line)
        expect(candidate).toEqual({
          line: event?.line,
          version: event?.version,
          offset: event?.offset,
          raw: event?.raw,
        })
      }
      // Every event the needles let through was parsed (the others may be too, where not certain).
      const parsed = new Set(candidates.map((candidate) => candidate.line))
      const wanted = every.filter((event) => passes(event.raw, texts))
      for (const event of wanted) expect(parsed.has(event.line), `line ${event.line}`).toBe(true)
      if (texts[0]?.[0] === '"n":1234,') expect(wanted.length).toBe(1)
    },
  )
})
