#!/usr/bin/env python3
"""CPython's concurrent.futures.ThreadPoolExecutor on the workload of
bench/bench_thread_pool.cpp: 100,000 tiny tasks (return i * i) on 2 workers,
all submitted first, then every result() read. Each run makes its own pool,
as the C++ benchmark does, and the pool's start and shutdown are timed too.

Prints the median of 5 runs, for people and for bench/figures.sh:

    python ThreadPoolExecutor: <us per task> us per task
    python_thread_pool_per_task <us per task> us
"""
import platform
import statistics
import time
from concurrent.futures import ThreadPoolExecutor

RUNS = 5
TASKS = 100_000
WORKERS = 2


def square(x: int) -> int:
    return x * x


def one_run() -> float:
    """Seconds per task for one run."""
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        futures = [pool.submit(square, i) for i in range(TASKS)]
        total = sum(f.result() for f in futures)
    elapsed = time.perf_counter() - start
    assert total == sum(i * i for i in range(TASKS))
    return elapsed / TASKS


def main() -> None:
    runs = [one_run() for _ in range(RUNS)]
    us = statistics.median(runs) * 1e6
    print(f"python ThreadPoolExecutor: {us:.2f} us per task")
    print(f"python_thread_pool_per_task {us:.2f} us")
    print(f"# {platform.python_implementation()} {platform.python_version()}, "
          f"median of {RUNS} runs of {TASKS:,} tasks on {WORKERS} workers")


if __name__ == "__main__":
    main()
