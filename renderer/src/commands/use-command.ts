// Buttons run commands: a hook that gives a button its command's label, tooltip, whether it can run
// now (re-rendering when that changes) and the function to run it with.

import { useCallback } from 'react'
import { useAppStore, useSliderVersion } from '../store'
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
  readonly run: () => void
}

/** Everything a button needs from its command. */
export function useCommand(name: CommandName): CommandButton {
  const c = command(name)
  const version = useSliderVersion()
  const enabled = useAppStore((state) => c.enabled({ state, version }))
  const run = useCallback(() => void runAppCommand(name), [name])
  return { label: c.label, title: describeCommand(c), enabled, run }
}
