// Exports of a store written by someone else: CSV cells that a spreadsheet would run as formulas are
// neutralized by default (headers, types and ids included), and the last step of an export never
// replaces a file that appeared at the target while it ran.

import { readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { neutralizeFormula } from '../../../../electron/core/export/csv-row'
import { FileSink } from '../../../../electron/core/export/file-sink'
import { runExport } from '../../../../electron/core/export/run-export'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs('eventscope-hostile-export-')

const hostileLine = JSON.stringify({
  event_id: '=1+1',
  event_type: '@SUM(A1)',
  occurred_at: '2026-01-01T00:00:00+00:00',
  "=cmd|' /C calc'!A0": 'x',
  link: '=HYPERLINK("http://evil.example","click")',
  plus: '+1-1',
  minus: '-2+3',
  tab: '\tx',
  cr: '\rx',
  amount: -5,
  big: '-12.5e3',
  fine: 'hello',
})

async function hostileStore(): Promise<string> {
  const dir = await tempDir()
  await writeFile(join(dir, 'a.events.jsonl'), `${hostileLine}\n`)
  await writeFile(join(dir, 'index.json'), '{"aggregates": {}, "total_events": 0}')
  return dir
}

/** The CSV text parsed back into rows of cells (RFC 4180: quotes doubled, CRLF records). */
function rows(text: string): string[][] {
  const out: string[][] = [[]]
  let cell = ''
  let quoted = false
  const endCell = (): void => {
    ;(out.at(-1) as string[]).push(cell)
    cell = ''
  }
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"'
      i++
    } else if (c === '"') {
      quoted = !quoted
    } else if (!quoted && c === ',') {
      endCell()
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      endCell()
      out.push([])
      i++
    } else {
      cell += c
    }
  }
  return out.filter((row) => row.length > 0)
}

describe('given a store whose ids, types, field names and values start like formulas', () => {
  it('when exported as CSV, then every such cell gets a leading quote, the header too, and plain numbers stay', async () => {
    const dir = await hostileStore()
    const out = join(await tempDir(), 'a.csv')

    await runExport({ dir, format: 'csv', out })
    const [header, row] = rows(await readFile(out, 'utf8'))
    const cell = (name: string): string => (row as string[])[(header as string[]).indexOf(name)] as string

    expect(header).toContain(`'=cmd|' /C calc'!A0`)
    expect(cell('event_id')).toBe(`'=1+1`)
    expect(cell('event_type')).toBe(`'@SUM(A1)`)
    expect(cell('link')).toBe(`'=HYPERLINK("http://evil.example","click")`)
    expect(cell('plus')).toBe(`'+1-1`)
    expect(cell('minus')).toBe(`'-2+3`)
    expect(cell('tab')).toBe(`'\tx`)
    expect(cell('cr')).toBe(`'\rx`)
    expect(cell('amount')).toBe('-5')
    expect(cell('big')).toBe('-12.5e3')
    expect(cell('fine')).toBe('hello')
    expect(row?.some((text) => /^[=+\-@\t\r]/.test(text) && !/^-[\d.e]+$/.test(text))).toBe(false)
  })

  it('when exported as CSV with csvFormulas keep (--keep-formulas), then the cells are written as they are', async () => {
    const dir = await hostileStore()
    const out = join(await tempDir(), 'a.csv')

    await runExport({ dir, format: 'csv', out, csvFormulas: 'keep' })
    const [header, row] = rows(await readFile(out, 'utf8'))

    expect(header).toContain(`=cmd|' /C calc'!A0`)
    expect(row?.[(header as string[]).indexOf('event_type')]).toBe('@SUM(A1)')
  })

  it.each([
    ['=1', `'=1`],
    ['@x', `'@x`],
    ['-', `'-`],
    ['+', `'+`],
    ['-1', '-1'],
    ['+0.5', '+0.5'],
    ['-.5e-3', '-.5e-3'],
    ['-1-1', `'-1-1`],
    ['', ''],
    ['a=1', 'a=1'],
  ])('neutralizeFormula(%j) is %j', (cell, expected) => {
    expect(neutralizeFormula(cell)).toBe(expected)
  })
})

describe('given an export whose target appears while it runs', () => {
  it('when the export is committed, then the file that appeared is left as it was and no temporary file remains', async () => {
    const folder = await tempDir()
    const target = join(folder, 'out.jsonl')
    const sink = await FileSink.forTarget(target)
    await sink.write('{"exported": true}\n')

    await writeFile(target, 'precious')
    await expect(sink.commit(target)).rejects.toThrow(/appeared while the export ran and was left as it is/)

    expect(await readFile(target, 'utf8')).toBe('precious')
    expect(await readdir(folder)).toEqual(['out.jsonl'])
  })

  it('when nothing appeared, then the export takes the name and the temporary file is gone', async () => {
    const folder = await tempDir()
    const target = join(folder, 'out.jsonl')
    const sink = await FileSink.forTarget(target)
    await sink.write('{"exported": true}\n')

    await sink.commit(target)

    expect(await readFile(target, 'utf8')).toBe('{"exported": true}\n')
    expect(await readdir(folder)).toEqual(['out.jsonl'])
  })
})
