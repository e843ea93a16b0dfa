// Routes window key presses to the command registry.

import { useEffect } from 'react'
import { useAppStore } from '../store'
import { commands } from './registry'
import { appTarget } from './use-command'

/** Whether the key press lands in a field where characters are text, not shortcuts. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (
    target.isContentEditable ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  )
    return true
  return target instanceof HTMLInputElement && target.type !== 'range'
}

/** Listen for every command's shortcut while mounted (none while an overlay has the keyboard). */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || useAppStore.getState().overlay !== null) return
      const typing = isTyping(event.target)
      const match = commands.find((c) => c.matches(event, typing))
      const target = appTarget()
      if (!match || !match.enabled(target)) return
      event.preventDefault()
      match.perform(target)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
