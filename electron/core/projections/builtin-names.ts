// The names of the built-in projections, apart from their code: the CLI parses and documents
// `--builtin NAME` on every start-up, and loading the projections themselves (envelope reading,
// histograms) for that cost start-up time. builtin-projections.ts is checked against this list.

export const builtinProjectionNames = [
  'events-per-type',
  'events-per-aggregate-type',
  'events-over-time',
  'aggregates-by-last-activity',
] as const
