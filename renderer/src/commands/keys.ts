// Shortcuts as the page hears them: an Electron accelerator from shared/commands.ts turned into a
// key matcher and into the text tooltips and the overlay show, so all three come from one string.
//
// Pure (takes the KeyboardEvent's fields), so every command's keys are unit-tested.

/** The fields of a key press a matcher reads. */
export type KeyPress = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>

/** What Shift makes of a key on a US layout: `Shift+,` also arrives as `<`. */
const shifted: Readonly<Record<string, string>> = { ',': '<', '.': '>', '/': '?', ';': ':', "'": '"' }

/** The key press matcher of an accelerator; `typing`: the focus is in a text field. */
export function matcherOf(accelerator: string): (press: KeyPress, typing: boolean) => boolean {
  const parts = accelerator.split('+')
  // `+` itself would be the last, empty part; no command uses it.
  const key = parts.at(-1) ?? ''
  const modifiers = new Set(parts.slice(0, -1))
  const mod = modifiers.has('CmdOrCtrl')
  const shift = modifiers.has('Shift')
  const alt = modifiers.has('Alt')
  return (press, typing) => {
    // A plain key is a character while typing; a chord with Ctrl/Cmd still reaches its command.
    if (typing && !mod) return false
    if ((press.ctrlKey || press.metaKey) !== mod || press.altKey !== alt) return false
    if (key.length === 1 && /[a-z]/i.test(key)) {
      // Letters: case says whether Shift is down, whatever Caps Lock makes of `key`.
      return press.key.toLowerCase() === key.toLowerCase() && (shift ? press.shiftKey : !press.shiftKey)
    }
    if (shift) return press.shiftKey && (press.key === key || press.key === shifted[key])
    if (key === '?') return press.key === '?'
    return press.key === key && !press.shiftKey
  }
}

/** How an accelerator reads for people: `Ctrl+L` (`⌘L` on a Mac), `Shift+.`, `?`. */
export function shortcutText(accelerator: string, mac = false): string {
  return accelerator
    .split('+')
    .map((part) => (part === 'CmdOrCtrl' ? (mac ? '⌘' : 'Ctrl') : part))
    .join(mac ? '' : '+')
}
