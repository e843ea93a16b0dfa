import { afterEach, describe, expect, it, vi } from 'vitest'
import { CallWatch, CallWatcher, newWatchBuffer } from '../../../../electron/core/sandbox/call-watch'
import { runClock } from '../../../../electron/core/sandbox/run-clock'
import { describeThrown, userFrame } from '../../../../electron/core/sandbox/sandbox-error'
import { hardLimitMs } from '../../../../electron/core/sandbox/sandbox-limits'

describe('describeThrown', () => {
  it.each([
    ['a string', { type: 'string', primitive: 'no such account' }, false, 'threw', 'no such account'],
    ['null while memory is left', { type: 'object', primitive: 'null' }, false, 'threw', 'threw null'],
    ['null with the heap at its cap', { type: 'object', primitive: 'null' }, true, 'memory', /memory/],
    ['a number', { type: 'number', primitive: '42' }, false, 'threw', 'threw 42'],
    ['an empty string', { type: 'string', primitive: '' }, false, 'threw', 'threw an empty string'],
    [
      'an object with no data properties',
      { name: null, message: null, stack: null },
      false,
      'threw',
      /not an Error/,
    ],
    [
      'a TypeError',
      { name: 'TypeError', message: 'x is not a function', stack: null },
      false,
      'threw',
      'TypeError: x is not a function',
    ],
    [
      'QuickJS out of memory',
      { name: 'InternalError', message: 'out of memory', stack: null },
      false,
      'memory',
      /memory/,
    ],
    [
      'a user error that says out of memory',
      { name: 'Error', message: 'out of memory', stack: null },
      false,
      'threw',
      'out of memory',
    ],
    [
      'a stack overflow',
      { name: 'RangeError', message: 'Maximum call stack size exceeded', stack: null },
      false,
      'stack',
      /recursed/,
    ],
  ] as const)(
    'given %s thrown, when described, then its kind and message say what it was',
    (_what, thrown, atCap, kind, message) => {
      const error = describeThrown(thrown, 'bank.js', atCap)

      expect(error.kind).toBe(kind)
      expect(error.message).toMatch(message)
    },
  )

  it('given a stack with a frame in the user file, when described, then the location is that frame', () => {
    const stack =
      '    at check (<eventscope>:3:1)\n    at evolve (bank.js:12:5)\n    at <eval> (bank.js:20:1)\n'

    expect(describeThrown({ name: 'Error', message: 'nope', stack }, 'bank.js', false).location).toBe(
      'bank.js:12:5',
    )
    expect(userFrame(stack, 'other.js')).toBeNull()
  })
})

describe('the call watch', () => {
  afterEach(() => vi.restoreAllMocks())

  it('given a call begun in the worker, when the host looks, then it is overdue only once past its hard limit on the wall clock and in CPU time, and never once ended', () => {
    const buffer = newWatchBuffer()
    const watch = new CallWatch(buffer)
    const watcher = new CallWatcher(buffer)
    let cpuMs = 5_000
    vi.spyOn(runClock, 'cpuMs').mockImplementation(() => cpuMs)

    watch.begin(100)
    watch.working(7)
    const began = Date.now()
    const past = began + hardLimitMs(100) + 50

    expect(watcher.overdue(began)).toBe(false)
    // A worker that waited for a core: the wall clock moved, the process's CPU time hardly did.
    cpuMs += 10
    expect(watcher.overdue(past)).toBe(false)
    cpuMs += hardLimitMs(100)
    expect(watcher.overdue(past)).toBe(true)
    expect(watcher.overdue(began)).toBe(false)
    expect(watcher.item()).toBe(7)
    watch.end()
    expect(watcher.overdue(past)).toBe(false)
  })
})
