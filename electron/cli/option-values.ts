// Option values shared by the command parsers.

import { usageError } from './cli-error'

/** A whole number option, or null when absent; a usage error when malformed or below `min`. */
export function integer(flag: string, value: string | undefined, min: number): number | null {
  if (value === undefined) return null
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw usageError(`${flag} needs a whole number${min > 0 ? ` of at least ${min}` : ''}, got "${value}"`)
  }
  const number = Number(value)
  if (number < min) throw usageError(`${flag} must be at least ${min}, got ${number}`)
  return number
}
