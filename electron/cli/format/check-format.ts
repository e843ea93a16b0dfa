// What `eventscope check` prints: a block per violation (its event, what the event changed, the states
// around it), a line per reducer failure, and a summary.

import { diffJson } from '../../core/json/diff'
import { stringifyExact } from '../../core/json/big-integers'
import type { CheckFailure, CheckReport, Violation } from '../../core/check/check-store'
import type { InvariantSpec } from '../../core/check/invariants'
import { toNormalizedEvent } from '../../core/stream/event-reader'
import { failureLine } from './state-format'
import { plural, shorten } from './table'

/** Changes listed per violation in text; --json has the whole states. */
const maxChanges = 10
/** A state on one text line is cut here; --json has it whole. */
const maxStateChars = 400

/** One violation as text lines. */
export function violationText(violation: Violation, invariant: InvariantSpec): string[] {
  const { event } = violation
  const { envelope } = event
  const type = violation.aggregateType ? ` (${violation.aggregateType})` : ''
  const changes = diffJson(violation.before, violation.after)
  const changeLines = changes.slice(0, maxChanges).map((change) => {
    const path = change.path.join('.') || '(the whole state)'
    const before = change.before === undefined ? '(none)' : shorten(stringifyExact(change.before), 80)
    const after = change.after === undefined ? '(none)' : shorten(stringifyExact(change.after), 80)
    return `    ${path}: ${before} -> ${after}`
  })
  if (changes.length > maxChanges) changeLines.push(`    … and ${changes.length - maxChanges} more`)
  return [
    `${violation.aggregateId}${type} breaks ${JSON.stringify(invariant.name)} at version ${violation.version}`,
    `  event:  ${[envelope.type ?? '-', envelope.id ?? '-', envelope.occurredAt ?? '-'].join('  ')}`,
    `  payload: ${shorten(stringifyExact(toNormalizedEvent(event).payload), maxStateChars)}`,
    ...(changeLines.length > 0 ? ['  changed:', ...changeLines] : ['  changed: nothing']),
    `  before (v${violation.version - 1}): ${shorten(stringifyExact(violation.before), maxStateChars)}`,
    `  after  (v${violation.version}): ${shorten(stringifyExact(violation.after), maxStateChars)}`,
  ]
}

/** A reducer failure: the aggregate was checked up to the event before. */
export function failureText(failure: CheckFailure): string {
  return `${failure.aggregateId}: ${failureLine(failure.failure, failure.failure.version - 1).replace('state shown is', 'checked up to')}`
}

/** `checked 3 aggregates, 606 versions: 2 violations of 1 invariant in 2 aggregates` */
export function summaryText(report: CheckReport, invariants: number): string {
  const checked = `checked ${plural(report.aggregates, 'aggregate')}, ${plural(report.events, 'version')}`
  const failed = report.failures.length > 0 ? `; ${plural(report.failures.length, 'reducer failure')}` : ''
  if (report.violations.length === 0)
    return `${checked}: ${invariants === 1 ? 'the invariant holds' : `all ${invariants} invariants hold`}${failed}`
  const aggregates = new Set(report.violations.map((violation) => violation.aggregateId)).size
  return `${checked}: ${plural(report.violations.length, 'violation')} of ${plural(invariants, 'invariant')} in ${plural(aggregates, 'aggregate')}${failed}`
}

/** The `check --json` document. */
export function checkJson(
  report: CheckReport,
  invariants: readonly InvariantSpec[],
  untrustedReducers: readonly string[],
): unknown {
  return {
    invariants: invariants.map(({ name, expression, types }) => ({ name, expression, types })),
    aggregates: report.aggregates,
    events: report.events,
    violations: report.violations.map((violation) => {
      const { raw: _raw, ...event } = toNormalizedEvent(violation.event)
      return {
        invariant: violation.invariant,
        name: invariants[violation.invariant]?.name,
        aggregateId: violation.aggregateId,
        aggregateType: violation.aggregateType,
        version: violation.version,
        event,
        before: violation.before,
        after: violation.after,
      }
    }),
    failures: report.failures,
    untrustedReducers,
  }
}
