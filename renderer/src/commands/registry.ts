// Commands as data: one list of what the user can do, serving shortcuts, buttons and their tooltips.
//
// A button and its shortcut then cannot drift apart: both call the same `perform`, both are disabled
// by the same `enabled`, and the tooltip shows the shortcut the key handler actually listens to.

import { sliderStore } from '../store'
import type { Store } from '../store/types'

export interface Command {
  readonly name: CommandName
  readonly label: string
  /** How the shortcut reads in tooltips, or null for commands without one. */
  readonly shortcut: string | null
  matches(event: KeyboardEvent, typing: boolean): boolean
  enabled(store: Store): boolean
  perform(store: Store): void
}

export type CommandName =
  | 'focusDirectory'
  | 'focusFilter'
  | 'firstVersion'
  | 'previousVersion'
  | 'nextVersion'
  | 'lastVersion'
  | 'toggleFollow'

const mod = (event: KeyboardEvent) => event.ctrlKey || event.metaKey
const plain = (event: KeyboardEvent) => !event.ctrlKey && !event.metaKey && !event.altKey
const version = () => sliderStore.getState().version
const eventCount = (store: Store) => store.stream.info?.eventCount ?? 0

function focus(label: string): void {
  const element = document.querySelector<HTMLInputElement>(`[aria-label="${label}"]`)
  element?.focus()
  element?.select()
}

export const commands: readonly Command[] = [
  {
    name: 'focusDirectory',
    label: 'Go to the events directory field',
    shortcut: 'Ctrl+L',
    matches: (e) => mod(e) && e.key.toLowerCase() === 'l',
    enabled: () => true,
    perform: () => focus('Events directory'),
  },
  {
    name: 'focusFilter',
    label: 'Filter aggregates',
    shortcut: '/',
    matches: (e, typing) => !typing && plain(e) && e.key === '/',
    enabled: (s) => s.store.summary !== null,
    perform: () => focus('Filter aggregates'),
  },
  {
    name: 'firstVersion',
    label: 'Jump to the start (empty state)',
    shortcut: 'Shift+,',
    matches: (e, typing) => !typing && e.shiftKey && (e.key === '<' || e.key === ','),
    enabled: (s) => s.stream.info !== null && version() > 0,
    perform: (s) => s.versionChosen(0),
  },
  {
    name: 'previousVersion',
    label: 'Step back one event',
    shortcut: ',',
    matches: (e, typing) => !typing && plain(e) && !e.shiftKey && e.key === ',',
    enabled: (s) => s.stream.info !== null && version() > 0,
    perform: (s) => s.versionChosen(version() - 1),
  },
  {
    name: 'nextVersion',
    label: 'Step forward one event',
    shortcut: '.',
    matches: (e, typing) => !typing && plain(e) && !e.shiftKey && e.key === '.',
    enabled: (s) => s.stream.info !== null && version() < eventCount(s),
    perform: (s) => s.versionChosen(version() + 1),
  },
  {
    name: 'lastVersion',
    label: 'Jump to the latest event',
    shortcut: 'Shift+.',
    matches: (e, typing) => !typing && e.shiftKey && (e.key === '>' || e.key === '.'),
    enabled: (s) => s.stream.info !== null && version() < eventCount(s),
    perform: (s) => s.versionChosen(eventCount(s)),
  },
  {
    name: 'toggleFollow',
    label: 'Follow appends: move to the newest event when this stream grows',
    shortcut: 'F',
    matches: (e, typing) => !typing && plain(e) && e.key.toLowerCase() === 'f',
    enabled: () => true,
    perform: (s) => s.followToggled(!s.follow),
  },
]

/** The command registered under `name`. */
export function command(name: CommandName): Command {
  const found = commands.find((c) => c.name === name)
  if (!found) throw new Error(`Unknown command ${name}`)
  return found
}

/** A command's label with its shortcut, for tooltips. */
export function describeCommand(c: Command): string {
  return c.shortcut ? `${c.label} (${c.shortcut})` : c.label
}
