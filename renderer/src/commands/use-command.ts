// Buttons run commands: a hook that gives a button its command's label, tooltip, whether it can run
// now (re-rendering when that changes) and the function to run it with.

import { useCallback, useSyncExternalStore } from 'react'
import { useAppStore } from '../store'
import { command, describeCommand, runCommand, type CommandName, type CommandTarget } from './registry'

/** The target commands act on in the app: its store and its slider, now. */
export function appTarget(): CommandTarget {
  return { state: useAppStore.getState(), version: useAppStore.slider.getState().version }
}

/** Run a command in the app (from a key, a menu item or a button); whether it ran. */
export function runAppCommand(name: CommandName): boolean {
  return runCommand(name, appTarget())
}

export interface CommandButton {
  readonly label: string
  /** The label with the shortcut, for `title`. */
  readonly title: string
  readonly enabled: boolean
  /** Why the open store cannot do this at all (then `title` says it too), or null. */
  readonly lacking: string | null
  readonly run: () => void
}

/** Calls `notify` whenever the store or the slider changes; returns the function that stops. */
function subscribeToApp(notify: () => void): () => void {
  const stopStore = useAppStore.subscribe(notify)
  const stopSlider = useAppStore.slider.subscribe(notify)
  return () => {
    stopStore()
    stopSlider()
  }
}

/**
 * Everything a button needs from its command.
 *
 * `enabled` is a boolean snapshot over both stores, so a drag of the slider re-renders a button only
 * when it turns on or off, never on every step.
 */
export function useCommand(name: CommandName): CommandButton {
  const c = command(name)
  const enabled = useSyncExternalStore(subscribeToApp, () => c.enabled(appTarget()))
  const lacking = useAppStore((s) => c.lacking(s))
  const run = useCallback(() => void runAppCommand(name), [name])
  return { label: c.label, title: lacking ?? describeCommand(c), enabled, lacking, run }
}
