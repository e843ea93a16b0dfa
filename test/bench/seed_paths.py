"""The seed's read and append paths, as its EventStore does them, for the benchmark to compare against.

read STREAM RUNS: load_events (json.loads per line) then rebuild state as a JSON merge patch of each
event's payload (every field that is not an envelope field), RUNS times; prints the seconds of each.
append DIR N: N times the seed's append_event (append a line, load index.json, update, json.dump
with indent=2); prints the seconds of each append.
"""
import json
import sys
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

ENVELOPE = {
    "event_type", "type", "eventType", "event_id", "id", "eventId", "occurred_at", "occurred_on",
    "timestamp", "created_at", "time", "aggregate_id", "aggregateId", "aggregate_type",
    "aggregateType", "stream_id", "recorded_at", "version", "event_version", "schema_version",
    "metadata", "meta", "correlation_id", "causation_id",
}


def merge_patch(target, patch):
    if not isinstance(patch, dict):
        return patch
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


def load_events(stream_file):
    events = []
    with open(stream_file, "r") as f:
        for line in f:
            events.append(json.loads(line))
    return events


def rebuild(stream_file):
    state = {}
    for event in load_events(stream_file):
        state = merge_patch(state, {k: v for k, v in event.items() if k not in ENVELOPE})
    return state


def append_event(storage_dir, aggregate_id, event):
    stream_file = storage_dir / f"{aggregate_id}.events.jsonl"
    with open(stream_file, "a") as f:
        f.write(json.dumps(event) + "\n")
    index_file = storage_dir / "index.json"
    with open(index_file, "r") as f:
        index = json.load(f)
    agg = index["aggregates"].setdefault(aggregate_id, {"event_count": 0, "last_event_at": None})
    agg["event_count"] += 1
    agg["last_event_at"] = event["occurred_at"]
    index["total_events"] += 1
    with open(index_file, "w") as f:
        json.dump(index, f, indent=2)


def main():
    if sys.argv[1] == "read":
        for _ in range(int(sys.argv[3])):
            start = time.perf_counter()
            rebuild(sys.argv[2])
            print(time.perf_counter() - start, flush=True)
    else:
        storage_dir = Path(sys.argv[2])
        ids = list(json.load(open(storage_dir / "index.json"))["aggregates"].keys())
        for n in range(int(sys.argv[3])):
            event = {
                "event_id": str(uuid.uuid4()),
                "event_type": "BenchNoted",
                "aggregate_id": ids[(n * 7919) % len(ids)],
                "occurred_at": datetime.now(timezone.utc).isoformat(),
                "note": "bench",
            }
            start = time.perf_counter()
            append_event(storage_dir, event["aggregate_id"], event)
            print(time.perf_counter() - start, flush=True)


main()
