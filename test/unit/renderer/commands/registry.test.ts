import { describe, expect, it } from 'vitest'
import { commands, describeCommand } from '../../../../renderer/src/commands/registry'

const key = (key: string, extra: Partial<KeyboardEvent> = {}) =>
  ({ key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...extra }) as KeyboardEvent

const matching = (event: KeyboardEvent, typing = false) =>
  commands.filter((c) => c.matches(event, typing)).map((c) => c.name)

describe('command shortcuts', () => {
  it('given no text field focused, when "/" , "," or "." is pressed, then exactly one command answers', () => {
    expect(matching(key('/'))).toEqual(['focusFilter'])
    expect(matching(key(','))).toEqual(['previousVersion'])
    expect(matching(key('.'))).toEqual(['nextVersion'])
    expect(matching(key('>', { shiftKey: true }))).toEqual(['lastVersion'])
    expect(matching(key('<', { shiftKey: true }))).toEqual(['firstVersion'])
  })

  it('given a text field focused, when characters are typed, then no command steals them', () => {
    expect(matching(key('/'), true)).toEqual([])
    expect(matching(key(','), true)).toEqual([])
  })

  it('given a text field focused, when Ctrl+L is pressed, then the directory field is still reachable', () => {
    expect(matching(key('l', { ctrlKey: true }), true)).toEqual(['focusDirectory'])
  })

  it('given a command with a shortcut, when described, then its tooltip names the shortcut', () => {
    const next = commands.find((c) => c.name === 'nextVersion')!
    expect(describeCommand(next)).toBe('Step forward one event (.)')
  })
})

describe('the Follow shortcut', () => {
  it('given no text field focused, when "f" is pressed, then Follow toggles; typing an "f" does not', () => {
    expect(matching(key('f'))).toEqual(['toggleFollow'])
    expect(matching(key('f'), true)).toEqual([])
    expect(matching(key('f', { ctrlKey: true }))).toEqual([])
  })
})
