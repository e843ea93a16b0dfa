// What the user can do in the explorer window, as data both processes read: the renderer's command
// registry attaches what each command does (renderer/src/commands/registry.ts), and the Electron
// application menu is generated from the same list (electron/main/app-menu.ts), so the menu, the
// shortcuts, the buttons and the shortcut overlay cannot drift apart.
//
// It lives in shared/ because main may not import the renderer and the renderer may not import main;
// only ids, labels, keys and menu places are here, no behaviour. Keys use Electron's accelerator
// syntax. Every key is handled in the page (one handler knows when the user is typing into a field);
// the menu only shows them (see app-menu.ts).

/** The menus of the application menu, in order. */
export const commandMenus = ['File', 'View', 'Go', 'Store', 'Help'] as const
export type CommandMenu = (typeof commandMenus)[number]

export interface CommandSpec {
  readonly id: string
  readonly label: string
  /** An Electron accelerator (`CmdOrCtrl+L`, `Shift+.`, `?`), or null for none. */
  readonly shortcut: string | null
  /** The application menu it appears in, or null for a command only buttons run. */
  readonly menu: CommandMenu | null
  /** Starts a menu group: a separator is drawn above it. */
  readonly group?: boolean
}

export const commandSpecs = [
  { id: 'openDirectory', label: 'Open Directory…', shortcut: 'CmdOrCtrl+O', menu: 'File' },
  { id: 'focusDirectory', label: 'Go to the events directory', shortcut: 'CmdOrCtrl+L', menu: 'File' },
  { id: 'copyLink', label: 'Copy link to this place', shortcut: 'Y', menu: 'File', group: true },
  { id: 'exportDialog', label: 'Export…', shortcut: 'CmdOrCtrl+E', menu: 'File', group: true },
  { id: 'exportState', label: 'Export the state shown', shortcut: null, menu: 'File' },
  { id: 'exportCancel', label: 'Cancel the export', shortcut: null, menu: 'File' },
  { id: 'focusFilter', label: 'Filter aggregates', shortcut: '/', menu: 'View' },
  { id: 'toggleProblems', label: 'Problems', shortcut: 'CmdOrCtrl+Shift+M', menu: 'View' },
  { id: 'toggleDock', label: 'Store tools panel', shortcut: 'CmdOrCtrl+J', menu: 'View', group: true },
  { id: 'showInspect', label: 'Inspect the state and the event', shortcut: 'I', menu: 'View', group: true },
  { id: 'showAppend', label: 'Append an event', shortcut: 'A', menu: 'View' },
  { id: 'dockSearch', label: 'Search', shortcut: null, menu: 'View', group: true },
  { id: 'dockProjections', label: 'Projections', shortcut: null, menu: 'View' },
  { id: 'dockTime', label: 'Time', shortcut: null, menu: 'View' },
  { id: 'dockDiff', label: 'Compare', shortcut: null, menu: 'View' },
  { id: 'dockCorrelation', label: 'Correlation', shortcut: null, menu: 'View' },
  { id: 'dockInvariants', label: 'Invariants', shortcut: null, menu: 'View' },
  { id: 'firstVersion', label: 'Jump to the start (empty state)', shortcut: 'Shift+,', menu: 'Go' },
  { id: 'previousVersion', label: 'Step back one event', shortcut: ',', menu: 'Go' },
  { id: 'nextVersion', label: 'Step forward one event', shortcut: '.', menu: 'Go' },
  { id: 'lastVersion', label: 'Jump to the latest event', shortcut: 'Shift+.', menu: 'Go' },
  { id: 'goToVersion', label: 'Go to version…', shortcut: 'G', menu: 'Go' },
  { id: 'nextProblem', label: 'Next problem', shortcut: 'N', menu: 'Go', group: true },
  { id: 'previousProblem', label: 'Previous problem', shortcut: 'Shift+N', menu: 'Go' },
  {
    id: 'playPause',
    label: 'Play: step forward to the next breakpoint hit (again: pause)',
    shortcut: 'P',
    menu: 'Go',
    group: true,
  },
  { id: 'nextHit', label: 'Next breakpoint hit', shortcut: 'H', menu: 'Go' },
  { id: 'previousHit', label: 'Previous breakpoint hit', shortcut: 'Shift+H', menu: 'Go' },
  {
    id: 'toggleFollow',
    label: 'Follow appends: move to the newest event when this stream grows',
    shortcut: 'F',
    menu: 'Go',
    group: true,
  },
  { id: 'compareVersions', label: 'Compare with the previous version', shortcut: null, menu: 'Go' },
  { id: 'sameCorrelation', label: 'Events with the same correlation id', shortcut: null, menu: 'Go' },
  { id: 'verify', label: 'Verify now', shortcut: null, menu: 'Store' },
  { id: 'verifyCancel', label: 'Cancel verify', shortcut: null, menu: 'Store' },
  { id: 'reindex', label: 'Reindex…', shortcut: null, menu: 'Store', group: true },
  { id: 'repair', label: 'Repair…', shortcut: null, menu: 'Store' },
  { id: 'clearTimeRange', label: 'Clear the time range', shortcut: null, menu: 'Store', group: true },
  { id: 'backToPresent', label: 'Back to the present', shortcut: null, menu: 'Store' },
  { id: 'searchCancel', label: 'Cancel the search', shortcut: null, menu: null },
  { id: 'projectionCancel', label: 'Cancel the projection', shortcut: null, menu: null },
  { id: 'invariantsCancel', label: 'Cancel the invariant check', shortcut: null, menu: null },
  { id: 'showShortcuts', label: 'Keyboard shortcuts', shortcut: '?', menu: 'Help' },
] as const satisfies readonly CommandSpec[]

export type CommandId = (typeof commandSpecs)[number]['id']

/** Every command id, in menu order. */
export const commandIds = commandSpecs.map((spec) => spec.id) as [CommandId, ...CommandId[]]

/** Whether a value is the id of a command (the menu's messages are checked before they are run). */
export function isCommandId(value: unknown): value is CommandId {
  return typeof value === 'string' && (commandIds as readonly string[]).includes(value)
}
