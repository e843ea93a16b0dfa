import { afterEach, describe, expect, it, vi } from 'vitest'
import { afterNextPaint } from '../../../../renderer/src/lib/after-paint'

describe('afterNextPaint', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.useRealTimers()
  })

  it('given frames, when the next frame is drawn, then the work runs in a task after it, once', () => {
    vi.useFakeTimers()
    const frames: (() => void)[] = []
    vi.stubGlobal('requestAnimationFrame', (callback: () => void) => frames.push(callback))
    const work = vi.fn()

    afterNextPaint(work)
    vi.advanceTimersByTime(10)
    expect(work).not.toHaveBeenCalled()
    frames.shift()?.()
    expect(work).not.toHaveBeenCalled()
    vi.advanceTimersByTime(0)
    expect(work).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(1000)
    expect(work).toHaveBeenCalledTimes(1)
  })

  it('given no frame comes (a hidden tab), when the latest time passes, then the work runs once anyway', () => {
    vi.useFakeTimers()
    const frames: (() => void)[] = []
    vi.stubGlobal('requestAnimationFrame', (callback: () => void) => frames.push(callback))
    const work = vi.fn()

    afterNextPaint(work, 250)
    vi.advanceTimersByTime(249)
    expect(work).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(work).toHaveBeenCalledTimes(1)
    frames.shift()?.()
    vi.advanceTimersByTime(10)
    expect(work).toHaveBeenCalledTimes(1)
  })

  it('given no frames at all, when asked, then the work runs as the next task', () => {
    vi.useFakeTimers()
    vi.stubGlobal('requestAnimationFrame', undefined)
    const work = vi.fn()

    afterNextPaint(work)
    expect(work).not.toHaveBeenCalled()
    vi.advanceTimersByTime(0)
    expect(work).toHaveBeenCalledTimes(1)
  })
})
