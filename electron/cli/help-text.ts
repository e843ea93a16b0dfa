// Every help screen of the CLI. The README's command reference is written from these, so a change in
// behaviour means a change here first.

import { genDefaults, usageLine, type RunCommandName } from './parse-command-line'

const overview = `eventscope - explore event-sourced stores kept as append-only JSONL files

A store is a directory holding one <aggregate_id>.events.jsonl file per aggregate (one JSON event per
line) and, usually, an index.json. eventscope only reads it: counts come from the streams themselves,
and where index.json disagrees with them the disagreement is reported, not trusted.

Usage:
  eventscope [open] [DIR]          Open the desktop explorer (falls back to the browser shell
                                   when the Electron runtime is not installed)
  eventscope list DIR              List aggregates with their event counts and last event times
  eventscope events DIR AGGREGATE_ID [--from N] [--limit N]
                                   Print an aggregate's events with their versions
  eventscope state DIR AGGREGATE_ID [--at VERSION]
                                   Print an aggregate's state rebuilt from its events
  eventscope serve [DIR] [--port N] [--host 127.0.0.1]
                                   Serve the explorer to a browser on this machine
  eventscope gen DIR [--aggregates N] [--events N] [--seed S]
                                   Write a sample store
  eventscope help [COMMAND]        Show help for a command (also: COMMAND --help)

Options for every command:
  --json                           Machine-readable JSON on stdout instead of text
  -h, --help                       Show help for the command
  -v, --version                    Print the version (only as the first argument)

Exit codes: 0 success; 1 failure (no such directory, unknown aggregate, unreadable store);
2 usage error (unknown command or option, missing or malformed argument).
Errors are one line on stderr, starting with "eventscope:".`

const details: Record<RunCommandName, string> = {
  open: `Open the Electron explorer on DIR (or on nothing, to pick a directory in the app).

If the Electron runtime is not installed (node_modules/electron without its binary), prints one line
saying so and starts the browser shell instead, exactly as \`eventscope serve DIR\` would.
Running \`eventscope\` with no arguments is the same as \`eventscope open\`.`,

  list: `List every aggregate of the store in DIR: one row per stream file, plus index.json entries whose
stream file is missing.

EVENTS is counted by reading every stream (lines that are not JSON objects are not events); INDEXED
is what index.json claims. STATUS is ok, warning or error, and each issue is listed under the table
with its line number where it has one. The totals line compares the counted events with index.json's
total_events, and the detected envelope style (flat like the seed, or nested under "data"/"payload")
is shown.

--json prints:
  {"dir", "style": {"payload", "typeField", "idField", "timeField", "aggregateIdField"} | null,
   "index": "ok" | "missing" | "unreadable", "total_events", "indexed_total_events",
   "aggregates": [{"id", "event_count", "last_event_at", "type", "indexed_count", "status",
   "issues": [...]}], "problems": [store-level problems]}
A problem is {"kind", "severity", "line", "offset", "message", "snippet"}.`,

  events: `Print the events of AGGREGATE_ID in the store in DIR, oldest first, each with its version.

A version is the 1-based position of an event among the VALID events of its stream: a line that is
not JSON, a JSON value that is not an object or a torn last line is reported as a problem with its
line number and takes no version, so the events after it keep consecutive versions. Blank lines, CRLF
line ends and a UTF-8 byte order mark are accepted silently.

  --from N      Skip the first N events, as the seed's load_events(from_version=N): output starts
                at version N+1 (default 0)
  --limit N     Print at most N events (default: all)

Text output shortens each payload to one line; --json prints everything:
  {"aggregateId", "eventCount", "from", "events": [{"version", "line", "type", "occurredAt", "id",
   "payload", "metadata", "raw"}], "problems": [line problems of the whole stream], "problemCount"}`,

  state: `Print the state of AGGREGATE_ID rebuilt from its events.

The state is every event's payload applied in order as a JSON merge patch (RFC 7396): fields are set,
nested objects are merged, arrays are replaced and null deletes a field.

  --at VERSION  Stop after that version (0 is the empty state before the first event);
                default: the latest version. A version past the last event is an error.

--json prints: {"aggregateId", "version", "eventCount", "state"}`,

  serve: `Serve the explorer to a browser on this machine, with DIR open if given.

Prints the URL to open; it carries a token made for this run, and requests without it are refused.
Runs until interrupted (Ctrl-C).

  --port N      Port to listen on (default 0: any free port)
  --host HOST   127.0.0.1 (default), ::1 or localhost; nothing else is accepted, because the
                explorer is never exposed to the network

--json prints {"url", "port"} once listening.`,

  gen: `Write a sample store into DIR (created if needed) in the seed's layout: <id>.events.jsonl files and
an index.json identical to what the seed's Python EventStore would write.

The sample has User, Order and Account aggregates with UUID v4 ids, flat seed-style events, times
increasing within each stream, unicode text, and patches that delete fields with null. Stream lengths
are uneven: a few long streams, many short ones. The same seed always writes the same bytes.

Refuses a DIR that already holds a store (any *.events.jsonl file or an index.json): it never
overwrites anyone's events.

  --aggregates N   Number of aggregates (default ${genDefaults.aggregates})
  --events N       Total number of events, at least one per aggregate (default ${genDefaults.events})
  --seed S         Any text; digits are used as a number (default ${genDefaults.seed})

--json prints {"dir", "aggregates", "events", "bytes", "seed"}.`,
}

/** The help for one command, or the overview when no command is given. */
export function helpText(topic: RunCommandName | null): string {
  if (topic === null) return `${overview}\n`
  return `Usage: ${usageLine(topic)}\n\n${details[topic]}\n\nSee eventscope --help for every command.\n`
}
