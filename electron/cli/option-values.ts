// Option values by kind: each bad value gets a message that says exactly what is wrong with it.

import { usageError } from './cli-error'

export interface IntegerBounds {
  /** Smallest accepted value; null accepts any whole number, negative ones included. */
  readonly min: number | null
  readonly max?: number
  /** How the message names what is expected; default "a whole number". */
  readonly expects?: string
}

/** A whole number option, or null when absent; a usage error naming the flag when malformed or out of range. */
export function integer(
  flag: string,
  value: string | undefined,
  bounds: IntegerBounds | number,
): number | null {
  if (value === undefined) return null
  const { min, max, expects } = typeof bounds === 'number' ? { min: bounds } : bounds
  const wanted = expects ?? `a whole number${min !== null && min > 0 ? ` of at least ${min}` : ''}`
  if (value.trim() === '') throw usageError(`${flag} needs ${wanted}, got an empty value`)
  if (!/^-?\d+$/.test(value)) throw usageError(`${flag} needs ${wanted}, got "${clip(value)}"`)
  const number = Number(value)
  if (!Number.isSafeInteger(number))
    throw usageError(`${flag} is out of range: ${clip(value)} is beyond what a whole number here can be`)
  if (min !== null && max !== undefined && (number < min || number > max))
    throw usageError(`${flag} must be between ${min} and ${max}, got ${number}`)
  if (min !== null && number < min) throw usageError(`${flag} must be at least ${min}, got ${number}`)
  if (max !== undefined && number > max) throw usageError(`${flag} must be at most ${max}, got ${number}`)
  return number
}

/**
 * A date or a date and time as ISO 8601 (2026-01-31, 2026-01-31T12:00:00Z, …+02:00), or null when absent.
 *
 * A date alone is midnight UTC, as Date.parse reads it.
 */
export function instant(flag: string, value: string | undefined): string | null {
  if (value === undefined) return null
  if (
    !/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/i.test(value) ||
    Number.isNaN(Date.parse(value))
  ) {
    throw usageError(
      `${flag} needs an ISO 8601 date or time such as 2026-01-31 or 2026-01-31T12:00:00Z, got "${clip(value)}"`,
    )
  }
  return value
}

// A value echoed in an error stays short: the message must fit on one line whatever was typed.
function clip(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value
}
