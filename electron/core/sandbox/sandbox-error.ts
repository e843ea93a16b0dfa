// What went wrong inside a sandbox, in words a user can act on, with where in their file it happened.

/** Why sandboxed code stopped. */
export type SandboxFailureKind =
  | 'load' // the module did not evaluate, or lacks the exports we need
  | 'threw' // the code threw
  | 'timeout' // a call ran past its time limit
  | 'memory' // the runtime ran out of its memory limit
  | 'stack' // too deep a recursion
  | 'not_json' // a value that must be JSON was not

export class SandboxError extends Error {
  constructor(
    readonly kind: SandboxFailureKind,
    message: string,
    /** `file:line:column` of the user's code where it failed, when QuickJS gave a stack. */
    readonly location: string | null = null,
  ) {
    super(message)
    this.name = 'SandboxError'
  }
}

/** The first stack frame in the user's file, as `file:line:column`, or null. */
export function userFrame(stack: string | undefined, fileName: string): string | null {
  if (!stack) return null
  for (const line of stack.split('\n')) {
    const match = /\(([^()]*):(\d+):(\d+)\)\s*$/.exec(line) ?? /at ([^\s()]*):(\d+):(\d+)\s*$/.exec(line)
    if (match && match[1] === fileName) return `${match[1]}:${match[2]}:${match[3]}`
  }
  return null
}

/** Turn what QuickJS dumped for a thrown value into a SandboxError. */
export function describeThrown(dumped: unknown, fileName: string, interrupted: boolean): SandboxError {
  const error = typeof dumped === 'object' && dumped !== null ? (dumped as Record<string, unknown>) : null
  const name = typeof error?.name === 'string' ? error.name : null
  const message = typeof error?.message === 'string' ? error.message : safeText(dumped)
  const stack = typeof error?.stack === 'string' ? error.stack : undefined
  const location = userFrame(stack, fileName)
  if (interrupted || message === 'interrupted')
    return new SandboxError('timeout', 'took longer than its time limit (an endless loop?)', location)
  if (/out of memory/i.test(message) || dumped === null)
    return new SandboxError('memory', 'ran out of memory (the sandbox limit)', location)
  if (/stack overflow|call stack/i.test(message))
    return new SandboxError('stack', 'recursed too deeply (stack overflow)', location)
  if (name === 'EventscopeJsonError') return new SandboxError('not_json', message, location)
  return new SandboxError('threw', name && name !== 'Error' ? `${name}: ${message}` : message, location)
}

function safeText(value: unknown): string {
  if (typeof value === 'string') return value
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}
