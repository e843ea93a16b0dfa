// judgeLine on plain buffers: every kind of line, its verdict, and one offset rule (the line's first byte).

import { describe, expect, it } from 'vitest'
import type { EnvelopeStyle } from '../../../../shared/contract'
import { LineSplitter, type LineSpan } from '../../../../electron/core/stream/line-splitter'
import { judgeLine, type LineVerdict } from '../../../../electron/core/stream/line-verdict'

/** Every line of `bytes` as the splitter hands it out (the unterminated tail last). */
function spans(bytes: Buffer): LineSpan[] {
  const out: LineSpan[] = []
  const splitter = new LineSplitter()
  splitter.push(bytes, (span) => out.push(span))
  splitter.finish((span) => out.push(span))
  return out
}

function judgeAll(bytes: Buffer | string, style: EnvelopeStyle | null = null): LineVerdict[] {
  return spans(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes)).map((span) => judgeLine(span, style))
}

const kinds = (verdict: LineVerdict | undefined): string[] => verdict?.problems.map((p) => p.kind) ?? []
const nested: EnvelopeStyle = {
  payload: 'data',
  typeField: 'type',
  idField: null,
  timeField: null,
  aggregateIdField: null,
}

describe('judgeLine', () => {
  it('given an event line, when judged, then it is an event with its value and text and no problem', () => {
    const [verdict] = judgeAll('{"event_type": "A", "n": 1}\n')
    expect(verdict?.event).toEqual({ value: { event_type: 'A', n: 1 }, text: '{"event_type": "A", "n": 1}' })
    expect(verdict?.problems).toEqual([])
  })

  it('given empty, white-space-only, CR-only and BOM-only lines, when judged, then each is a blank_line warning and no event', () => {
    const verdicts = judgeAll('\uFEFF\n\n  \t \r\n\r\n')
    expect(verdicts.map((v) => [v.event, kinds(v), v.problems[0]?.severity])).toEqual([
      [null, ['blank_line'], 'warning'],
      [null, ['blank_line'], 'warning'],
      [null, ['blank_line'], 'warning'],
      [null, ['blank_line'], 'warning'],
    ])
    expect(verdicts[0]?.problems[0]?.message).toMatch(/only a byte order mark/)
    expect(verdicts[2]?.problems[0]?.message).toMatch(/only white space/)
    expect(verdicts[0]?.problems[0]?.message).toMatch(/load_events fails/)
  })

  it('given a line of white space without its line feed at the end, when judged, then it is a blank_line too', () => {
    expect(kinds(judgeAll('{"a": 1}\n   ')[1])).toEqual(['blank_line'])
  })

  it('given bad UTF-8 in a terminated line and in the middle of an unterminated last line, when judged, then both are invalid_utf8', () => {
    const bad = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d])
    const verdicts = judgeAll(Buffer.concat([bad, Buffer.from('\n'), bad]))
    expect(verdicts.map(kinds)).toEqual([['invalid_utf8'], ['invalid_utf8']])
    expect(verdicts.every((v) => v.event === null)).toBe(true)
  })

  it('given an unterminated last line cut inside a character, when judged, then it is a torn tail, not bad UTF-8', () => {
    const cut = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xe2, 0x82])
    expect(kinds(judgeAll(cut)[0])).toEqual(['torn_tail'])
  })

  it('given text that is not JSON, JSON that is not an object, and a torn tail, when judged, then each has its kind and no event', () => {
    const verdicts = judgeAll('not json\n[1, 2]\n"text"\n{"a": 1')
    expect(verdicts.map(kinds)).toEqual([['bad_line'], ['not_object'], ['not_object'], ['torn_tail']])
    expect(verdicts[3]?.problems[0]?.severity).toBe('error')
  })

  it('given a byte order mark in the middle of the file before an event, when judged, then it is an event with a stray_bom warning at the line start', () => {
    const text = '{"a": 1}\n\uFEFF{"b": 2}\n'
    const verdicts = judgeAll(text)
    expect(verdicts[1]?.event?.value).toEqual({ b: 2 })
    expect(verdicts[1]?.problems.map((p) => [p.kind, p.offset])).toEqual([['stray_bom', 9]])
  })

  it('given every kind of problem line after a first line, when judged, then every finding is at its line first byte', () => {
    const lines = ['{"a": 1}', '', '  ', '\uFEFF{"x"', 'nope', '[]', '\uFEFF', '{"a"']
    const text = lines.join('\n')
    const starts: number[] = []
    let at = 0
    for (const line of lines) {
      starts.push(at)
      at += Buffer.byteLength(line) + 1
    }
    const verdicts = judgeAll(text)
    verdicts.forEach((verdict, i) => {
      for (const problem of verdict.problems) {
        expect(problem.line).toBe(i + 1)
        expect(problem.offset).toBe(starts[i])
      }
    })
    expect(verdicts.slice(1).every((v) => v.problems.length > 0)).toBe(true)
  })

  it('given events nested 1,000 and 1,001 levels deep, when judged, then the first is an event and the second a too_deep error', () => {
    const deep = (n: number): string => `{"event_type": "D", "v": ${'['.repeat(n - 1)}${']'.repeat(n - 1)}}`
    const [ok, over] = judgeAll(`${deep(1000)}\n${deep(1001)}\n`)
    expect(ok?.event).not.toBeNull()
    expect(over?.event).toBeNull()
    expect(over?.problems.map((p) => [p.kind, p.severity])).toEqual([['too_deep', 'error']])
  })

  it('given brackets inside strings, when judged, then they do not count as depth', () => {
    const [verdict] = judgeAll(`{"s": "${'['.repeat(5000)}"}\n`)
    expect(verdict?.event).not.toBeNull()
  })

  it('given a stream whose payload sits under data, when an event has a data that is not an object, then it is an event with a payload_not_object warning', () => {
    const verdicts = judgeAll(
      '{"type": "A", "data": 5}\n{"type": "B", "data": null}\n{"type": "C"}\n',
      nested,
    )
    expect(verdicts.map((v) => [v.event !== null, kinds(v)])).toEqual([
      [true, ['payload_not_object']],
      [true, ['payload_not_object']],
      [true, []],
    ])
  })

  it('given a flat stream, when an event has a data field that is not an object, then it is plain payload data', () => {
    const flat: EnvelopeStyle = { ...nested, payload: 'flat' }
    expect(judgeAll('{"type": "A", "data": 5}\n', flat)[0]?.problems).toEqual([])
  })
})
