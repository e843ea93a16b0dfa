// What went wrong inside a sandbox, in words a user can act on, with where in their file it happened.
// It crosses from the worker to the host as plain data (SandboxFailure) and becomes a SandboxError again.

import type { ThrownData } from './thrown-reader'

/** Why sandboxed code stopped. */
export type SandboxFailureKind =
  | 'load' // the module did not evaluate, or lacks the exports we need
  | 'threw' // the code threw
  | 'timeout' // a call ran past its time limit
  | 'memory' // the runtime ran out of its memory limit
  | 'stack' // too deep a recursion
  | 'not_json' // a value that must be JSON was not

/** A SandboxError as data, for a message between threads. */
export interface SandboxFailure {
  readonly kind: SandboxFailureKind
  readonly message: string
  readonly location: string | null
  readonly loadCause?: SandboxFailureKind | null
}

export class SandboxError extends Error {
  constructor(
    readonly kind: SandboxFailureKind,
    message: string,
    /** `file:line:column` of the user's code where it failed, when QuickJS gave a stack. */
    readonly location: string | null = null,
    /**
     * For a `load` failure, what ended the load: `timeout` (out of time, which a busy machine causes as
     * well as an endless loop), `threw` (a syntax error, initialState() threw), ...; null when the module
     * was refused as such.
     */
    readonly loadCause: SandboxFailureKind | null = null,
  ) {
    super(message)
    this.name = 'SandboxError'
  }

  static from(failure: SandboxFailure): SandboxError {
    return new SandboxError(failure.kind, failure.message, failure.location, failure.loadCause ?? null)
  }

  /** The failure as the load of a module: kind `load`, the kind that ended it kept as its cause. */
  static ofLoad(error: SandboxError): SandboxError {
    const cause = error.kind === 'load' ? error.loadCause : error.kind
    return new SandboxError('load', error.message, error.location, cause)
  }

  toData(): SandboxFailure {
    return { kind: this.kind, message: this.message, location: this.location, loadCause: this.loadCause }
  }
}

export const timeoutMessage = 'took longer than its time limit (an endless loop?)'
export const memoryMessage = 'ran out of memory (the sandbox limit)'

/** The first stack frame in the user's file, as `file:line:column`, or null. */
export function userFrame(stack: string | null | undefined, fileName: string): string | null {
  if (!stack) return null
  for (const line of stack.split('\n')) {
    const match = /\(([^()]*):(\d+):(\d+)\)\s*$/.exec(line) ?? /at ([^\s()]*):(\d+):(\d+)\s*$/.exec(line)
    if (match && match[1] === fileName) return `${match[1]}:${match[2]}:${match[3]}`
  }
  return null
}

/**
 * Turn what the sandbox's reader made of a thrown value into a SandboxError.
 *
 * `outOfMemory` says whether the engine was out of memory when it threw: QuickJS throws `null` when it
 * cannot even allocate its "out of memory" error, and a user's own `throw null` must not read as that.
 */
export function describeThrown(thrown: ThrownData, fileName: string, outOfMemory: boolean): SandboxError {
  if (thrown.primitive !== undefined) {
    const text = thrown.primitive
    if (thrown.type === 'string')
      return new SandboxError('threw', text === '' ? 'threw an empty string' : text)
    if (text === 'null' && outOfMemory) return new SandboxError('memory', memoryMessage)
    return new SandboxError('threw', `threw ${text}`)
  }
  const name = thrown.name ?? null
  const message = thrown.message ?? ''
  const location = userFrame(thrown.stack, fileName)
  const engineError = name === 'InternalError' || name === 'RangeError'
  if (engineError && /out of memory/i.test(message))
    return new SandboxError('memory', memoryMessage, location)
  if (engineError && /stack overflow|call stack/i.test(message))
    return new SandboxError('stack', 'recursed too deeply (stack overflow)', location)
  if (name === 'EventscopeJsonError') return new SandboxError('not_json', message, location)
  const text = message === '' ? (name ?? 'threw a value that is not an Error') : message
  return new SandboxError(
    'threw',
    name && name !== 'Error' && message !== '' ? `${name}: ${text}` : text,
    location,
  )
}
