// Where the members of a JSON object sit in its text, found without parsing it into values and without
// recursion: what lets an append edit index.json in place, leaving every byte it does not change as
// it was (unknown keys, `1.0`, 2^64, key order, spacing). Pure.

/** A member of an object: its key (decoded) and where its key and value are in the text. */
export interface MemberRange {
  readonly key: string
  readonly keyStart: number
  readonly valueStart: number
  /** One past the value's last character. */
  readonly valueEnd: number
}

/** The members of the object that opens at `open` (`text[open] === '{'`) and where it closes. */
export interface ObjectRange {
  readonly members: MemberRange[]
  /** Index of the closing brace. */
  readonly close: number
}

/** Read an object's members. Throws a SyntaxError on text that is not JSON there. O(object text). */
export function objectMembers(text: string, open: number): ObjectRange {
  if (text[open] !== '{') throw new SyntaxError(`Expected an object at ${open}`)
  const members: MemberRange[] = []
  let at = skipSpace(text, open + 1)
  if (text[at] === '}') return { members, close: at }
  for (;;) {
    if (text[at] !== '"') throw new SyntaxError(`Expected a key at ${at}`)
    const keyStart = at
    const keyEnd = stringEnd(text, at)
    const key = JSON.parse(text.slice(keyStart, keyEnd)) as string
    at = skipSpace(text, keyEnd)
    if (text[at] !== ':') throw new SyntaxError(`Expected ':' at ${at}`)
    const valueStart = skipSpace(text, at + 1)
    const valueEnd = valueEndAt(text, valueStart)
    members.push({ key, keyStart, valueStart, valueEnd })
    at = skipSpace(text, valueEnd)
    if (text[at] === ',') at = skipSpace(text, at + 1)
    else if (text[at] === '}') return { members, close: at }
    else throw new SyntaxError(`Expected ',' or '}' at ${at}`)
  }
}

/** The index just past the JSON value that starts at `start`. */
export function valueEndAt(text: string, start: number): number {
  const first = text[start]
  if (first === '"') return stringEnd(text, start)
  if (first !== '{' && first !== '[') {
    let at = start
    while (at < text.length && !',}] \t\r\n'.includes(text[at] as string)) at++
    if (at === start) throw new SyntaxError(`Expected a value at ${start}`)
    return at
  }
  // Brackets counted, strings skipped: no recursion, whatever the depth.
  let depth = 0
  for (let at = start; at < text.length; at++) {
    const c = text[at]
    if (c === '"') at = stringEnd(text, at) - 1
    else if (c === '{' || c === '[') depth++
    else if (c === '}' || c === ']') if (--depth === 0) return at + 1
  }
  throw new SyntaxError('Unterminated value')
}

/** The index just past the string that opens at `open`. */
function stringEnd(text: string, open: number): number {
  for (let at = open + 1; at < text.length; at++) {
    const c = text.charCodeAt(at)
    if (c === 0x5c) at++
    else if (c === 0x22) return at + 1
  }
  throw new SyntaxError('Unterminated string')
}

/** The first index at or after `at` that is not JSON white space. */
export function skipSpace(text: string, at: number): number {
  while (at < text.length && ' \t\r\n'.includes(text[at] as string)) at++
  return at
}

/** Where each element of the array that opens at `open` starts. Throws a SyntaxError on bad JSON. */
export function arrayElements(text: string, open: number): number[] {
  if (text[open] !== '[') throw new SyntaxError(`Expected an array at ${open}`)
  const starts: number[] = []
  let at = skipSpace(text, open + 1)
  if (text[at] === ']') return starts
  for (;;) {
    starts.push(at)
    at = skipSpace(text, valueEndAt(text, at))
    if (text[at] === ',') at = skipSpace(text, at + 1)
    else if (text[at] === ']') return starts
    else throw new SyntaxError(`Expected ',' or ']' at ${at}`)
  }
}
