#!/usr/bin/env python3
"""CPython's concurrent.futures.ProcessPoolExecutor on the workload of
bench/bench_process_pool.cpp: many tiny tasks (return i * i) on 2 workers,
all submitted first, then every result() read. Each run makes its own pool
with Linux's default start method ("fork" in 3.11: the figure DESIGN.md
quotes), and the pool's start and shutdown are timed too, as the C++
benchmark does. Also the time from making a one-worker pool to its first
answer, with "spawn" (what the engine does: a fresh worker program that finds
its code by name) and with "fork".

Prints the medians of 5 runs, for people and for bench/figures.sh:

    python ProcessPoolExecutor: <us per task> us per task
    python_process_pool_per_task <us per task> us
    python_process_pool_worker_start_spawn <ms> ms
    python_process_pool_worker_start_fork <ms> ms
"""
import multiprocessing
import platform
import statistics
import time
from concurrent.futures import ProcessPoolExecutor

RUNS = 5
TASKS = 20_000
WORKERS = 2


def square(x: int) -> int:
    return x * x


def one_run(context) -> float:
    """Seconds per task for one run."""
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=WORKERS, mp_context=context) as pool:
        futures = [pool.submit(square, i) for i in range(TASKS)]
        total = sum(f.result() for f in futures)
    elapsed = time.perf_counter() - start
    assert total == sum(i * i for i in range(TASKS))
    return elapsed / TASKS


def worker_start(context) -> float:
    """Seconds from making a one-worker pool to its first result."""
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        pool.submit(square, 3).result()
        elapsed = time.perf_counter() - start
    return elapsed


def main() -> None:
    runs = [one_run(multiprocessing.get_context()) for _ in range(RUNS)]
    us = statistics.median(runs) * 1e6
    start_ms = {}
    for method in ("spawn", "fork"):
        context = multiprocessing.get_context(method)
        start_ms[method] = statistics.median(worker_start(context) for _ in range(RUNS)) * 1e3
    print(f"python ProcessPoolExecutor: {us:.2f} us per task, worker start "
          f"{start_ms['spawn']:.1f} ms (spawn) / {start_ms['fork']:.1f} ms (fork)")
    print(f"python_process_pool_per_task {us:.2f} us")
    print(f"python_process_pool_worker_start_spawn {start_ms['spawn']:.2f} ms")
    print(f"python_process_pool_worker_start_fork {start_ms['fork']:.2f} ms")
    print(f"# {platform.python_implementation()} {platform.python_version()}, "
          f"median of {RUNS} runs of {TASKS:,} tasks on {WORKERS} workers "
          f"(start method {multiprocessing.get_start_method()})")


if __name__ == "__main__":
    main()
