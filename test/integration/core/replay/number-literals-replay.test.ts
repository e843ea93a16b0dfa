// Numbers keep their source literal through the replay: `-0.0`, `1.0`, `1E5`, `1e-400`, `1e400`, `0.10`
// in a state rebuilt across checkpoints, in its changes, across a worker's structured clone, on the wire
// to the page, in `eventscope state`, and as a finding of its own for a number beyond the double range.

import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { stringifyExact } from '../../../../electron/core/json/big-integers'
import { toWire, toWireChanges } from '../../../../electron/core/json/exact-wire'
import { stateAt } from '../../../../electron/core/replay/replay'
import { scanStream, StreamIndex } from '../../../../electron/core/stream/stream-index'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs('eventscope-literals-')
const literals = { neg: '-0.0', one: '1.0', big: '1E5', tiny: '1e-400', huge: '1e400', dec: '0.10' }

async function stream(): Promise<string> {
  const lines: string[] = []
  const fields = Object.entries(literals)
    .map(([key, text]) => `"${key}": ${text}`)
    .join(', ')
  lines.push(`{"event_type": "Set", "aggregate_id": "a", ${fields}, "nested": {"x": [2.50, -0]}}`)
  // Enough events after it that the state at the end comes from a checkpoint holding the literals.
  for (let i = 0; i < 1200; i++) lines.push(`{"event_type": "Tick", "aggregate_id": "a", "i": ${i}}`)
  lines.push('{"event_type": "Set", "aggregate_id": "a", "one": 2.0}')
  const file = join(await tempDir(), 'a.events.jsonl')
  await writeFile(file, `${lines.join('\n')}\n`)
  return file
}

describe('number literals in the replay', () => {
  it('given literals a double changes, when the state is rebuilt past checkpoints, then each is written back as it was', async () => {
    const index = await scanStream(await stream(), 'a', { replay: true })
    const { state } = await stateAt(index, 1000)
    expect(stringifyExact({ ...state, i: undefined })).toBe(
      '{"neg":-0.0,"one":1.0,"big":1E5,"tiny":1e-400,"huge":1e400,"dec":0.10,"nested":{"x":[2.50,-0]}}',
    )
    const last = await stateAt(index, index.eventCount)
    expect(stringifyExact(last.changes)).toBe('[{"path":["one"],"kind":"changed","before":1.0,"after":2.0}]')
  })

  it('given a scanned stream, when its index crosses to another thread (structured clone), then the checkpoints keep the literals', async () => {
    const index = await scanStream(await stream(), 'a', { replay: true })
    const copy = StreamIndex.fromTransfer(structuredClone(index.toTransfer()))
    const { state } = await stateAt(copy, 1100)
    expect(stringifyExact(state.one)).toBe('1.0')
    expect(stringifyExact(state.neg)).toBe('-0.0')
  })

  it('given the state, when sent to the page, then each number carries its literal by pointer and 1e400 is null beside it', async () => {
    const index = await scanStream(await stream(), 'a', { replay: true })
    const { state, changes } = await stateAt(index, 1)
    const wired = toWire(state)
    expect(wired.exact).toMatchObject({
      '/neg': '-0.0',
      '/one': '1.0',
      '/big': '1E5',
      '/tiny': '1e-400',
      '/huge': '1e400',
      '/dec': '0.10',
      '/nested/x/0': '2.50',
      '/nested/x/1': '-0',
    })
    expect(wired.value).toMatchObject({ one: 1, big: 100000, huge: null, dec: 0.1 })
    expect(toWireChanges(changes).find((change) => change.path[0] === 'huge')).toMatchObject({
      after: null,
      exactAfter: { '': '1e400' },
    })
  })

  it('given a number beyond the double range, when the stream is scanned, then it is a number_out_of_range warning at the line start and the event still counts', async () => {
    const index = await scanStream(await stream(), 'a', { replay: true })
    expect(index.eventCount).toBe(1202)
    expect(index.problems.map((p) => [p.kind, p.severity, p.line, p.offset])).toEqual([
      ['number_out_of_range', 'warning', 1, 0],
    ])
  })
})
