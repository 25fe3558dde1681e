#!/usr/bin/env bash
# Prints the figures of bench/README.md as a Markdown table.
#
#   bench/figures.sh [BUILD_DIR]        (default: build/ at the top of the repo)
#
# Builds nothing: runs every bench_* program the build has (bench/bench_*.cpp
# says which should exist) with 5 repetitions, keeps the medians, runs the
# bench/python_*.py scripts when python3 exists, and prints
#   operation | ours (median) | baseline (median) | target
# A missing or failing program is reported and skipped. About 40 s here.
set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
build=${1:-$repo/build}
if [[ ! -d $build ]]; then
    echo "figures.sh: no build directory '$build' (configure with -DINTERLEAVE_BENCH=ON and build the bench_* targets)" >&2
    exit 1
fi
build=$(cd "$build" && pwd)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
results=$work/results.tsv # program <TAB> benchmark <TAB> key <TAB> value (times in ns)
: >"$results"
notes=() # things that went wrong, printed under the table
start=$SECONDS
# Per run of a benchmark that picks its own iteration count (0.5 s by
# default): 5 repetitions of every program fit in about a minute this way.
min_time=${BENCH_MIN_TIME:-0.2}

# Reads Google Benchmark's JSON (one key per line) and appends the median
# rows to $results: benchmark = run_name up to its first '/'. Times become ns.
# Errors are kept too, so a skipped benchmark shows up as such.
collect_json() { # program json
    awk -v prog="$1" '
        function flush() {
            if (name == "") return
            if (agg == "median" || err != "") {
                scale = unit == "us" ? 1e3 : unit == "ms" ? 1e6 : unit == "s" ? 1e9 : 1
                for (k in val) {
                    v = val[k]
                    if (k == "real_time" || k == "cpu_time") v *= scale
                    printf "%s\t%s\t%s\t%s\n", prog, base, k, v
                }
                if (err != "") printf "%s\t%s\terror\t%s\n", prog, base, err
            }
            name = ""; agg = ""; err = ""; unit = "ns"; delete val
        }
        /^    \{/ { flush(); next }
        /^  \]/ { flush(); next }
        /"run_name": / { line = $0; sub(/^[^:]*: "/, "", line); sub(/",?$/, "", line)
                         name = line; base = line
                         # bench_timeline names its sizes and zoom levels in the path.
                         if (prog != "bench_timeline") sub(/\/.*/, "", base); next }
        /"aggregate_name": / { agg = $0; sub(/^[^:]*: "/, "", agg); sub(/",?$/, "", agg); next }
        /"time_unit": / { unit = $0; sub(/^[^:]*: "/, "", unit); sub(/",?$/, "", unit); next }
        /"error_message": / { err = $0; sub(/^[^:]*: "/, "", err); sub(/",?$/, "", err); next }
        /"(family_index|per_family_instance_index|repetitions|repetition_index|iterations)": / { next }
        /^      "[^"]+": -?[0-9.]+(e[-+]?[0-9]+)?,?$/ {
            key = $0; sub(/^ *"/, "", key); sub(/".*/, "", key)
            v = $0; sub(/^[^:]*: /, "", v); sub(/,$/, "", v)
            val[key] = v
        }
    ' "$2" >>"$results"
}

# ---- the C++ benchmarks ------------------------------------------------------
shopt -s nullglob
programs=()
for src in "$here"/bench_*.cpp; do
    programs+=("$(basename "$src" .cpp)")
done
for bin in "$build"/bench/bench_*; do # built ones whose source is gone still run
    name=$(basename "$bin")
    case " ${programs[*]} " in
        *" $name "*) ;;
        *) [[ -x $bin ]] && programs+=("$name") ;;
    esac
done

for prog in "${programs[@]}"; do
    bin=$build/bench/$prog
    if [[ ! -x $bin ]]; then
        notes+=("$prog: not built in $build/bench (skipped)")
        echo "figures.sh: $prog is not built, skipping" >&2
        continue
    fi
    echo "figures.sh: running $prog ..." >&2
    if ! "$bin" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
        --benchmark_min_time="$min_time" --benchmark_out="$work/$prog.json" --benchmark_out_format=json >"$work/$prog.log" 2>&1; then
        notes+=("$prog: exited with an error; last output: $(tail -n 2 "$work/$prog.log" | tr '\n' ' ')")
    fi
    if [[ -s $work/$prog.json ]]; then
        collect_json "$prog" "$work/$prog.json"
    else
        notes+=("$prog: wrote no results")
    fi
done

# ---- the Python scripts --------------------------------------------------------
# Each prints lines "<name> <number> <unit>"; lines starting with # are notes,
# other lines are shown as they are.
py_extra=()
if command -v python3 >/dev/null 2>&1; then
    for script in "$here"/python_*.py; do
        prog=$(basename "$script" .py)
        echo "figures.sh: running $prog ..." >&2
        if ! python3 "$script" >"$work/$prog.out" 2>"$work/$prog.err"; then
            notes+=("$prog: failed: $(tail -n 1 "$work/$prog.err")")
        fi
        while IFS= read -r line; do
            if [[ $line =~ ^([A-Za-z0-9_.:/-]+)[[:space:]]+(-?[0-9.]+([eE][-+]?[0-9]+)?)[[:space:]]*(ns|us|µs|ms|s)$ ]]; then
                v=${BASH_REMATCH[2]}
                case ${BASH_REMATCH[4]} in
                    us | µs) v=$(awk -v v="$v" 'BEGIN { print v * 1e3 }') ;;
                    ms) v=$(awk -v v="$v" 'BEGIN { print v * 1e6 }') ;;
                    s) v=$(awk -v v="$v" 'BEGIN { print v * 1e9 }') ;;
                esac
                printf '%s\t%s\tns\t%s\n' "$prog" "${BASH_REMATCH[1]}" "$v" >>"$results"
            elif [[ $line =~ ^#[[:space:]]*(.*)$ ]]; then
                py_extra+=("$prog: ${BASH_REMATCH[1]}")
            elif [[ -n $line ]]; then
                py_extra+=("$prog: $line")
            fi
        done <"$work/$prog.out"
    done
else
    notes+=("python3 not found: the CPython figures are missing")
fi

# ---- the table -------------------------------------------------------------------

# val PROGRAM BENCHMARK KEY: the median, or nothing; marks the benchmark as
# shown, so the catch-all section below leaves it out. Times are in ns.
used=$work/used.tsv
: >"$used"
val() {
    printf '%s\t%s\n' "$1" "$2" >>"$used"
    awk -F'\t' -v p="$1" -v b="$2" -v k="$3" '$1 == p && $2 == b && $3 == k { print $4; exit }' "$results"
}
has() { grep -q "^$1"$'\t'"$2"$'\t' "$results"; }
# ns VALUE: a time for humans.
ns() {
    [[ -z ${1:-} ]] && { echo "n/a"; return; }
    awk -v v="$1" 'BEGIN {
        if (v >= 1e6) printf "%.2f ms", v / 1e6
        else if (v >= 1e4) printf "%.0f µs", v / 1e3
        else if (v >= 1e3) printf "%.1f µs", v / 1e3
        else if (v >= 100) printf "%.0f ns", v
        else printf "%.1f ns", v }'
}
bytes() {
    if [[ -z ${1:-} ]]; then
        echo "n/a"
    else
        awk -v v="$1" 'BEGIN { printf "%.1f B", v }'
    fi
}
# target VALUE LIMIT UNIT: "≤ LIMIT UNIT: met|missed"
target() {
    if [[ -z ${1:-} ]]; then
        echo "≤ $2 $3"
    else
        awk -v v="$1" -v l="$2" -v u="$3" 'BEGIN { printf "≤ %s %s: %s", l, u, (v <= l ? "met" : "missed") }'
    fi
}
# err PROGRAM BENCHMARK: " (error: ...)" if the benchmark reported one.
err() {
    local e
    e=$(val "$1" "$2" error)
    [[ -n $e ]] && echo " (error: $e)"
}
# A threaded benchmark's real time is wall time / all threads' iterations;
# times its thread count it is one thread's wall time per iteration.
per_thread() {
    local t n
    t=$(val "$1" "$2" real_time)
    n=$(val "$1" "$2" threads)
    [[ -z $t ]] && return
    awk -v t="$t" -v n="${n:-1}" 'BEGIN { print t * n }'
}

R=bench_recorder
L=bench_lock
T=bench_thread_pool
V=bench_timeline

echo
echo "Figures: $(uname -n), $(nproc) CPUs, $(date -u +%Y-%m-%d); medians of 5 repetitions."
echo "Time per operation: CPU time where one thread works alone (record, uncontended"
echo "lock), wall time where threads wait for each other (hammering, handoffs, pool)."
echo
echo "| operation | ours (median) | baseline (median) | target |"
echo "| --- | --- | --- | --- |"

if has $R BM_Record; then
    echo "| timestamp: \`clock::raw()\` (TSC) | $(ns "$(val $R BM_ClockRaw cpu_time)") | \`__rdtsc()\` $(ns "$(val $R BM_Rdtsc cpu_time)"); \`steady_clock::now()\` $(ns "$(val $R BM_SteadyClockNow cpu_time)") | — |"
    v=$(val $R BM_Record cpu_time)
    echo "| \`Recorder::record()\`, 1 thread, warm pages | $(ns "$v")$(err $R BM_Record) | rdtsc + 32-byte store $(ns "$(val $R BM_StoreRecordBaseline cpu_time)") | $(target "$v" 25 ns) |"
    # CPU time of a threaded run is the threads' CPU summed over all their
    # iterations: one thread's own cost per record, whatever else runs.
    v=$(val $R BM_RecordTwoThreads cpu_time)
    echo "| \`record()\`, 2 threads at once, per thread (CPU) | $(ns "$v")$(err $R BM_RecordTwoThreads) | 1 thread: $(ns "$(val $R BM_Record cpu_time)") | $(target "$v" 25 ns) |"
    v=$(val $R BM_RecordMemory ns_per_event_fresh)
    echo "| \`record()\` in a fresh process (fresh pages; 1 M events) | $(ns "$v")$(err $R BM_RecordMemory) | warm pages: $(ns "$(val $R BM_Record cpu_time)") | — |"
    v=$(val $R BM_RecordMemory B_per_event_rss)
    echo "| memory per recorded event (RSS growth, 1 M events) | $(bytes "$v") | chunk arithmetic $(bytes "$(val $R BM_RecordMemory B_per_event_chunk)"); as glibc maps it $(bytes "$(val $R BM_RecordMemory B_per_event_mapped)") | $(target "$v" 32 B) |"
fi

py=$(val python_lock python_lock_acquire_release ns)
if has $L BM_LockAcquireReleaseWarm; then
    mutex=$(ns "$(val $L BM_StdMutexLockUnlock cpu_time)")
    cpy=""
    [[ -n $py ]] && cpy="; CPython \`Lock\` $(ns "$py") (\`with lock:\` $(ns "$(val python_lock python_lock_with ns)"))"
    v=$(val $L BM_LockAcquireReleaseWarm cpu_time)
    echo "| \`Lock\` acquire+release, uncontended, warm trace pages | $(ns "$v")$(err $L BM_LockAcquireReleaseWarm) | \`std::mutex\` $mutex$cpy | $(target "$v" 60 ns) |"
    v=$(val $L BM_LockAcquireRelease cpu_time)
    echo "| \`Lock\` acquire+release, uncontended, fresh trace pages | $(ns "$v")$(err $L BM_LockAcquireRelease) | \`std::mutex\` $mutex | $(target "$v" 60 ns) |"
    v=$(val $L BM_LockGuardWarm cpu_time)
    echo "| \`std::lock_guard<Lock>\`, warm trace pages | $(ns "$v")$(err $L BM_LockGuardWarm) | \`std::mutex\` $mutex | $(target "$v" 60 ns) |"
    echo "| 2 threads hammering one lock (wall time ÷ both threads' ops) | $(ns "$(val $L BM_LockHammer real_time)")$(err $L BM_LockHammer) | \`std::mutex\` $(ns "$(val $L BM_StdMutexHammer real_time)") | — |"
    echo "| handoff round trip between 2 threads (two Locks, each released by the other thread) | $(ns "$(per_thread $L BM_LockRoundTrip)")$(err $L BM_LockRoundTrip) | \`std::binary_semaphore\` $(ns "$(per_thread $L BM_SemaphoreRoundTrip)"); mutex + condvar lock $(ns "$(per_thread $L BM_CondvarLockRoundTrip)"); \`std::mutex\` turn-taking $(ns "$(per_thread $L BM_StdMutexPingPong)") | — |"
elif [[ -n $py ]]; then
    echo "| CPython \`threading.Lock\` acquire+release | — | $(ns "$py") | — |"
fi

if has $T BM_ThreadPoolSubmitResultWarm; then
    ppy=$(val python_thread_pool python_thread_pool_per_task ns)
    base="—"
    [[ -n $ppy ]] && base="CPython \`ThreadPoolExecutor\` $(ns "$ppy")"
    echo "| \`ThreadPoolExecutor\` submit + result, tiny task, 2 workers, warm trace pages | $(ns "$(val $T BM_ThreadPoolSubmitResultWarm real_time)")$(err $T BM_ThreadPoolSubmitResultWarm) | $base | — |"
    echo "| same, fresh trace pages | $(ns "$(val $T BM_ThreadPoolSubmitResult real_time)")$(err $T BM_ThreadPoolSubmitResult) | $base | — |"
fi

P=bench_process
PP=bench_process_pool
C=bench_coro
if has $PP BM_ProcessPoolSubmitResult; then
    v=$(val $PP BM_ProcessPoolSubmitResult real_time)
    base="in-process \`ThreadPoolExecutor\` $(ns "$(val $PP BM_ThreadPoolSubmitResult real_time)")"
    cpy=$(val python_process_pool python_process_pool_per_task ns)
    [[ -n $cpy ]] && base="$base; CPython \`ProcessPoolExecutor\` $(ns "$cpy")"
    echo "| \`ProcessPoolExecutor\` submit + result, tiny task, 2 worker processes (start and shutdown included) | $(ns "$v")$(err $PP BM_ProcessPoolSubmitResult) | $base | $(target "$(awk -v v="$v" 'BEGIN { print v / 1e3 }')" 30 µs) |"
fi
if has $P BM_WorkerStart; then
    v=$(val $P BM_WorkerStart real_time)
    base="\`posix_spawn\` of /bin/true + wait $(ns "$(val $P BM_PosixSpawnTrueBaseline real_time)")"
    cpy=$(val python_process_pool python_process_pool_worker_start_spawn ns)
    [[ -n $cpy ]] && base="$base; CPython pool worker, spawn $(ns "$cpy") / fork $(ns "$(val python_process_pool python_process_pool_worker_start_fork ns)")"
    echo "| worker process start: spawn, first record seen, exit, join | $(ns "$v")$(err $P BM_WorkerStart) | $base | $(target "$(awk -v v="$v" 'BEGIN { print v / 1e6 }')" 5 ms) |"
    has $PP BM_ProcessPoolWorkerStart &&
        echo "| pool worker start: new pool to first result | $(ns "$(val $PP BM_ProcessPoolWorkerStart real_time)") | — | $(target "$(awk -v v="$(val $PP BM_ProcessPoolWorkerStart real_time)" 'BEGIN { print v / 1e6 }')" 5 ms) |"
    echo "| \`Pipe\` round trip between two processes, recorded | $(ns "$(val $P BM_PipeRoundTrip real_time)")$(err $P BM_PipeRoundTrip) | raw socketpair $(ns "$(val $P BM_RawSocketpairRoundTripBaseline real_time)") | — |"
fi
if has $C BM_CoroYieldRoundTrip; then
    # per_await is a rate counter: seconds per await.
    v=$(awk -v v="$(val $C BM_CoroYieldRoundTrip per_await)" 'BEGIN { if (v != "") print v * 1e9 }')
    b=$(awk -v v="$(val $C BM_AsioPostRoundTrip per_await)" 'BEGIN { if (v != "") print v * 1e9 }')
    echo "| await round trip on the loop, recorded (Resume, Suspend, 2 lane switches) | $(ns "$v")$(err $C BM_CoroYieldRoundTrip) | asio's bare \`co_await post\` $(ns "$b") | $(target "$v" 250 ns) |"
    echo "| 10,000 coroutines spawned, each awaiting once, gathered | $(ns "$(val $C BM_Coro10kTasks real_time)")$(err $C BM_Coro10kTasks) | asio \`co_spawn\` $(ns "$(val $C BM_Asio10kCoroutines real_time)") | — |"
fi

for n in 1 10; do
    has $V "BM_TimelineFrame/$n/0" || continue
    worst=0
    cells=()
    for z in 0 1 2 3; do
        v=$(val $V "BM_TimelineFrame/$n/$z" cpu_time)
        cells+=("$(ns "$v")")
        worst=$(awk -v a="$worst" -v b="${v:-0}" 'BEGIN { print (b > a ? b : a) }')
    done
    echo "| timeline frame, $n M events over 64 lanes (1600×900): whole run / 1/10 / 1/1000 / 1/100000 of it | ${cells[0]} / ${cells[1]} / ${cells[2]} / ${cells[3]}$(err $V "BM_TimelineFrame/$n/0") | — | $(target "$(awk -v w="$worst" 'BEGIN { print w / 1e6 }')" 16 ms) |"
done
# bench_timeline's BM_TimelineData measures peak memory: run it alone (see
# bench/README.md); repeated in one process its peaks carry over.

# Everything not shown above, as it comes: other programs' medians and other
# scripts' figures.
others=$(awk -F'\t' 'FILENAME == ARGV[1] { seen[$1 "\t" $2] = 1; next }
                     !(($1 "\t" $2) in seen) && ($3 == "real_time" || $3 == "ns") { print $1 "\t" $2 }' \
    "$used" "$results" | awk '!dup[$0]++')
if [[ -n $others ]]; then
    echo
    echo "| other benchmark | median (wall) | median (CPU) | counters |"
    echo "| --- | --- | --- | --- |"
    while IFS=$'\t' read -r prog bench; do
        if [[ $prog == python_* ]]; then
            echo "| $prog: $bench | $(ns "$(val "$prog" "$bench" ns)") | — | |"
            continue
        fi
        counters=$(awk -F'\t' -v p="$prog" -v b="$bench" '$1 == p && $2 == b && $3 !~ /^(real_time|cpu_time|threads|error)$/ { printf "%s%s=%.4g", sep, $3, $4; sep = ", " }' "$results")
        echo "| $prog: $bench | $(ns "$(val "$prog" "$bench" real_time)") | $(ns "$(val "$prog" "$bench" cpu_time)") | $counters$(err "$prog" "$bench") |"
    done <<<"$others"
fi

echo
for line in "${py_extra[@]}"; do
    echo "> $line"
done
for note in "${notes[@]}"; do
    echo "> note: $note"
done
echo "> $(basename "$0") took $((SECONDS - start)) s (min_time $min_time s per run)"
