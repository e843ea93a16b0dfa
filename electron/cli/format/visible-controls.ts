// What the CLI prints reaches a terminal, and much of it is the store's own text: aggregate ids (file
// names), event types, damaged lines, and parse messages that quote them. A store can come from
// anyone, so its control characters are printed as visible escapes (`\u001b`), never raw: raw, an
// escape sequence in a line could clear the screen, retitle the window, move the cursor over what
// was printed, or make a line say something it does not. `ls` and `git` do the same for file names.
//
// Escaped: C0 but tab and line feed (a carriage return can overwrite a line), DEL, and C1 (some
// terminals take U+009B as the start of a sequence). JSON output keeps its meaning: JSON.stringify
// already escapes C0, and `\u007f` or `\u009b` inside a JSON string is the same character.

// eslint-disable-next-line no-control-regex -- control characters are exactly what this finds
const control = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/
// eslint-disable-next-line no-control-regex -- as above, every occurrence
const controls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g
// eslint-disable-next-line no-control-regex -- one line: a line feed is escaped too
const lineControls = /[\u0000-\u0008\n-\u001f\u007f-\u009f]/g

const escaped = (char: string): string => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`

/** `text` with its control characters, line feeds and tabs aside, written as `\u00XX`. */
export function visibleControls(text: string): string {
  // The usual text holds none: one scan, no copy (`events` prints a million lines through here).
  return control.test(text) ? text.replace(controls, escaped) : text
}

/** One line for stderr: visibleControls, with a line feed inside it escaped too. */
export function visibleLine(line: string): string {
  return line.replace(lineControls, escaped)
}
