// Commands as data: one registry of what the user can do, serving shortcuts, buttons, the Electron
// menu and the shortcut overlay alike (Excalidraw's actions).
//
// The ids, labels, keys and menu places come from shared/commands.ts (the menu in main reads the same
// list); this file adds what each command does and when it can. A button, its shortcut and its menu
// item then cannot drift apart: all run `perform`, all are refused by the same `enabled`, and every
// tooltip shows the key the handler actually listens to. TypeScript requires a behaviour per id.

import { commandSpecs, type CommandId, type CommandMenu } from '../../../shared/commands'
import { copyLink } from '../features/links/copy-link'
import { correlationIdIn } from '../lib/correlation-id'
import { nextHit, previousHit } from '../lib/hits'
import { lackOf } from '../lib/store-capabilities'
import { healthOf, stepFinding } from '../lib/store-health'
import type { DockTab } from '../store/insight-slice'
import type { Store } from '../store/types'
import { matcherOf, shortcutText, type KeyPress } from './keys'

export type CommandName = CommandId

/** What a command reads and acts on: the store's state and the slider's version. */
export interface CommandTarget {
  readonly state: Store
  readonly version: number
}

interface Behaviour {
  enabled(target: CommandTarget): boolean
  perform(target: CommandTarget): void
  /** Whether this shell offers the command at all (the overlay leaves out the others); default yes. */
  available?(state: Store): boolean
  /**
   * Why the open store cannot do this at all (a database has nothing to verify), in one line for the
   * control's tooltip, or null; default null. A command with a reason is never enabled.
   */
  lacking?(state: Store): string | null
}

export interface Command extends Required<Behaviour> {
  readonly name: CommandId
  readonly label: string
  /** How the shortcut reads in tooltips and the overlay, or null for commands without one. */
  readonly shortcut: string | null
  /** The Electron accelerator it is written as in shared/commands.ts. */
  readonly accelerator: string | null
  readonly menu: CommandMenu | null
  matches(event: KeyPress, typing: boolean): boolean
}

const always = (): boolean => true
const hasStore = ({ state }: CommandTarget) => state.store.summary !== null
const hasStream = ({ state }: CommandTarget) => state.stream.info !== null
const eventCount = ({ state }: CommandTarget) => state.stream.info?.eventCount ?? 0

/** Focus (and select) the field with this accessible name; whether there was a field to focus. */
function focusField(label: string): boolean {
  const element = document.querySelector(`[aria-label="${label}"]`)
  // The desktop app shows its directory in an <output>, which can neither take focus nor be selected.
  if (!(element instanceof HTMLInputElement)) return false
  element.focus()
  element.select()
  return true
}

/** The browser shell's path field, or in the desktop app (no field: a dialog picks) its Browse… button. */
function focusDirectory(): void {
  if (focusField('Events directory')) return
  document.querySelector<HTMLButtonElement>('[data-command="openDirectory"]')?.focus()
}

/**
 * Why the desktop app has no link to the open store: its eventscope:// links name a folder, and a
 * database is none (the browser shell's links name it by its id for the run). Null otherwise.
 */
function noDesktopLink(state: Store): string | null {
  const kind = state.store.summary?.source.kind ?? 'jsonl'
  return state.app.info?.shell === 'electron' && kind !== 'jsonl'
    ? 'The desktop app links to folders only; a database store has no link to copy.'
    : null
}

/** A dock tab's command: opens the dock on it, or closes the dock when it is the tab shown (as its tab does). */
function dockTab(tab: DockTab): Behaviour {
  return {
    enabled: hasStore,
    perform: ({ state }) =>
      state.dock.open && state.dock.tab === tab ? state.dockToggled(false) : state.dockTabChosen(tab),
  }
}

/** The command of each dock tab. */
export const dockTabCommands: { readonly [T in DockTab]: CommandName } = {
  search: 'dockSearch',
  projections: 'dockProjections',
  time: 'dockTime',
  diff: 'dockDiff',
  correlation: 'dockCorrelation',
  invariants: 'dockInvariants',
}

function problemStep(step: 1 | -1): Behaviour {
  const next = ({ state }: CommandTarget) =>
    stepFinding(
      healthOf({ ...state.integrity, summary: state.store.summary })?.findings ?? [],
      state.integrity.chosen,
      step,
    )
  return {
    enabled: (target) => next(target) !== null,
    perform: (target) => {
      const finding = next(target)
      if (finding) void target.state.problemChosen(finding)
    },
  }
}

const behaviours: { readonly [K in CommandId]: Behaviour } = {
  openDirectory: {
    available: (state) => state.app.info?.canPickDirectory === true,
    enabled: ({ state }) => state.app.info?.canPickDirectory === true,
    perform: ({ state }) => void state.browseClicked(),
  },
  focusDirectory: { enabled: always, perform: focusDirectory },
  copyLink: {
    enabled: ({ state }) => state.store.summary !== null && noDesktopLink(state) === null,
    lacking: noDesktopLink,
    perform: ({ state, version }) => void copyLink(state, version),
  },
  exportDialog: { enabled: hasStore, perform: ({ state }) => state.overlayOpened('export') },
  exportState: {
    enabled: ({ state }) => state.stream.aggregateId !== null && state.exporting.running === null,
    perform: ({ state, version }) =>
      void state.exportRequested({ format: 'state', scope: 'selected', version }, 'state'),
  },
  exportCancel: {
    enabled: ({ state }) => state.exporting.running !== null && !state.exporting.running.cancelling,
    perform: ({ state }) => state.exportCancelled(),
  },
  focusFilter: { enabled: hasStore, perform: () => void focusField('Filter aggregates') },
  toggleProblems: {
    enabled: hasStore,
    perform: ({ state }) => state.problemsToggled(!state.integrity.panelOpen),
  },
  toggleDock: { enabled: hasStore, perform: ({ state }) => state.dockToggled(!state.dock.open) },
  showInspect: { enabled: always, perform: ({ state }) => state.inspectorTabChosen('inspect') },
  showAppend: { enabled: always, perform: ({ state }) => state.inspectorTabChosen('append') },
  dockSearch: dockTab('search'),
  dockProjections: dockTab('projections'),
  dockTime: dockTab('time'),
  dockDiff: dockTab('diff'),
  dockCorrelation: dockTab('correlation'),
  dockInvariants: dockTab('invariants'),
  firstVersion: {
    enabled: (t) => hasStream(t) && t.version > 0,
    perform: ({ state }) => state.versionChosen(0),
  },
  previousVersion: {
    enabled: (t) => hasStream(t) && t.version > 0,
    perform: ({ state, version }) => state.versionChosen(version - 1),
  },
  nextVersion: {
    enabled: (t) => hasStream(t) && t.version < eventCount(t),
    perform: ({ state, version }) => state.versionChosen(version + 1),
  },
  lastVersion: {
    enabled: (t) => hasStream(t) && t.version < eventCount(t),
    perform: (t) => t.state.versionChosen(eventCount(t)),
  },
  goToVersion: { enabled: hasStream, perform: ({ state }) => state.overlayOpened('goToVersion') },
  nextProblem: problemStep(1),
  previousProblem: problemStep(-1),
  playPause: {
    enabled: ({ state }) =>
      state.debug.play.running || (state.stream.info !== null && state.stream.info.eventCount > 0),
    perform: ({ state }) => state.playToggled(!state.debug.play.running),
  },
  nextHit: {
    enabled: (t) => hasStream(t) && nextHit(t.state.debug.hits.all, t.version) !== null,
    perform: ({ state }) => state.hitStepped(1),
  },
  previousHit: {
    enabled: (t) => hasStream(t) && previousHit(t.state.debug.hits.all, t.version) !== null,
    perform: ({ state }) => state.hitStepped(-1),
  },
  toggleFollow: {
    enabled: ({ state }) => lackOf(state.store.summary, 'follow') === null,
    lacking: (state) => lackOf(state.store.summary, 'follow'),
    perform: ({ state }) => state.followToggled(!state.follow),
  },
  compareVersions: {
    enabled: hasStream,
    perform: ({ state, version }) => {
      state.diffRequested(Math.max(0, version - 1), version)
      state.dockTabChosen('diff')
    },
  },
  sameCorrelation: {
    enabled: ({ state }) => {
      const event = state.inspection.event
      return event !== null && event.aggregateId !== null && correlationIdIn(event.raw) !== null
    },
    perform: ({ state }) => {
      const event = state.inspection.event
      if (event?.aggregateId) state.correlationRequested(event.aggregateId, event.version)
    },
  },
  verify: {
    enabled: ({ state }) =>
      state.store.summary !== null &&
      lackOf(state.store.summary, 'verify') === null &&
      !state.integrity.verifying &&
      state.integrity.busy === null,
    lacking: (state) => lackOf(state.store.summary, 'verify'),
    perform: ({ state }) => void state.verifyRequested(),
  },
  verifyCancel: {
    enabled: ({ state }) => state.integrity.verifying,
    perform: ({ state }) => state.verifyCancelled(),
  },
  reindex: {
    enabled: ({ state }) =>
      state.store.summary !== null &&
      lackOf(state.store.summary, 'reindex') === null &&
      state.integrity.busy === null,
    lacking: (state) => lackOf(state.store.summary, 'reindex'),
    perform: ({ state }) => void state.integrityActionRequested('reindex'),
  },
  repair: {
    enabled: ({ state }) =>
      state.store.summary !== null &&
      lackOf(state.store.summary, 'repair') === null &&
      state.integrity.busy === null,
    lacking: (state) => lackOf(state.store.summary, 'repair'),
    perform: ({ state }) => void state.integrityActionRequested('repair'),
  },
  clearTimeRange: {
    enabled: ({ state }) => state.timeframe.range !== null,
    perform: ({ state }) => state.timeRangeSelected(null),
  },
  backToPresent: {
    enabled: ({ state }) => state.timeframe.asOf.at !== null,
    perform: ({ state }) => state.asOfChosen(null),
  },
  searchCancel: {
    enabled: ({ state }) => state.search.running !== null,
    perform: ({ state }) => state.searchCancelled(),
  },
  projectionCancel: {
    enabled: ({ state }) => state.projections.running !== null,
    perform: ({ state }) => state.projectionCancelled(),
  },
  invariantsCancel: {
    enabled: ({ state }) => state.invariants.running !== null,
    perform: ({ state }) => state.invariantsCheckCancelled(),
  },
  showShortcuts: { enabled: always, perform: ({ state }) => state.overlayOpened('shortcuts') },
}

const mac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)

export const commands: readonly Command[] = commandSpecs.map((spec) => ({
  name: spec.id,
  label: spec.label,
  accelerator: spec.shortcut,
  shortcut: spec.shortcut === null ? null : shortcutText(spec.shortcut, mac),
  menu: spec.menu,
  matches: spec.shortcut === null ? () => false : matcherOf(spec.shortcut),
  available: () => true,
  lacking: () => null,
  ...behaviours[spec.id],
}))

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

/** Run a command if it can run now; whether it ran. */
export function runCommand(name: CommandName, target: CommandTarget): boolean {
  const c = command(name)
  if (!c.enabled(target)) return false
  c.perform(target)
  return true
}
