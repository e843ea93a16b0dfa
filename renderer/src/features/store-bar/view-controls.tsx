// The header's view switches: theme (System, Light, Dark) and how times read (local with its zone,
// UTC, relative). Both are remembered and apply to the whole window at once.

import { usePrefs, type ThemeChoice, type TimeMode } from '../../prefs/prefs-store'
import { localZone } from '../../prefs/use-time-format'

const themes: readonly { readonly value: ThemeChoice; readonly label: string }[] = [
  { value: 'system', label: 'System theme' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
]

const times: readonly { readonly value: TimeMode; readonly label: string }[] = [
  { value: 'local', label: `Local time (${localZone})` },
  { value: 'utc', label: 'UTC' },
  { value: 'relative', label: 'Relative (3 h ago)' },
]

/** Two compact selects at the right of the header. */
export function ViewControls() {
  const theme = usePrefs((s) => s.theme)
  const time = usePrefs((s) => s.time)
  const themeChosen = usePrefs((s) => s.themeChosen)
  const timeModeChosen = usePrefs((s) => s.timeModeChosen)
  return (
    <div className="view-controls">
      <select
        className="text-field view-select"
        aria-label="Times shown as"
        title="How times are shown everywhere: local time (zone named), UTC, or relative to now"
        value={time}
        onChange={(event) => timeModeChosen(event.target.value as TimeMode)}
      >
        {times.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <select
        className="text-field view-select"
        aria-label="Theme"
        title="Light or dark; System follows the operating system"
        value={theme}
        onChange={(event) => themeChosen(event.target.value as ThemeChoice)}
      >
        {themes.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  )
}
