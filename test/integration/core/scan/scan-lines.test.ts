// scanLines passes over runs of lines its needles rule out (ruled-out-lines.ts): checked byte by byte,
// or with trustShape counted by their `{…}` shape. Over a damaged stream of several chunks, its events,
// guesses and matches must be those of deciding every line one by one, as scanLines did before.

import { describe, expect, it } from 'vitest'
import { exactNeedle } from '../../../../electron/core/scan/needle-finder'
import { isCertainObjectLine } from '../../../../electron/core/scan/object-line'
import { looksLikeObject } from '../../../../electron/core/scan/ruled-out-lines'
import { scanLines } from '../../../../electron/core/scan/scan-lines'
import { readLines } from '../../../../electron/core/stream/line-reader'
import { judgeLine } from '../../../../electron/core/stream/line-verdict'
import { damagedStreamText } from '../../../support/damaged-stream'
import { writeStream } from '../../../support/store-files'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()

/** Every line decided alone: the first event parsed, then ruled-out lines counted, the others parsed. */
async function oneByOne(file: string, texts: readonly (readonly string[])[], trustShape: boolean) {
  let styled = false
  let events = 0
  let guessed = 0
  const matched: string[] = []
  await readLines(file, {}, (span) => {
    const raw = span.buffer.toString('utf8', span.start, span.end)
    const passes = texts.every((group) => group.some((text) => raw.includes(text)))
    if (styled && !passes) {
      if (trustShape) {
        if (looksLikeObject(span.buffer, span.start, span.end)) {
          events++
          guessed++
        }
        return
      }
      if (span.tooLong === undefined && isCertainObjectLine(span.buffer, span.start, span.end)) {
        events++
        return
      }
    }
    if (judgeLine(span, null).event === null) return
    events++
    styled = true
    if (passes) matched.push(`v${events}@${span.line}`)
  })
  return { events, guessed, matched }
}

describe('scanLines', () => {
  it.each([
    ['one rare needle', [['"n":1234,']]],
    ['a common needle and a rare one', [['"Deposited"'], ['"n":99', '"n":777']]],
    ['a needle in the text of damaged lines', [['0+00:00"']]],
  ])(
    'given a damaged stream of several chunks and %s, when scanned exactly and trusting shapes, then the counts and matches are those of one line at a time',
    async (_what, texts) => {
      const file = await writeStream(await tempDir(), 's', damagedStreamText())
      for (const trustShape of [false, true]) {
        const matched: string[] = []
        const needles = texts.map((group) => group.map(exactNeedle))
        const scan = await scanLines(file, 's', {
          needles,
          trustShape,
          onEvent: (event) => void matched.push(`v${event.version}@${event.line}`),
        })
        const expected = await oneByOne(file, texts, trustShape)
        expect({ events: scan.events, guessed: scan.guessed, matched }, `trustShape ${trustShape}`).toEqual(
          expected,
        )
      }
    },
  )
})
