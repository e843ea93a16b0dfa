import { describe, expect, it } from 'vitest'
import {
  clampDockHeight,
  defaultDockHeight,
  dockHeightAfterKey,
  dockMaxHeight,
  dockMinHeight,
} from '../../../../../renderer/src/features/dock/dock-height'

describe('dock height', () => {
  it('given a window, when nothing was resized, then the height is what the stylesheet used to fix: 31% within 220–400 px', () => {
    expect(defaultDockHeight(800)).toBe(248)
    expect(defaultDockHeight(700)).toBe(220)
    // A window too short for both: the columns come first.
    expect(defaultDockHeight(400)).toBe(dockMinHeight)
    expect(defaultDockHeight(2000)).toBe(400)
  })

  it('given a drag beyond either limit, when clamped, then the panel keeps a toolbar and the columns keep 400 px and 30% of the window', () => {
    expect(clampDockHeight(10, 800)).toBe(dockMinHeight)
    expect(clampDockHeight(5000, 800)).toBe(400)
    expect(clampDockHeight(5000, 720)).toBe(320)
    expect(clampDockHeight(5000, 2000)).toBe(1400)
    expect(clampDockHeight(300.6, 800)).toBe(301)
    expect(dockMaxHeight(100)).toBe(dockMinHeight)
  })

  it('given the separator focused, when the splitter keys are pressed, then they step, jump to the limits, and ignore other keys', () => {
    expect(dockHeightAfterKey('ArrowUp', 248, 800)).toBe(272)
    expect(dockHeightAfterKey('ArrowDown', 248, 800)).toBe(224)
    expect(dockHeightAfterKey('PageUp', 248, 800)).toBe(368)
    expect(dockHeightAfterKey('PageDown', 200, 800)).toBe(dockMinHeight)
    expect(dockHeightAfterKey('Home', 248, 800)).toBe(dockMinHeight)
    expect(dockHeightAfterKey('End', 248, 800)).toBe(400)
    expect(dockHeightAfterKey('ArrowLeft', 248, 800)).toBeNull()
  })
})
