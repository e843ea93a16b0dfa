// Puts the chosen theme on the document: `data-theme="light|dark"` on <html>, which theme.css reads.
//
// "System" follows prefers-color-scheme and keeps following it when the OS switches; an explicit choice
// overrides it. Called before the first render, so the page never flashes the other theme.

import { usePrefs, type ThemeChoice } from './prefs-store'

/** The theme a choice means now. */
export function resolveTheme(choice: ThemeChoice, systemDark: boolean): 'light' | 'dark' {
  return choice === 'system' ? (systemDark ? 'dark' : 'light') : choice
}

/** Apply the remembered theme now and whenever the choice or the OS setting changes. */
export function followTheme(): () => void {
  const media = window.matchMedia('(prefers-color-scheme: dark)')
  const apply = () => {
    document.documentElement.dataset.theme = resolveTheme(usePrefs.getState().theme, media.matches)
  }
  apply()
  media.addEventListener('change', apply)
  const unsubscribe = usePrefs.subscribe((now, before) => {
    if (now.theme !== before.theme) apply()
  })
  return () => {
    media.removeEventListener('change', apply)
    unsubscribe()
  }
}
