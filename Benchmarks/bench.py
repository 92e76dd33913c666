#!/usr/bin/env python3
"""Anthology's build benchmark (issue 6). Run it through `Benchmarks/build.sh`, which builds the
release binary first; this file is the driver and takes the same options:

    Benchmarks/build.sh [--stories 1000,10000] [--large] [--runs 5] [--edits 5] [--seed 1]
                        [--warmup 1] [--parts full,edit,plain] [--json FILE] [--no-build]

For each N it generates (once, cached under Benchmarks/.work/) a front-matter corpus and the same
stories without front matter, then measures with the release binary:
- full build: `--runs` clean builds (no `.anthology-cache`, a new output folder each time: the
  previous one is moved aside and deleted when the benchmark ends, see `Retired`) after
  `--warmup` untimed ones; wall time, CPU time (user+sys) and peak RSS of the process from
  `os.wait4`, pages written (from the tool's summary line) and ms per page; medians are printed,
  with the spread;
- one-story edit: one build into an output folder, then `--edits` times: append a sentence to a
  different story, rebuild into the same folder (cache allowed), time it and check that the new
  sentence is on a story page; the stories are restored afterwards;
- the full build of the corpus without front matter, and its ratio to the front-matter build;
- re-render: `--runs` builds with `--no-cache` into an output folder that already holds the same
  site, which render every page and write none: what the tool itself costs, without the file
  system's cost of creating some 28,000 files and folders at 10,000 stories;
- the machine reference, at the start and at the end: a fixed Python workload on every core at
  once, which has nothing to do with Anthology. This machine's speed drifts by a third within
  an hour; two runs' figures compare only when their references agree.
Every build runs with the corpus folder as working directory, `--seeds seeds`, the repository's
templates and `--output`. Targets (issue 6) are printed next to the figures with PASS or FAIL.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
SUMMARY = re.compile(r"(\d+) pages? \((\d+) files?\) (?:written to|in )")
STAGE = re.compile(r"^\s+(\w+)\s+([\d.]+) ms$")
MIB = 1024 * 1024


# ---------------------------------------------------------------------------------------------
# Running one build


@dataclass
class Run:
    wall: float  # seconds
    cpu: float  # seconds, user + sys
    peak: float  # bytes
    pages: int
    files: int
    stages: dict[str, float]  # ms, as the tool reports them
    stdout: str
    stderr: str


class BuildFailed(Exception):
    pass


def run_build(binary: Path, project: Path, output: str, timeout: float, extra: tuple[str, ...] = ()) -> Run:
    """Runs one `anthology build` in `project` and measures it with wait4's rusage."""
    command = [str(binary), "build", "--seeds", "seeds", "--templates", str(REPO / "templates"), "--output", output,
               *extra]
    out_path, err_path = project / ".bench-stdout", project / ".bench-stderr"
    with open(out_path, "w") as out, open(err_path, "w") as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=project, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        timer = threading.Timer(timeout, process.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
    stdout, stderr = out_path.read_text(errors="replace"), err_path.read_text(errors="replace")
    if process.returncode != 0:
        why = f"killed after {timeout:.0f} s" if process.returncode == -9 else f"exit code {process.returncode}"
        raise BuildFailed(f"`{' '.join(command)}` in {project} failed ({why}):\n{(stderr or stdout)[-3000:]}")
    match = SUMMARY.search(stdout)
    if not match:
        raise BuildFailed(f"no summary line ('N pages (M files) written to ...') in the output:\n{stdout[-2000:]}")
    stages = {m.group(1): float(m.group(2)) for m in map(STAGE.match, stdout.splitlines()) if m}
    return Run(wall=wall, cpu=usage.ru_utime + usage.ru_stime, peak=usage.ru_maxrss * 1024,
               pages=int(match.group(1)), files=int(match.group(2)), stages=stages, stdout=stdout, stderr=stderr)


def remove_caches(project: Path) -> None:
    """A full build is a clean build: no `.anthology-cache` in the project or the seeds folder."""
    for folder in (project, project / "seeds"):
        cache = folder / ".anthology-cache"
        if cache.is_symlink() or cache.is_file():
            cache.unlink()
        elif cache.exists():
            shutil.rmtree(cache)


class Retired:
    """Output folders moved out of the way during the benchmark and deleted only at its end.

    This machine's disk is ext4 without a journal. There the kernel does not reuse an inode for
    five minutes after it is freed (`recently_deleted` in fs/ext4/ialloc.c), and every new file
    and folder has to be searched past all such inodes: deleting one 10,000-story site (some
    28,000 files and folders) right before the next clean build cost that build about 2.5 s of
    its 12.9 s in `mkdir` and `open`, which is the benchmark's doing, not the tool's. Moving a
    folder aside is one rename; nothing is freed until `empty` runs, after the last build."""

    folder: Path | None = None
    moved = 0

    @classmethod
    def move(cls, path: Path) -> None:
        assert cls.folder is not None, "Retired.folder is set in main()"
        cls.folder.mkdir(parents=True, exist_ok=True)
        cls.moved += 1
        # The process id keeps names apart from what an interrupted run left behind.
        path.rename(cls.folder / f"{os.getpid()}-{cls.moved:04d}-{path.parent.name}-{path.name.lstrip('.')}")

    @classmethod
    def empty(cls) -> None:
        if cls.folder is None or not cls.folder.exists():
            return
        started = time.perf_counter()
        shutil.rmtree(cls.folder)
        print(f"\nDeleted the {cls.moved} output folders moved aside during the run in "
              f"{time.perf_counter() - started:.1f} s. On ext4 without a journal their inodes stay unused for "
              f"five minutes: a benchmark started sooner measures slower clean builds.", flush=True)


def remove_output(project: Path, name: str) -> None:
    """Moves a build's output folder (and what an interrupted build leaves) aside: see `Retired`."""
    for path in (project / name, project / f".{name}.anthology-staging", project / f".{name}.anthology-previous"):
        if path.exists():
            Retired.move(path)


# ---------------------------------------------------------------------------------------------
# Corpora


def corpus(work: Path, stories: int, seed: int, front_matter: bool) -> Path:
    """Benchmarks/.work/<fm|plain>-N-sS/seeds, regenerated when the generator or its arguments changed."""
    project = work / f"{'fm' if front_matter else 'plain'}-{stories}-s{seed}"
    generator = BENCH / "generate.py"
    args = ["--stories", str(stories), "--seed", str(seed)] + ([] if front_matter else ["--no-front-matter"])
    stamp_text = hashlib.sha256(generator.read_bytes()).hexdigest() + " " + " ".join(args) + "\n"
    stamp = project / ".generated"
    if stamp.is_file() and stamp.read_text() == stamp_text and (project / "seeds").is_dir():
        return project
    if project.exists():
        shutil.rmtree(project)
    project.mkdir(parents=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, str(generator), *args, str(project / "seeds")], check=True)
    print(f"  generated {stories:,} stories{'' if front_matter else ' without front matter'} in "
          f"{time.perf_counter() - started:.1f} s: {project.relative_to(REPO)}", flush=True)
    stamp.write_text(stamp_text)
    return project


# ---------------------------------------------------------------------------------------------
# Measurements


@dataclass
class Series:
    runs: list[Run] = field(default_factory=list)

    def median(self, attribute: str) -> float:
        return statistics.median(getattr(r, attribute) for r in self.runs)

    def spread(self, attribute: str) -> tuple[float, float]:
        values = [getattr(r, attribute) for r in self.runs]
        return min(values), max(values)

    def stage_medians(self) -> dict[str, float]:
        names = list(self.runs[0].stages) if self.runs else []
        return {n: statistics.median(r.stages.get(n, 0.0) for r in self.runs) for n in names}


def sync() -> None:
    """Lets the previous build's writes reach the disk so that they do not slow the next one."""
    os.sync()


def full_builds(binary: Path, projects: list[tuple[str, Path]], runs: int, warmup: int, timeout: float) -> list[Series]:
    """Clean full builds of each project, interleaved (A B A B ...) so that a change in the load of
    this shared machine affects both corpora alike and their ratio stays fair."""
    series = [Series() for _ in projects]
    for i in range(warmup + runs):
        for (label, project), record in zip(projects, series):
            remove_output(project, "out-full")
            remove_caches(project)
            sync()
            run = run_build(binary, project, "out-full", timeout)
            if i >= warmup:
                record.runs.append(run)
            kind = "warm-up" if i < warmup else f"run {i - warmup + 1}/{runs}"
            print(f"    {label} {kind}: wall {run.wall:.3f} s, cpu {run.cpu:.3f} s, peak {run.peak / MIB:.1f} MiB, "
                  f"{run.pages:,} pages", flush=True)
    for _, project in projects:
        remove_output(project, "out-full")
        remove_caches(project)
    return series


def rerenders(binary: Path, project: Path, runs: int, timeout: float) -> Series:
    """One build into `out-rerender`, then `runs` builds with `--no-cache` into the same folder:
    every page is rendered again and compared with the file it would replace; none is written."""
    series = Series()
    try:
        remove_output(project, "out-rerender")
        remove_caches(project)
        run_build(binary, project, "out-rerender", timeout, ("--no-cache",))
        for k in range(1, runs + 1):
            sync()
            run = run_build(binary, project, "out-rerender", timeout, ("--no-cache",))
            series.runs.append(run)
            print(f"    re-render {k}/{runs}: wall {seconds(run.wall)}, cpu {seconds(run.cpu)}, "
                  f"peak {run.peak / MIB:.1f} MiB", flush=True)
    finally:
        remove_output(project, "out-rerender")
    return series


EDIT_SENTENCE = "\nSomewhere below, a kettle sang again ({marker}).\n"


def edit_rebuilds(binary: Path, project: Path, edits: int, timeout: float) -> Series:
    """Builds once, then appends a sentence to `edits` different stories, rebuilding after each."""
    seeds = sorted(p for p in (project / "seeds").iterdir() if p.suffix == ".md")
    chosen = [seeds[(k + 1) * len(seeds) // (edits + 1)] for k in range(edits)]
    if len(set(chosen)) < edits:
        chosen = seeds[:edits]
    originals = {p: p.read_bytes() for p in chosen}
    stamp = project / ".generated"
    stamp_text = stamp.read_text() if stamp.is_file() else None
    stamp.unlink(missing_ok=True)  # an interrupted run leaves edited stories: regenerate next time
    series = Series()
    try:
        remove_output(project, "out-edit")
        remove_caches(project)
        sync()
        first = run_build(binary, project, "out-edit", timeout)
        print(f"    edit: first build {first.wall:.3f} s", flush=True)
        for k, story in enumerate(chosen, 1):
            marker = f"benchmark edit {k}-{os.getpid()}"
            sentence = EDIT_SENTENCE.format(marker=marker)
            sync()
            with open(story, "ab") as f:
                f.write(sentence.encode())
            run = run_build(binary, project, "out-edit", timeout)
            if not any(marker in page.read_text(errors="replace")
                       for page in (project / "out-edit" / "stories").glob("*/index.html")):
                raise BuildFailed(f"after editing {story.name}, no story page holds the new sentence")
            series.runs.append(run)
            print(f"    edit {k}/{edits} ({story.name}): wall {seconds(run.wall)}, cpu {seconds(run.cpu)}", flush=True)
    finally:
        for path, data in originals.items():
            path.write_bytes(data)
        remove_output(project, "out-edit")
        if stamp_text is not None:
            stamp.write_text(stamp_text)
    return series


# ---------------------------------------------------------------------------------------------
# Report


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {model}, {platform.system()} {platform.release()}"


def git_commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True).stdout.strip()
    commit = git("rev-parse", "--short=12", "HEAD") or "unknown"
    branch = git("rev-parse", "--abbrev-ref", "HEAD")
    code = git("log", "-1", "--format=%h, %cs", "--", "Sources", "Package.swift", "templates")
    dirty = git("status", "--porcelain", "--untracked-files=no", "--", "Sources", "Package.swift", "templates")
    return (f"{commit} ({branch}{', with uncommitted changes to the tool' if dirty else ''}); "
            f"Sources last changed in {code}")


# A fixed pure-Python computation: about half a second on this machine, one copy per core at once.
REFERENCE_WORK = "total = 0\nfor i in range(3_000_000):\n    total += i * i\n"


def reference(trials: int = 3) -> float:
    """Seconds (median of `trials`) for `REFERENCE_WORK` run in one process per usable core, all at
    once: how fast the machine is right now, whatever Anthology does."""
    cores = len(os.sched_getaffinity(0))
    times = []
    for _ in range(trials):
        start = time.perf_counter()
        workers = [subprocess.Popen([sys.executable, "-c", REFERENCE_WORK]) for _ in range(cores)]
        if any(worker.wait() != 0 for worker in workers):
            raise RuntimeError("the reference workload failed")
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def seconds(x: float) -> str:
    return f"{x * 1000:.1f} ms" if x < 1 else f"{x:.2f} s"


def span(lo: float, hi: float) -> str:
    """`1.20-1.35 s`, in the unit of the larger end."""
    if hi < 1:
        return f"{lo * 1000:.1f}-{hi * 1000:.1f} ms"
    return f"{lo:.2f}-{hi:.2f} s"


@dataclass
class Line:
    stories: int
    what: str
    value: str
    spread: str = ""
    target: str = "-"
    result: str = ""


def print_table(lines: list[Line]) -> None:
    header = Line(0, "measurement", "median", "min-max", "target", "result")
    rows = [("stories", header)] + [(f"{l.stories:,}", l) for l in lines]
    widths = [max(len(r[0]) for r in rows)] + [max(len(getattr(r[1], a)) for r in rows)
                                                for a in ("what", "value", "spread", "target")]
    for n, l in rows:
        print(f"  {n:>{widths[0]}}  {l.what:<{widths[1]}}  {l.value:>{widths[2]}}  {l.spread:>{widths[3]}}  "
              f"{l.target:<{widths[4]}}  {l.result}".rstrip())


def main() -> int:
    parser = argparse.ArgumentParser(description="Benchmark `anthology build` on generated anthologies (issue 6).")
    parser.add_argument("--stories", default="1000,10000", help="comma-separated corpus sizes (default 1000,10000)")
    parser.add_argument("--large", action="store_true", help="also run 30,000 stories")
    parser.add_argument("--runs", type=int, default=5, help="timed full builds per corpus (default 5)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed full builds before them (default 1)")
    parser.add_argument("--edits", type=int, default=5, help="one-story edits to time (default 5)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--parts", default="full,edit,plain,rerender",
                        help="what to measure: full (front-matter full build), edit, plain (no front matter), "
                             "rerender (full build into the unchanged site, nothing written)")
    parser.add_argument("--binary", default=str(REPO / ".build" / "release" / "anthology"))
    parser.add_argument("--work", default=str(BENCH / ".work"), help="where corpora and outputs go")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds before a build is killed")
    parser.add_argument("--json", metavar="FILE", help="also write every measurement as JSON")
    args = parser.parse_args()
    sizes = [int(s.replace("_", "")) for s in args.stories.split(",") if s.strip()]
    if args.large and 30000 not in sizes:
        sizes.append(30000)
    parts = set(args.parts.split(","))
    if parts - {"full", "edit", "plain", "rerender"} or args.runs < 1 or args.edits < 1:
        parser.error("--parts takes full, edit, plain and rerender; --runs and --edits must be at least 1")
    binary = Path(args.binary)
    if not os.access(binary, os.X_OK):
        parser.error(f"{binary} is not an executable; build it with `swift build -c release --product anthology`")
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    Retired.folder = work / ".retired"
    try:
        return measure(args, sizes, parts, binary, work)
    finally:
        Retired.empty()


def measure(args: argparse.Namespace, sizes: list[int], parts: set[str], binary: Path, work: Path) -> int:
    print("Anthology build benchmark")
    print(f"  machine  {machine()}")
    print(f"  tool     {git_commit()}, release build {binary}")
    print(f"  method   median of {args.runs} runs after {args.warmup} warm-up; full builds are clean (new output folder, "
          f"no .anthology-cache); wall = fork to exit, CPU = user+sys, peak = max RSS, from wait4")
    print(f"  corpus   Benchmarks/generate.py --seed {args.seed}; load average at start {load()}", flush=True)
    start_reference = reference()
    print(f"  machine reference at start: {start_reference:.3f} s (fixed Python work on every core; lower is faster)",
          flush=True)

    lines: list[Line] = []
    results: dict = {"machine": machine(), "commit": git_commit(), "runs": args.runs, "seed": args.seed, "sizes": {},
                     "reference_s": {"start": start_reference}}
    stage_tables: list[tuple[int, str, dict[str, float]]] = []
    failed = False
    for n in sizes:
        print(f"\nN = {n:,} stories (load average {load()})", flush=True)
        record: dict = {}
        results["sizes"][str(n)] = record
        try:
            fm = corpus(work, n, args.seed, front_matter=True)
            plain = corpus(work, n, args.seed, front_matter=False) if "plain" in parts else None
            projects = ([("full", fm)] if "full" in parts else []) + ([("no front matter", plain)] if plain else [])
            measured = dict(zip([label for label, _ in projects],
                                full_builds(binary, projects, args.runs, args.warmup, args.timeout)))
            full, bare = measured.get("full"), measured.get("no front matter")
            edit = edit_rebuilds(binary, fm, args.edits, args.timeout) if "edit" in parts else None
            again = rerenders(binary, fm, args.runs, args.timeout) if "rerender" in parts else None
        except (BuildFailed, subprocess.CalledProcessError) as error:
            print(f"  ERROR: {error}", flush=True)
            lines.append(Line(n, "benchmark", "error", target="", result="FAIL"))
            failed = True
            continue

        if full:
            wall, cpu, peak = full.median("wall"), full.median("cpu"), full.median("peak")
            pages = full.runs[0].pages
            lo, hi = full.spread("wall")
            wall_target = n == 10000
            lines.append(Line(n, "full build: wall", seconds(wall), span(lo, hi),
                              "< 2 s" if wall_target else "-", ("PASS" if wall < 2 else "FAIL") if wall_target else ""))
            lo, hi = full.spread("cpu")
            lines.append(Line(n, "full build: CPU (user+sys)", seconds(cpu), span(lo, hi)))
            lo, hi = full.spread("peak")
            limit = {10000: 250, 30000: 500}.get(n)
            lines.append(Line(n, "full build: peak memory", f"{peak / MIB:.1f} MiB", f"{lo / MIB:.1f}-{hi / MIB:.1f} MiB",
                              f"< {limit} MiB" if limit else "-",
                              ("PASS" if peak / MIB < limit else "FAIL") if limit else ""))
            lines.append(Line(n, "full build: pages written", f"{pages:,}", f"{full.runs[0].files:,} files"))
            lines.append(Line(n, "full build: ms per page (wall)", f"{wall * 1000 / pages:.3f} ms"))
            stage_tables.append((n, "front matter", full.stage_medians()))
            record["full"] = {"wall_s": wall, "cpu_s": cpu, "peak_mib": peak / MIB, "pages": pages,
                              "files": full.runs[0].files, "ms_per_page": wall * 1000 / pages,
                              "stages_ms": full.stage_medians(), "runs": [r.wall for r in full.runs]}
        if edit:
            wall = edit.median("wall")
            lo, hi = edit.spread("wall")
            lines.append(Line(n, "one-story edit: rebuild wall", seconds(wall), span(lo, hi),
                              "< 50 ms" if n == 10000 else "-", ("PASS" if wall < 0.05 else "FAIL") if n == 10000 else ""))
            lines.append(Line(n, "one-story edit: rebuild CPU", seconds(edit.median("cpu"))))
            record["edit"] = {"wall_s": wall, "cpu_s": edit.median("cpu"), "runs": [r.wall for r in edit.runs],
                              "stages_ms": edit.stage_medians()}
        if again:
            lo, hi = again.spread("wall")
            lines.append(Line(n, "re-render, nothing written: wall", seconds(again.median("wall")), span(lo, hi)))
            lines.append(Line(n, "re-render, nothing written: CPU", seconds(again.median("cpu"))))
            stage_tables.append((n, "re-render", again.stage_medians()))
            record["rerender"] = {"wall_s": again.median("wall"), "cpu_s": again.median("cpu"),
                                  "peak_mib": again.median("peak") / MIB, "stages_ms": again.stage_medians(),
                                  "runs": [r.wall for r in again.runs]}
        if bare:
            wall = bare.median("wall")
            lo, hi = bare.spread("wall")
            lines.append(Line(n, "no front matter: full build wall", seconds(wall), span(lo, hi)))
            lines.append(Line(n, "no front matter: CPU (user+sys)", seconds(bare.median("cpu"))))
            lines.append(Line(n, "no front matter: peak memory", f"{bare.median('peak') / MIB:.1f} MiB"))
            lines.append(Line(n, "no front matter: pages written", f"{bare.runs[0].pages:,}"))
            stage_tables.append((n, "no front matter", bare.stage_medians()))
            record["plain"] = {"wall_s": wall, "cpu_s": bare.median("cpu"), "peak_mib": bare.median("peak") / MIB,
                               "pages": bare.runs[0].pages, "stages_ms": bare.stage_medians(),
                               "runs": [r.wall for r in bare.runs]}
            if full:
                ratio = wall / full.median("wall")
                cpu_ratio = bare.median("cpu") / full.median("cpu")
                lines.append(Line(n, "no front matter / front matter", f"{ratio:.2f}x", f"CPU {cpu_ratio:.2f}x",
                                  "<= 1.5x" if n == 10000 else "-",
                                  ("PASS" if ratio <= 1.5 else "FAIL") if n == 10000 else ""))
                record["plain"]["ratio_wall"] = ratio
                record["plain"]["ratio_cpu"] = cpu_ratio

    end_reference = reference()
    results["reference_s"]["end"] = end_reference
    print(f"\nResults (load average at end {load()}; machine reference at start {start_reference:.3f} s, "
          f"at end {end_reference:.3f} s)")
    print_table(lines)
    if stage_tables:
        names: list[str] = []
        for _, _, stages in stage_tables:
            names += [s for s in stages if s not in names]
        print("\nStage times reported by the tool (median ms)")
        print("  " + f"{'stories':>7}  {'corpus':<15}" + "".join(f"{s:>10}" for s in names))
        for n, kind, stages in stage_tables:
            print("  " + f"{n:>7,}  {kind:<15}" + "".join(f"{stages.get(s, 0):>10.1f}" for s in names))
    missing = [t for t, needed in (("10,000-story targets", 10000), ("30,000-story memory target (--large)", 30000))
               if needed not in sizes]
    if missing:
        print("\nNot measured: " + "; ".join(missing))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
