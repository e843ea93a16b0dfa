// Every help screen of the CLI. The README's command reference is written from these, so a change in
// behaviour means a change here first.

import { builtinProjections } from '../core/projections/builtin-projections'
import { problemKindLines } from './format/problem-kinds'
import { genDefaults, usageLine, type RunCommandName } from './parse-command-line'

const overview = `eventscope - explore event-sourced stores kept as append-only JSONL files

A store is a directory holding one <aggregate_id>.events.jsonl file per aggregate (one JSON event per
line) and, usually, an index.json. Reading commands change nothing: counts come from the streams
themselves, and where index.json disagrees with them the disagreement is reported, not trusted.
init, append, reindex and repair write the way the store's own program does (the seed's EventStore), under a
lock shared by every eventscope process, each line fsync'd and index.json replaced atomically.

Usage:
  eventscope [open] [DIR]          Open the desktop explorer (falls back to the browser shell
                                   when the Electron runtime is not installed)
  eventscope list DIR              List aggregates with their event counts and last event times
  eventscope events DIR AGGREGATE_ID [--from N] [--limit N]
                                   Print an aggregate's events with their versions
  eventscope state DIR AGGREGATE_ID [--at VERSION] [--reducer FILE | --trust]
                                   Print an aggregate's state rebuilt from its events
  eventscope project DIR (FILE | --builtin NAME)
                                   Run a projection over every event of the store
  eventscope search DIR [--type T]... [--where EXPR] [--text S] [--since ISO] [--until ISO]
                                   Find the events of the store that match
  eventscope serve [DIR] [--root DIR]... [--port N] [--host 127.0.0.1]
                                   Serve the explorer to a browser on this machine
  eventscope gen DIR [--aggregates N] [--events N] [--seed S] [--pad BYTES]
                                   Write a sample store
  eventscope init DIR              Create an empty store
  eventscope append DIR AGGREGATE_ID EVENT_TYPE --data JSON [--expected-version N] [--event-id ID]
                                   Append one event (--data - reads it from stdin)
  eventscope append DIR --batch    Append NDJSON events read from stdin, in order
  eventscope import DIR FILE [--aggregate ID]
                                   Append the events of a JSONL file, each to its aggregate
  eventscope export DIR [AGGREGATE_ID...] --format jsonl|json|csv|store --out PATH
                                   Export events (filters: --type T, --since ISO, --until ISO)
  eventscope reindex DIR           Rebuild index.json from the streams
  eventscope verify DIR            Check every stream and the index; writes nothing
  eventscope repair DIR [--dry-run]
                                   Cut torn last lines (after a backup); list what it leaves alone
  eventscope help [COMMAND]        Show help for a command (also: COMMAND --help)

Options for every command:
  --json                           Machine-readable JSON on stdout instead of text
  -h, --help                       Show help for the command
  -v, --version                    Print the version (only as the first argument)

Exit codes: 0 success; 1 failure (no such directory, unknown aggregate, unreadable store, refused write;
for verify: errors found); 2 usage error (unknown command or option, missing or malformed argument,
JSON that does not parse; for verify also a DIR that cannot be read);
3 an append's --expected-version does not match the stream; 130 an export, projection or search
cancelled with Ctrl-C. A reducer or projection that fails exits 1.
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
line number and takes no version, so the events after it keep consecutive versions. So is a line
that is empty, white space only or only a byte order mark (blank_line, a warning: the seed's
load_events fails on it), and an event nested over 1,000 levels deep (too_deep). CRLF line ends and a
UTF-8 byte order mark before the first event are accepted silently.

  --from N      Skip the first N events, as the seed's load_events(from_version=N): output starts
                at version N+1 (default 0)
  --limit N     Print at most N events (default: all)

Text output shortens each payload to one line; --json prints everything:
  {"aggregateId", "eventCount", "from", "events": [{"version", "line", "type", "occurredAt", "id",
   "payload", "metadata", "raw"}], "problems": [line problems of the whole stream], "problemCount"}`,

  state: `Print the state of AGGREGATE_ID rebuilt from its events.

By default the state is every event's payload applied in order as a JSON merge patch (RFC 7396):
fields are set, nested objects are merged, arrays are replaced and null deletes a field.

  --at VERSION    Stop after that version (0 is the state before the first event);
                  default: the latest version. A version past the last event is an error.
  --reducer FILE  Rebuild the state with your own reducer: an ES module exporting
                  initialState() and evolve(state, event), where event is {type, version,
                  occurredAt, id, payload, metadata}; evolve returns the next state (JSON).
                  It runs in a sandbox with no file, network or process access and with time
                  and memory limits.
  --trust         Run the store's own reducer for the aggregate's type,
                  DIR/.eventscope/reducers/<Type>.js, if there is one (else the merge patch).
                  A directory can come from anyone, so its code never runs without this flag,
                  and the choice is not remembered. Without it, a store reducer that exists is
                  named on stderr and left alone.

When a reducer throws (or returns something that is not JSON, or runs out of time or memory), the
state before the failing event is printed and the command exits 1 with one line on stderr:
  eventscope: reducer failed at version 7: balance is NaN (bank.js:12:5); state shown is version 6

--json prints: {"aggregateId", "version", "eventCount", "state"}; with --reducer or --trust also
"reducer": {"kind": "custom" | "merge-patch", "file", "source": "explicit" | "store" | "default"}
and "failure": null | {"version", "eventType", "kind", "message", "location"} (printed on failure
too, "version" then being the version the state is at).`,

  project: `Run a projection over every event of the store in DIR and print its result.

  FILE            Your own projection: an ES module exporting initialState() and handlers, an
                  object of functions (state, event) => state keyed by event type. Events reach
                  it in time order across all aggregates, as {type, version, occurredAt, id,
                  aggregateId, payload, metadata}; only the types it handles are sent. It runs in
                  the same sandbox as reducers (no file, network or process access; limits).
  --builtin NAME  A projection every store gets, one of:
${builtinProjections.map((p) => `                    ${p.name}`).join('\n')}

A result that is a list of objects is printed as a table, anything else as indented JSON. Progress
is shown on stderr when it is a terminal; Ctrl-C cancels (exit 130). A projection that throws stops
there: one line on stderr names the event (aggregate, version, type) and where in FILE, exit 1.

--json prints {"result", "failure": null | {"kind", "message", "location", "aggregateId", "version",
"eventType"}, "events"} (events: how many events the projection was given), on failure too.`,

  search: `Find the events of the store in DIR that match every filter given, in aggregate-id order and
version order within an aggregate. Damaged lines are skipped.

  --type T            Events of type T; repeat for several types (any of them)
  --aggregate-type T  Events of aggregates of type T (as list shows it); repeatable
  --aggregate ID      Events of aggregate ID; repeatable
  --since ISO         Events at or after this time (2026-01-31 or 2026-01-31T12:00:00Z)
  --until ISO         Events at or before this time (events without a time never match a range)
  --where EXPR        A predicate over the event, for example
                        'payload.amount > 100'
                        'payload.email == "ann@example.com" and not exists(payload.reason)'
                        'contains(lower(payload.name), "ann") or type != "OrderCancelled"'
                      paths start at payload, metadata, type, id, occurredAt, version or
                      aggregateId (payload.items[0].sku); operators == != < <= > >=, and, or, not,
                      parentheses; functions exists(x), contains(x, s), startsWith(x, s), lower(x).
                      A malformed expression is a usage error (exit 2) naming its column.
  --text S            Events whose raw line contains S, ignoring case
  --limit N           Stop after N matches

Text output: one line per match, printed as each stream is searched:
  AGGREGATE_ID  vVERSION  OCCURRED_AT  TYPE  PAYLOAD (on one line, shortened)
Progress is shown on stderr when it is a terminal; Ctrl-C stops the search (exit 130).

--json prints {"matches": [{"aggregateId", "version", "type", "occurredAt", "payload"}],
"scanned", "truncated"}: scanned is the bytes of stream files read, truncated whether --limit
stopped the search early.`,

  serve: `Serve the explorer to a browser on this machine, with DIR open if given.

Prints the URL to open; it carries a token made for this run, and requests without it are refused.
Runs until interrupted (Ctrl-C).

  --root DIR    The page may open DIR and the directories under it; repeat for more. Default: the
                DIR being served, or the working directory. Anything else is refused, so a page
                (or anything that steals its token) cannot read the rest of the disk.
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
  --pad BYTES      Add a "filler" field of ASCII text to every event, BYTES long on average (0 to
                   twice that), so events are as big as real ones: events average about 240 bytes
                   without it, so --pad 260 makes about 500 (10 million events: about 5 GB).
                   Deterministic like the rest (default ${genDefaults.pad}: no filler)

--json prints {"dir", "aggregates", "events", "bytes", "seed", "pad"}.`,

  init: `Create an empty store in DIR (and any missing parent directories): an index.json holding
{"aggregates": {}, "total_events": 0}, byte for byte what the seed's EventStore writes on first use.

Refuses a DIR that already holds a store (an index.json or any *.events.jsonl file). append never
creates a store, so a mistyped path fails instead of starting a new one.

--json prints {"dir", "created"} (created: whether DIR itself was new).`,

  append: `Append one event to AGGREGATE_ID's stream in the store in DIR, or a batch of events read from stdin.

The line is written in the envelope style the store already uses, so its own program reads it back
unchanged: for the seed's flat style {"event_id", "event_type", "aggregate_id", "occurred_at", ...data}
in Python's json.dumps format. The stream is created on the first event; index.json is updated with
the new count and time (and rebuilt from every stream if it is missing). Writes take a lock
(DIR/.eventscope.lock) shared by every eventscope process, so concurrent appends never interleave.

  --data JSON             The payload, a JSON object (- reads it from stdin). Required.
  --metadata JSON         A JSON object stored under "metadata" (- reads it from stdin)
  --expected-version N    Append only if the stream is at version N (0: it has no events yet);
                          otherwise exit 3 with "expected version N, stream is at M"
  --event-id ID           The event's id (default: a new UUID). Sending the id of the stream's last
                          event again appends nothing and says so: a retry is safe.
  --batch                 Read NDJSON from stdin instead, one event per line:
                          {"aggregateId", "type", "data", "metadata"?, "expectedVersion"?, "eventId"?}
                          Lines are appended in order; the first refusal stops the batch and names
                          its input line (the lines before it stay appended). Blank lines are skipped.
                          Lines go in 10,000 at a time: one lock hold, one write per touched stream
                          and one index.json write each, so a long input never holds the lock for long.

Refused, with nothing written: an aggregate id that is not a safe file name, an empty type, data that
is not an object, a data field named like an envelope field of a flat-style store, a DIR that holds
no store (create one with eventscope init), a store locked by another writer for too long, and an
index.json that does not parse (repair it with eventscope reindex).

Text output: appended TYPE to ID as version N (or: already appended: EVENT_ID is the last event ...).
--json prints {"aggregateId", "version", "event": {the event as written}, "duplicate"};
with --batch: {"appended", "duplicates", "aggregates": [{"aggregateId", "version"}]}.`,

  import: `Append the events of FILE, a JSONL file, to the store in DIR, each to the aggregate it names.

A line is either an event as a store keeps it, in any envelope style eventscope reads (the seed's
{"event_id", "event_type", "aggregate_id", "occurred_at", ...payload}, or "type"/"aggregateId" with the
payload under "data" or "payload"), or a line of the append --batch format ({"aggregateId", "type",
"data", ...}). An event's id and time are kept; it is written in the style of DIR's store, as append
writes it. An event whose id is its stream's last event id appends nothing, as with append
--event-id; running a whole import again appends its other events a second time.

  --aggregate ID   Append every event to ID, whatever aggregate its line names (a stream file of one
                   aggregate, for instance); without it a line naming no aggregate is refused.

Events go in 10,000 at a time, each chunk under one hold of the store lock with one write per touched
stream and one index.json write. The first bad line (not JSON, no type, no aggregate) or refused event
(see append) stops the import with its line number: the events before it stay appended, nothing after
it is written. Blank lines, CRLF line ends and a byte order mark are accepted.

Text output: imported N events to M aggregates (K events already there).
--json prints {"appended", "duplicates", "aggregates": [{"aggregateId", "version"}]}.`,

  export: `Export events of the store in DIR to a new file (or a new directory for --format store).

Every aggregate is exported unless AGGREGATE_IDs are given. Damaged lines are left out and counted.

  --format F      jsonl: the original lines, byte for byte; json: an array of normalized events
                  {"aggregateId", "version", "type", "occurredAt", "id", "payload", "metadata"};
                  csv: version, aggregate_id, event_id, event_type, occurred_at, then one column
                  per payload field (nested fields as dotted names); store: a new store directory in
                  the seed's layout, with its own index.json
  --out PATH      Where to write; must not exist yet (for store: or be an empty directory)
  --type T        Only events of type T; repeat for several types
  --since ISO     Only events at or after this time (2026-01-31 or 2026-01-31T12:00:00Z)
  --until ISO     Only events at or before this time

The file is written under a temporary name and renamed when complete: Ctrl-C (exit 130) or a
failure leaves nothing behind. Progress is shown on stderr when it is a terminal.

Text output: exported N events from M streams to PATH (K damaged lines left out; blank lines count).
--json prints {"out", "format", "streams", "events", "skippedLines", "bytes"}.`,

  reindex: `Rebuild DIR's index.json from its streams, the truth it caches: after a writer stopped between
writing an event and updating the index, or after a stream was edited by hand.

Each entry's event_count and last_event_at are counted from its stream; entries whose stream is gone
are dropped; total_events is the sum. Other keys of index.json and of the remaining entries are kept.
An index.json that does not parse is first copied to index.json.corrupt-<time>. The new index is
written under the store lock, atomically (readers see the old file or the new one), and only when it
differs.

Text output: index.json rebuilt: N entries changed, total_events OLD → NEW.
--json prints {"dir", "before": "missing" | "ok" | "corrupt", "corruptCopy", "added", "removed",
"updated", "totalBefore", "totalAfter", "written"}.`,

  verify: `Check the store in DIR: read every stream and index.json, write nothing (not even a lock), and
report each finding with its aggregate, file, line number and byte offset (the offset of the line's
first byte), with a short snippet of a bad line.

Beyond what opening a store reports, verify looks for event ids used twice anywhere in the store,
events without an id or a readable time, and times going backwards within a stream. A torn last line
is an error here (the writer's last event is lost unless it finishes the line).

Findings are grouped by aggregate; findings about the whole store (total_events, links) come last.
The last line sums up: 3 errors, 2 warnings in 2 of 40 aggregates; 900 events. Progress is shown on
stderr when it is a terminal.

Exit codes: 0 no errors (warnings allowed); 1 errors found; 2 DIR is missing, not a directory or
cannot be read (or a usage error).

Problem kinds (stable names, as in --json and the explorer's Problems panel):
${problemKindLines().join('\n')}

--json prints {"ok", "aggregates", "events", "problems": [{"aggregateId", "file", "line", "offset",
"kind", "severity", "message", "snippet"}]}; aggregateId is null for store-wide findings, line and
offset are null for findings about a whole file.`,

  repair: `Repair the store in DIR as far as it is safe to: the only command that ever changes a stream.

A torn last line (a writer that died mid-append left half an event and no newline) is cut off, after
the stream is copied byte for byte to <file>.bak-<time> next to it. A bad line in the middle of a
stream is never deleted, since it may hold data its program still wants: repair lists it for you to
fix by hand. Works under the store lock shared by every eventscope process.

  --dry-run     Print what would be done; change nothing

Text output, one line per action and per line left alone:
  a.events.jsonl: cut a torn last line at byte 1234 (line 7, 52 bytes); backup a.events.jsonl.bak-…
  b.events.jsonl line 12: not valid JSON: … — repair never deletes a line in the middle of a stream;
  fix it by hand
When index.json does not match the streams, it ends by suggesting eventscope reindex DIR.

--json prints {"dryRun", "actions": [{"aggregateId", "file", "kind": "cut_torn_tail", "cutAt",
"bytesRemoved", "line", "backup"}], "leftAlone": [{"aggregateId", "file", "line", "kind",
"message"}], "reindexSuggested"}. Exit 0 once done (bad lines left alone included), 1 on failure.`,
}

/** The help for one command, or the overview when no command is given. */
export function helpText(topic: RunCommandName | null): string {
  if (topic === null) return `${overview}\n`
  return `Usage: ${usageLine(topic)}\n\n${details[topic]}\n\nSee eventscope --help for every command.\n`
}
