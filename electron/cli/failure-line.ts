// Whatever was thrown, the one line the user sees on stderr: `eventscope: …`, or with --json
// `{"error": {"code", "message"}}`. Every failure of every command ends here, so this is where a
// failure is made short, single-line and truthful, and where nothing thrown can make it throw again.

import { CliError, type CliErrorCode, type ExitCode } from './cli-error'

export interface Failure {
  readonly code: CliErrorCode
  readonly message: string
  readonly exitCode: ExitCode
  /** For EVENTSCOPE_DEBUG=1 only. */
  readonly stack?: string
}

/** The longest message printed whole, in UTF-8 bytes; the rest is counted, not printed. */
export const maxMessageBytes = 1000

// The system's own words for what a failed file operation met.
const systemErrors: Readonly<Record<string, { text: string; code: CliErrorCode }>> = {
  EACCES: { text: 'permission denied', code: 'permission_denied' },
  EPERM: { text: 'operation not permitted', code: 'permission_denied' },
  ENOENT: { text: 'no such file or directory', code: 'not_found' },
  ENOTDIR: { text: 'not a directory', code: 'not_found' },
  EISDIR: { text: 'is a directory, not a file', code: 'io_error' },
  EEXIST: { text: 'already exists', code: 'io_error' },
  ENOSPC: { text: 'no space left on the device', code: 'io_error' },
  EDQUOT: { text: 'disk quota exceeded', code: 'io_error' },
  EROFS: { text: 'read-only file system', code: 'io_error' },
  EMFILE: { text: 'too many open files', code: 'io_error' },
  ENFILE: { text: 'too many open files in the system', code: 'io_error' },
  ELOOP: { text: 'too many levels of symbolic links', code: 'io_error' },
  ENAMETOOLONG: { text: 'file name too long', code: 'io_error' },
  EIO: { text: 'input/output error', code: 'io_error' },
  EBUSY: { text: 'resource busy', code: 'io_error' },
}

/** What a thrown value means for the user. Never throws, whatever was thrown (null, a Proxy, getters that throw). */
export function describeFailure(error: unknown): Failure {
  try {
    return describe(error)
  } catch {
    return { code: 'internal', message: 'unexpected error that could not be described', exitCode: 1 }
  }
}

function describe(error: unknown): Failure {
  if (error instanceof CliError) return { code: error.code, message: error.message, exitCode: error.exitCode }
  if (!(error instanceof Error)) {
    return {
      code: 'internal',
      message: `unexpected error: ${describeValue(error)} was thrown instead of an Error`,
      exitCode: 1,
    }
  }
  const stack = typeof error.stack === 'string' ? error.stack : undefined
  const errno = (error as NodeJS.ErrnoException).code
  const known = typeof errno === 'string' ? systemErrors[errno] : undefined
  if (known) {
    const path = (error as NodeJS.ErrnoException).path
    const where = typeof path === 'string' ? `: ${path}` : ''
    return {
      code: known.code,
      message: `${known.text}${where} (${errno})`,
      exitCode: 1,
      ...(stack ? { stack } : {}),
    }
  }
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return {
      code: 'too_deep',
      message: 'the input is nested too deeply to process (the stack ran out)',
      exitCode: 1,
      ...(stack ? { stack } : {}),
    }
  }
  const message = typeof error.message === 'string' ? error.message : ''
  return {
    code: 'internal',
    message: `unexpected error: ${message === '' ? error.name : message}`,
    exitCode: 1,
    ...(stack ? { stack } : {}),
  }
}

/** `null`, `undefined`, `the string "x"`, `an object`: enough to know what was thrown, read safely. */
function describeValue(value: unknown): string {
  if (value === null || value === undefined) return String(value)
  switch (typeof value) {
    case 'string':
      return `the string ${JSON.stringify(value)}`
    case 'number':
    case 'boolean':
    case 'bigint':
      return `the ${typeof value} ${String(value)}`
    case 'object':
      return 'an object'
    default:
      return `a ${typeof value}`
  }
}

/** The stderr line for a failure: text or JSON, always one line, the message capped. */
export function failureLine(failure: Failure, options: { json: boolean; debug?: boolean }): string {
  const hint = failure.code === 'internal' && !options.debug ? ' (EVENTSCOPE_DEBUG=1 shows details)' : ''
  const message = `${capMessage(failure.message)}${hint}`
  if (options.json) return JSON.stringify({ error: { code: failure.code, message } })
  return `eventscope: ${message}`
}

/**
 * The first line of `text`, at most `maxBytes` UTF-8 bytes of it, saying how many bytes were left out.
 *
 * O(length): a 20 MB message costs one pass and prints a thousand bytes.
 */
export function capMessage(text: string, maxBytes = maxMessageBytes): string {
  const lineEnd = text.search(/[\r\n]/)
  let kept = lineEnd === -1 ? text : text.slice(0, lineEnd)
  if (Buffer.byteLength(kept, 'utf8') > maxBytes) {
    kept = Buffer.from(kept, 'utf8').subarray(0, maxBytes).toString('utf8')
    // A cut inside a character leaves U+FFFD at the end: drop it rather than show a broken character.
    kept = kept.replace(/\uFFFD+$/, '')
  }
  if (kept.length === text.length) return kept
  const left = Buffer.byteLength(text, 'utf8') - Buffer.byteLength(kept, 'utf8')
  return `${kept.trimEnd()}… (${left.toLocaleString('en-US')} more bytes left out)`
}
