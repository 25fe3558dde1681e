#!/usr/bin/env python3
"""CPython's threading.Lock acquire+release, uncontended: the figure our
il::sync::Lock sits beside (bench/bench_lock.cpp, BM_LockAcquireRelease*).

Median of 5 runs of 1,000,000 iterations (timeit), printed as lines that
bench/figures.sh reads ("<name> <value> ns"; lines starting with # are notes):

    python_lock_acquire_release <ns per op> ns   (lock.acquire(); lock.release())
    python_lock_with <ns per op> ns              (with lock: pass)

The figures include timeit's loop (its cost is printed in the note line), as
a Python program pays it; subtract it for the lock's own cost.
"""
import platform
import statistics
import threading
import timeit

RUNS = 5
NUMBER = 1_000_000


def per_op_ns(stmt: str, setup: str) -> list[float]:
    timer = timeit.Timer(stmt, setup, globals={"threading": threading})
    return [t / NUMBER * 1e9 for t in timer.repeat(repeat=RUNS, number=NUMBER)]


def main() -> None:
    setup = "lock = threading.Lock()"
    locked = per_op_ns("lock.acquire(); lock.release()", setup)
    empty = per_op_ns("pass", setup)
    # Also the idiomatic `with lock:`, which tutorials use.
    with_ = per_op_ns("with lock: pass", setup)
    print(f"python_lock_acquire_release {statistics.median(locked):.1f} ns")
    print(f"python_lock_with {statistics.median(with_):.1f} ns")
    print(f"# {platform.python_implementation()} {platform.python_version()}, "
          f"median of {RUNS} x {NUMBER:,} iterations; timeit's empty loop: "
          f"{statistics.median(empty):.1f} ns")


if __name__ == "__main__":
    main()
