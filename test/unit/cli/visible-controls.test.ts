// The store's control characters reach a terminal as visible escapes: every C0 character but tab and
// line feed, DEL and C1, in text and in the list's table bytes; everything else is left as it is.

import { describe, expect, it } from 'vitest'
import { visibleControls, visibleLine } from '../../../electron/cli/format/visible-controls'
import { columnsBytes } from '../../../electron/cli/format/table'

const escape = (code: number): string => `\\u${code.toString(16).padStart(4, '0')}`
const c0 = Array.from({ length: 0x20 }, (_, code) => code).filter((code) => code !== 0x09 && code !== 0x0a)
const c1 = Array.from({ length: 0x20 }, (_, k) => 0x80 + k)
const controls = [...c0, 0x7f, ...c1]

describe('visibleControls', () => {
  it('when text holds any C0 character but tab and line feed, DEL or C1, then each is written as \\u00XX', () => {
    for (const code of controls)
      expect(visibleControls(`a${String.fromCharCode(code)}b`)).toBe(`a${escape(code)}b`)
  })

  it('when text holds tabs, line feeds, other Unicode or nothing special, then it is left as it is', () => {
    for (const text of ['plain', 'tab\there\nnew line', 'Zoë ☃ 𝄞 \u00a0 \u200f', '', '\\u001b as text'])
      expect(visibleControls(text)).toBe(text)
  })

  it('when a terminal sequence is in the text, then no escape byte is left in it', () => {
    const shown = visibleControls('\u001b[2J\u001b]0;title\u0007\r\u009b31m')
    expect(shown).toBe('\\u001b[2J\\u001b]0;title\\u0007\\u000d\\u009b31m')
    expect(Buffer.from(shown).some((byte) => byte < 0x20 || byte === 0x7f)).toBe(false)
  })
})

describe('visibleLine', () => {
  it('when a stderr line holds a line feed or a control, then both are escaped and the tab is kept', () => {
    expect(visibleLine('id a\nb\u001b[31m\tc')).toBe('id a\\u000ab\\u001b[31m\tc')
  })
})

describe('the table laid out as bytes', () => {
  it('when a cell holds a control character, then its row is escaped and the other rows are laid out as always', () => {
    const columns = [{ header: 'ID' }, { header: 'TYPE' }]
    const cells = [
      ['a', 'b\u001b[2J', 'c'],
      ['Opened', 'X\u0085', 'Closed'],
    ]
    const bytes = columnsBytes(columns, cells, 'after\u0007\n')
    // Widths are the raw cells' (5 for the second id): only the escaped row is wider.
    expect(bytes.toString('utf8').split('\n')).toEqual([
      'ID     TYPE',
      'a      Opened',
      'b\\u001b[2J  X\\u0085',
      'c      Closed',
      'after\\u0007',
      '',
    ])
    expect(bytes.some((byte) => (byte < 0x20 && byte !== 0x0a) || byte === 0x7f)).toBe(false)
  })

  it('when a header holds a control character, then it is escaped too', () => {
    const text = columnsBytes([{ header: 'I\u001bD' }], [['x']]).toString('utf8')
    expect(text.split('\n')[0]).toBe('I\\u001bD')
  })
})
