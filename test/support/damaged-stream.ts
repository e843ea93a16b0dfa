// A stream of about 2.6 MiB (three of the line reader's 1 MiB chunks) with odd lines every so often: cut
// short, CRLF, padded, a byte order mark inside the file, blank lines, a leading zero. For the tests of
// the readers that pass over lines without handing them out (scan/ruled-out-lines.ts).

/** The stream's text, ending with a line feed. */
export function damagedStreamText(): string {
  const lines: string[] = []
  for (let i = 0; i < 14_000; i++) {
    const event = {
      event_type: i % 3 === 0 ? 'Deposited' : 'Withdrawn',
      aggregate_id: 's',
      occurred_at: `2026-03-01T09:00:00.${String(i).padStart(6, '0')}+00:00`,
      note: i % 11 === 0 ? 'José "quoted" \\ line' : 'plain note for padding the line out',
      n: i,
      balance: i * 7.5,
    }
    let text = JSON.stringify(event)
    if (i % 97 === 5) text = text.slice(0, -3) // cut short: not an event
    if (i % 101 === 7) text = `${text}\r` // CRLF
    if (i % 103 === 9) text = `  ${text}  ` // padded
    if (i % 331 === 2) text = `\uFEFF${text}` // a BOM inside the file
    if (i % 211 === 3) lines.push('') // a blank line before it
    if (i % 307 === 4) text = text.replace('"n":', '"n":0') // a leading zero: not an event
    lines.push(text)
  }
  return `${lines.join('\n')}\n`
}
