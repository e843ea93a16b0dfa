// Routes window key presses to the command registry.

import { useEffect } from 'react'
import { useAppStore } from '../store'
import { commands } from './registry'

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

/** Listen for every command's shortcut while mounted. */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const typing = isTyping(event.target)
      const store = useAppStore.getState()
      const match = commands.find((c) => c.matches(event, typing))
      if (!match || !match.enabled(store)) return
      event.preventDefault()
      match.perform(store)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
