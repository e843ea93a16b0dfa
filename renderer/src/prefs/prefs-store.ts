// The user's preferences for how the window looks: theme, how times read, pane sizes, the dock's
// height, and which payload fields the timeline shows as columns. Remembered in localStorage.
//
// Kept apart from the app store: preferences belong to the person, not to the open store, so opening
// another store must not reset them (the app store's storeOpened resets every slice).

import { create } from 'zustand'
import { createJSONStorage, persist } from 'zustand/middleware'

import type { TimeMode } from '../lib/time-format'

export type { TimeMode }
export type ThemeChoice = 'system' | 'light' | 'dark'
export type ColumnName = 'aggregates' | 'timeline' | 'inspector'
export type CollapsibleColumn = 'aggregates' | 'timeline'

/** Relative widths of the three columns (CSS fr units), as the user dragged them. */
export type ColumnWeights = Readonly<Record<ColumnName, number>>

// At 1280 px the aggregates column gets about 500 px: room for all five table columns.
export const defaultWeights: ColumnWeights = { aggregates: 40, timeline: 27, inspector: 33 }

export interface Prefs {
  readonly theme: ThemeChoice
  readonly time: TimeMode
  readonly columns: ColumnWeights
  readonly collapsed: Readonly<Record<CollapsibleColumn, boolean>>
  /** The dock panel's height in px, or null for the default for the window's height. */
  readonly dockHeight: number | null
  /** Per aggregate type (or "" for streams without one): payload fields shown as timeline columns. */
  readonly timelineFields: Readonly<Record<string, readonly string[]>>
  themeChosen(theme: ThemeChoice): void
  timeModeChosen(time: TimeMode): void
  columnsResized(columns: ColumnWeights): void
  columnCollapsed(column: CollapsibleColumn, collapsed: boolean): void
  dockResized(height: number): void
  timelineFieldsChosen(aggregateType: string, fields: readonly string[]): void
}

/** Where the preferences live; bump the suffix when their shape changes incompatibly. */
export const prefsKey = 'eventscope.prefs.v1'

export const usePrefs = create<Prefs>()(
  persist(
    (set) => ({
      theme: 'system',
      time: 'local',
      columns: defaultWeights,
      collapsed: { aggregates: false, timeline: false },
      dockHeight: null,
      timelineFields: {},
      themeChosen: (theme) => set({ theme }),
      timeModeChosen: (time) => set({ time }),
      columnsResized: (columns) => set({ columns }),
      columnCollapsed: (column, collapsed) =>
        set((s) => ({ collapsed: { ...s.collapsed, [column]: collapsed } })),
      dockResized: (height) => set({ dockHeight: height }),
      timelineFieldsChosen: (aggregateType, fields) =>
        set((s) => ({ timelineFields: { ...s.timelineFields, [aggregateType]: [...fields] } })),
    }),
    {
      name: prefsKey,
      storage: createJSONStorage(() => localStorage),
      // Only the values: actions are code. A value of the wrong shape (an old version, a hand edit)
      // falls back to the default instead of breaking the window.
      partialize: ({ theme, time, columns, collapsed, dockHeight, timelineFields }) => ({
        theme,
        time,
        columns,
        collapsed,
        dockHeight,
        timelineFields,
      }),
      merge: (saved, current) => ({ ...current, ...sanePrefs(saved) }),
    },
  ),
)

/** The parts of a stored value that have the right shape. */
export function sanePrefs(saved: unknown): Partial<Prefs> {
  if (typeof saved !== 'object' || saved === null) return {}
  const value = saved as Record<string, unknown>
  const out: { -readonly [K in keyof Prefs]?: Prefs[K] } = {}
  if (value.theme === 'system' || value.theme === 'light' || value.theme === 'dark') out.theme = value.theme
  if (value.time === 'local' || value.time === 'utc' || value.time === 'relative') out.time = value.time
  const columns = value.columns as Record<string, unknown> | undefined
  if (
    columns &&
    (['aggregates', 'timeline', 'inspector'] as const).every(
      (name) => typeof columns[name] === 'number' && (columns[name] as number) > 0,
    )
  ) {
    out.columns = columns as unknown as ColumnWeights
  }
  const collapsed = value.collapsed as Record<string, unknown> | undefined
  if (collapsed && typeof collapsed.aggregates === 'boolean' && typeof collapsed.timeline === 'boolean') {
    out.collapsed = { aggregates: collapsed.aggregates, timeline: collapsed.timeline }
  }
  if (typeof value.dockHeight === 'number' && value.dockHeight > 0) out.dockHeight = value.dockHeight
  const fields = value.timelineFields
  if (typeof fields === 'object' && fields !== null && !Array.isArray(fields)) {
    out.timelineFields = Object.fromEntries(
      Object.entries(fields).filter(
        (entry): entry is [string, string[]] =>
          Array.isArray(entry[1]) && entry[1].every((field) => typeof field === 'string'),
      ),
    )
  }
  return out
}
