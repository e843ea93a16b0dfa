import { describe, expect, it } from 'vitest'
import { matcherOf, shortcutText, type KeyPress } from '../../../../renderer/src/commands/keys'

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...extra,
})

describe('matcherOf', () => {
  it('given CmdOrCtrl+L, when Ctrl+L or Cmd+L is pressed, even while typing, then it matches; L alone does not', () => {
    const matches = matcherOf('CmdOrCtrl+L')
    expect(matches(press('l', { ctrlKey: true }), true)).toBe(true)
    expect(matches(press('L', { metaKey: true }), false)).toBe(true)
    expect(matches(press('l'), false)).toBe(false)
    expect(matches(press('l', { ctrlKey: true, altKey: true }), false)).toBe(false)
  })

  it('given N and Shift+N, when n and N are pressed, then each matches its own, whatever Caps Lock did to the key', () => {
    expect(matcherOf('N')(press('n'), false)).toBe(true)
    expect(matcherOf('N')(press('N', { shiftKey: true }), false)).toBe(false)
    expect(matcherOf('Shift+N')(press('N', { shiftKey: true }), false)).toBe(true)
    expect(matcherOf('Shift+N')(press('n', { shiftKey: true }), false)).toBe(true)
    expect(matcherOf('N')(press('n'), true)).toBe(false)
  })

  it('given Shift+. and ?, when the shifted characters arrive, then they match', () => {
    expect(matcherOf('Shift+.')(press('>', { shiftKey: true }), false)).toBe(true)
    expect(matcherOf('Shift+.')(press('.'), false)).toBe(false)
    expect(matcherOf('?')(press('?', { shiftKey: true }), false)).toBe(true)
    expect(matcherOf('.')(press('>', { shiftKey: true }), false)).toBe(false)
  })
})

describe('shortcutText', () => {
  it('given an accelerator, when shown, then CmdOrCtrl reads Ctrl, or ⌘ on a Mac', () => {
    expect(shortcutText('CmdOrCtrl+Shift+M')).toBe('Ctrl+Shift+M')
    expect(shortcutText('CmdOrCtrl+L', true)).toBe('⌘L')
    expect(shortcutText('?')).toBe('?')
  })
})
