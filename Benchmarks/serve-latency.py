#!/usr/bin/env python3
"""Save-to-reload latency of `anthology serve` (issue 4).

    Benchmarks/serve-latency.py [--saves 20] [--stories 1000] [--seed 1] [--binary PATH]
                                [--corpus DIR ...] [--keep]

For the repository's seed anthology (copied to a temporary folder first) and a generated
1,000-story anthology (Benchmarks/generate.py; or the folders given with --corpus), it starts

    anthology serve --seeds DIR --templates templates --output OUT --port P

on a free port, waits for the line holding http://127.0.0.1:P/, connects to the Server-Sent
Events stream at /_anthology/events and then, `--saves` times: appends a sentence to a story
(alternately the way many editors save, a temporary file in the same folder renamed over the
story with os.replace, and a plain in-place rewrite), and measures the time from the end of
the write to the `build` event after which the story's page holds the new sentence (each
`ok` build event is followed by fetching the story's page over HTTP to check). It prints p50,
p95 and max per anthology and the target "p95 < 100 ms at 1,000 stories" with PASS or FAIL,
then stops the server with SIGINT and checks that it exits.

The story's page is found from the `changed` list of the build event (story pages in it) and,
when the binary has it, from `anthology entities --json` (file -> slug). Only the standard
library is used.
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
READY = re.compile(r"http://127\.0\.0\.1:(\d+)/")
STORY_PAGE = re.compile(r"^stories/[^/]+/index\.html$")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile: the smallest value with at least p% of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


# ---------------------------------------------------------------------------------------------
# The server process


class Server:
    def __init__(self, command: list[str], cwd: Path):
        self.command = command
        self.lines: list[str] = []
        self.ready = threading.Event()
        self.url: str | None = None
        self.process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        stdin=subprocess.DEVNULL, text=True, errors="replace", start_new_session=True)
        for stream in (self.process.stdout, self.process.stderr):
            threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream) -> None:
        for line in stream:
            self.lines.append(line.rstrip("\n"))
            match = READY.search(line)
            if match and not self.ready.is_set():
                self.url = f"http://127.0.0.1:{match.group(1)}/"
                self.ready.set()

    def wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not self.ready.wait(0.1):
            if self.process.poll() is not None:
                time.sleep(0.2)  # let the readers collect its last words
                raise RuntimeError(f"`{' '.join(self.command)}` exited with code {self.process.returncode} before it was "
                                   f"ready:\n" + "\n".join(self.lines[-20:]))
            if time.monotonic() > deadline:
                raise RuntimeError(f"the server printed no http://127.0.0.1:PORT/ line within {timeout:.0f} s:\n"
                                   + "\n".join(self.lines[-20:]))

    def stop(self, timeout: float = 10) -> tuple[bool, str]:
        """SIGINT, then wait; escalates to SIGTERM and SIGKILL. Returns (exited on SIGINT, how it ended)."""
        if self.process.poll() is not None:
            return False, f"had exited by itself before the end (code {self.process.returncode})"
        started = time.perf_counter()
        self.process.send_signal(signal.SIGINT)
        try:
            code = self.process.wait(timeout)
            return True, f"exited {(time.perf_counter() - started) * 1000:.0f} ms after SIGINT (code {code})"
        except subprocess.TimeoutExpired:
            pass
        self.process.terminate()
        try:
            self.process.wait(5)
            return False, f"did not exit within {timeout:.0f} s of SIGINT; SIGTERM ended it"
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            return False, "did not exit on SIGINT or SIGTERM; killed"


# ---------------------------------------------------------------------------------------------
# Server-Sent Events


@dataclass
class Event:
    received: float  # time.perf_counter() when the event was complete
    name: str
    data: str

    def json(self) -> dict:
        try:
            value = json.loads(self.data)
            return value if isinstance(value, dict) else {}
        except ValueError:
            return {}


class EventStream:
    """Reads `GET /_anthology/events` in a thread and queues each complete event with its time."""

    def __init__(self, port: int, path: str = "/_anthology/events"):
        self.events: queue.Queue[Event | Exception] = queue.Queue()
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        self.connection.request("GET", path, headers={"Accept": "text/event-stream", "Cache-Control": "no-cache"})
        response = self.connection.getresponse()
        kind = response.getheader("Content-Type", "")
        if response.status != 200 or not kind.startswith("text/event-stream"):
            raise RuntimeError(f"GET {path}: HTTP {response.status}, Content-Type {kind!r} (wanted 200, text/event-stream)")
        self.response = response
        self.sock = self.connection.sock
        if self.sock:
            self.sock.settimeout(None)  # events may be minutes apart
        threading.Thread(target=self._read, daemon=True).start()

    closing = False

    def _read(self) -> None:
        name, data = "message", []
        try:
            while True:
                raw = self.response.readline()
                if not raw:
                    raise EOFError("the event stream closed")
                line = raw.decode("utf-8", "replace").rstrip("\r\n")
                if not line:
                    if data:
                        self.events.put(Event(time.perf_counter(), name, "\n".join(data)))
                    name, data = "message", []
                elif line.startswith(":"):
                    continue  # comment / keep-alive
                else:
                    key, _, value = line.partition(":")
                    value = value[1:] if value.startswith(" ") else value
                    if key == "event":
                        name = value
                    elif key == "data":
                        data.append(value)
        except Exception as error:  # noqa: BLE001 - handed to the main thread
            if not self.closing:
                self.events.put(error)

    def next(self, timeout: float) -> Event | None:
        try:
            item = self.events.get(timeout=max(0.0, timeout))
        except queue.Empty:
            return None
        if isinstance(item, Exception):
            raise RuntimeError(f"event stream: {item}")
        return item

    def drain(self, quiet: float) -> int:
        """Discards events until none has come for `quiet` seconds; returns how many."""
        count = 0
        while self.next(quiet) is not None:
            count += 1
        return count

    def close(self) -> None:
        # Shut the socket down first: closing the response while the reader thread is blocked in
        # readline() would wait for that thread forever.
        try:
            if self.sock:
                self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.closing = True


def fetch(port: int, path: str) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", "/" + path.lstrip("/"))
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


# ---------------------------------------------------------------------------------------------
# One anthology


@dataclass
class Result:
    name: str
    stories: int
    latencies: list[float] = field(default_factory=list)  # seconds; inf for a save never seen
    server_ms: list[float] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    stopped: str = ""
    stopped_cleanly: bool = True
    error: str = ""


def story_urls(binary: str, seeds: Path) -> dict[str, str]:
    """file name -> `stories/<slug>/index.html`, from `anthology entities --json` when the binary has it."""
    try:
        done = subprocess.run([binary, "entities", "--json", "--seeds", str(seeds)], capture_output=True, text=True,
                              timeout=900)
        report = json.loads(done.stdout) if done.returncode == 0 else {}
    except (OSError, ValueError, subprocess.TimeoutExpired):
        report = {}
    return {s["file"]: f"stories/{s['slug']}/index.html" for s in report.get("stories", []) if "file" in s and "slug" in s}


def save(path: Path, text: str, replace: bool) -> None:
    """Writes `text` to `path` as an editor would: a temporary file renamed over it, or in place."""
    if replace:
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with open(temporary, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(temporary, path)
    else:
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)


def measure(name: str, seeds_source: Path | None, generate: tuple[int, int] | None, args) -> Result:
    work = Path(tempfile.mkdtemp(prefix="anthology-serve-"))
    result = Result(name, 0)
    server = stream = None
    try:
        seeds = work / "seeds"
        if generate:
            stories, seed = generate
            subprocess.run([sys.executable, str(BENCH / "generate.py"), "--stories", str(stories), "--seed", str(seed),
                            str(seeds)], check=True)
        else:
            shutil.copytree(seeds_source, seeds, ignore=shutil.ignore_patterns(".*"))
        files = sorted(p for p in seeds.rglob("*") if p.is_file() and p.suffix in (".md", ".markdown", ".txt")
                       and not any(part.startswith(".") for part in p.relative_to(seeds).parts))
        result.stories = len(files)
        if not files:
            raise RuntimeError(f"no stories in {seeds_source}")
        urls = story_urls(args.binary, seeds)
        port = free_port()
        command = [args.binary, "serve", "--seeds", "seeds", "--templates", str(Path(args.templates).resolve()),
                   "--output", "out", "--port", str(port)]
        print(f"  {name}: {len(files):,} stories; starting `{' '.join(command[1:])}` in {work}", flush=True)
        started = time.perf_counter()
        server = Server(command, work)
        server.wait_ready(args.ready_timeout)
        print(f"  {name}: ready after {time.perf_counter() - started:.2f} s at {server.url}", flush=True)
        port = int(READY.search(server.url).group(1))
        stream = EventStream(port)
        initial = stream.drain(args.quiet)
        if initial:
            result.notes.append(f"{initial} event(s) before the first save")

        chosen = [files[(k * len(files)) // args.saves % len(files)] for k in range(args.saves)]
        for k, path in enumerate(chosen, 1):
            relative = path.relative_to(seeds).as_posix()
            marker = f"save {k} of {args.saves} ({os.getpid()})"
            text = path.read_text(encoding="utf-8")
            text = text + ("" if text.endswith("\n") else "\n") + f"\nThe radio played the same song again, {marker}.\n"
            replace = k % 2 == 1
            save(path, text, replace)
            written = time.perf_counter()
            seen, extra, failures = None, 0, 0
            deadline = written + args.timeout
            while seen is None:
                event = stream.next(deadline - time.perf_counter())
                if event is None:
                    break
                if event.name != "build":
                    continue
                data = event.json()
                if not data.get("ok"):
                    failures += 1
                    continue
                changed = [c for c in data.get("changed", []) if isinstance(c, str)]
                candidates = [c for c in changed if STORY_PAGE.match(c)]
                if relative in urls and urls[relative] not in candidates:
                    candidates.insert(0, urls[relative])
                for page in candidates:
                    status, body = fetch(port, page)
                    if status == 200 and marker in body:
                        seen = event
                        if relative in urls and page != urls[relative]:
                            result.notes.append(f"save {k}: the sentence was on {page}, expected {urls[relative]}")
                        if relative in urls and urls[relative] not in changed:
                            result.notes.append(f"save {k}: `changed` did not list {urls[relative]}")
                        break
                else:
                    extra += 1
            how = "os.replace" if replace else "in place"
            if seen is None:
                result.latencies.append(math.inf)
                result.notes.append(f"save {k} ({relative}, {how}): no build put the sentence on the page within "
                                    f"{args.timeout:.0f} s")
                print(f"    save {k:>2}/{args.saves} {how:<10} {relative}: NOT SEEN", flush=True)
            else:
                latency = seen.received - written
                result.latencies.append(latency)
                ms = seen.json().get("ms")
                if isinstance(ms, (int, float)):
                    result.server_ms.append(float(ms))
                print(f"    save {k:>2}/{args.saves} {how:<10} {relative}: {latency * 1000:7.1f} ms"
                      f"{f' (server: build {ms} ms)' if ms is not None else ''}", flush=True)
            if failures:
                result.notes.append(f"save {k} ({how}): {failures} failed build(s) first")
            if extra:
                result.notes.append(f"save {k} ({how}): {extra} build(s) without the new sentence first")
            late = stream.drain(args.quiet)
            if late:
                result.notes.append(f"save {k} ({how}): {late} more event(s) after it")
    except (RuntimeError, OSError, subprocess.CalledProcessError) as error:
        result.error = str(error)
    finally:
        if stream:
            stream.close()
        if server:
            result.stopped_cleanly, result.stopped = server.stop()
        if args.keep:
            print(f"  kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description="Save-to-reload latency of `anthology serve` (issue 4).")
    parser.add_argument("--saves", type=int, default=20, help="saves per anthology (default 20)")
    parser.add_argument("--stories", type=int, default=1000, help="size of the generated anthology (default 1000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--binary", default=str(REPO / ".build" / "release" / "anthology"),
                        help="the anthology executable (default: the release build)")
    parser.add_argument("--templates", default=str(REPO / "templates"))
    parser.add_argument("--corpus", action="append", metavar="DIR",
                        help="measure these seeds folders (copied first) instead of the seed and generated anthologies")
    parser.add_argument("--timeout", type=float, default=30, help="seconds to wait for one save's build (default 30)")
    parser.add_argument("--ready-timeout", type=float, default=600, help="seconds to wait for the server (default 600)")
    parser.add_argument("--quiet", type=float, default=0.3, help="quiet time that ends an event burst (default 0.3 s)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folders")
    args = parser.parse_args()
    if args.saves < 1:
        parser.error("--saves must be at least 1")
    if not os.access(args.binary, os.X_OK):
        parser.error(f"{args.binary} is not an executable; build it with `swift build -c release --product anthology`")

    if args.corpus:
        plans = [(Path(c).name, Path(c), None) for c in args.corpus]
    else:
        plans = [("seed anthology", REPO / "seeds", None),
                 (f"generated {args.stories:,}", None, (args.stories, args.seed))]
    print(f"Anthology serve latency: {args.saves} saves per anthology, half with os.replace, half in place")
    results = [measure(name, source, generate, args) for name, source, generate in plans]

    print("\nResults (time from the end of a write to the `build` event after which the page shows the edit)")
    print(f"  {'anthology':<22} {'stories':>8} {'saves':>6} {'p50':>9} {'p95':>9} {'max':>9}  {'target':<16} result")
    failed = False
    for r in results:
        if r.error or not r.latencies:
            print(f"  {r.name:<22} {r.stories:>8,}  ERROR: {r.error or 'no saves measured'}")
            failed = True
            continue
        p50, p95, top = (percentile(r.latencies, 50), percentile(r.latencies, 95), max(r.latencies))
        fmt = lambda s: "never" if math.isinf(s) else f"{s * 1000:.1f} ms"  # noqa: E731
        targeted = r.stories == 1000
        verdict = ("PASS" if p95 < 0.1 else "FAIL") if targeted else ""
        failed |= verdict == "FAIL" or math.isinf(top)
        print(f"  {r.name:<22} {r.stories:>8,} {len(r.latencies):>6} {fmt(p50):>9} {fmt(p95):>9} {fmt(top):>9}  "
              f"{'p95 < 100 ms' if targeted else '-':<16} {verdict}")
    for r in results:
        if r.server_ms:
            print(f"  {r.name}: build time the server reported, median {sorted(r.server_ms)[len(r.server_ms) // 2]:.1f} ms")
        for note in r.notes:
            print(f"  {r.name}: note: {note}")
        if r.stopped:
            print(f"  {r.name}: server {r.stopped}")
            failed |= not r.stopped_cleanly
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
