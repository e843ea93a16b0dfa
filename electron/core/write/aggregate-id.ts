// An aggregate id becomes a file name (`<id>.events.jsonl`), so before anything is written it must be a
// name that is safe and means the same file on every platform.

const windowsReserved = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i
const maxIdBytes = 200

/**
 * The file name an id shares on a file system that ignores case and Unicode normalization (macOS and
 * Windows by default): "Order-1" and "order-1", or "é" composed and decomposed, are one file there.
 */
export function twinKey(id: string): string {
  return id.normalize('NFC').toLowerCase().normalize('NFC')
}

/** Why an aggregate id cannot be written as a stream file name, or null when it can. */
export function unsafeAggregateIdReason(id: string): string | null {
  if (id.length === 0) return 'it is empty'
  if (Buffer.byteLength(id, 'utf8') > maxIdBytes) return `it is longer than ${maxIdBytes} bytes`
  if (id === '.' || id === '..') return 'it names a directory'
  if (/[/\\]/.test(id)) return 'it contains a path separator'
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
  if (/[\u0000-\u001f\u007f]/.test(id)) return 'it contains a control character'
  if (/[<>:"|?*]/.test(id)) return 'it contains a character Windows forbids in file names (<>:"|?*)'
  if (/[. ]$/.test(id)) return 'it ends with a dot or a space'
  // A lone surrogate cannot be written as UTF-8: the file name and the line would both get U+FFFD,
  // and the new stream would fail verify at once (its id no longer matches its file).
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(id))
    return 'it contains a lone UTF-16 surrogate (not a character)'
  if (windowsReserved.test(id.split('.')[0] ?? '')) return 'Windows reserves that name'
  return null
}
