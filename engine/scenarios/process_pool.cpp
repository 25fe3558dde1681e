// `process-pool`: CPU-bound sums of squares on a ProcessPoolExecutor, with
// map(chunksize); every result is checked against the closed form.
#include "scenarios/all.h"

#include "process/pool_functions.h"
#include "process/process_pool_executor.h"

#include <string>
#include <vector>

namespace il::scenarios {

namespace {

using namespace il::scenario;

class ProcessPool final : public Scenario {
public:
    const ScenarioInfo& info() const override {
        static const ScenarioInfo i{
            "process-pool",
            "ProcessPoolExecutor: CPU-bound work in processes",
            "Multiprocessing",
            "A ProcessPoolExecutor keeps a few worker processes. Each has its own interpreter, "
            "so CPU-bound Python code runs truly in parallel, with no GIL to share. The price: "
            "the function and its arguments are pickled and sent to a worker, and the result "
            "sent back. map(fn, inputs, chunksize=k) sends k inputs per message, so tiny tasks "
            "do not drown in messages.",
            "Each worker process is a group of lanes. Every call is an arrow from the pool's "
            "call queue to the worker that took it, which runs it (task start .. task end) and "
            "answers on its result pipe, an arrow back to the pool's manager lane, which fills "
            "the future. With a larger chunksize there are fewer, longer calls.",
            "from concurrent.futures import ProcessPoolExecutor\n"
            "\n"
            "def sum_squares(n):\n"
            "    return sum(i * i for i in range(1, n + 1))\n"
            "\n"
            "if __name__ == '__main__':\n"
            "    sizes = [1_000_000 + x for x in range(20)]\n"
            "    with ProcessPoolExecutor(max_workers=2) as pool:\n"
            "        results = list(pool.map(sum_squares, sizes, chunksize=1))\n"
            "    for n, s in zip(sizes, results):\n"
            "        assert s == n * (n + 1) * (2 * n + 1) // 6\n",
            {
                ParamSpec::integer("workers", 2, 1, 16, "max_workers: worker processes"),
                ParamSpec::integer("count", 20, 1, 10000, "how many sums (calls of map)"),
                ParamSpec::integer("size", 1000000, 1, 3000000,
                                   "the first n; the sizes are size, size+1, ..."),
                ParamSpec::integer("chunksize", 1, 1, 10000, "inputs sent per message"),
            }};
        return i;
    }

    Outcome run(Session& session, const Params& params) const override {
        const auto workers = params.integer("workers");
        const auto count = params.integer("count");
        const auto size = params.integer("size");
        const auto chunksize = params.integer("chunksize");
        if (size + count - 1 > 3000000)
            throw ParamError("parameter 'size': size + count - 1 must be at most 3000000 (the "
                             "sum must fit 64 bits); allowed: an integer in 1..3000000");

        std::vector<std::string> sizes;
        for (std::int64_t k = 0; k < count; ++k)
            sizes.push_back(std::to_string(size + k));

        process::ProcessPoolExecutor pool(session, static_cast<std::size_t>(workers), "pool");
        std::vector<std::string> results =
            pool.map("pool.sum_squares", sizes, static_cast<std::size_t>(chunksize)).to_vector();
        const std::size_t started = pool.worker_count();
        pool.shutdown(true);

        std::int64_t wrong = 0;
        for (std::int64_t k = 0; k < count; ++k) {
            const auto n = static_cast<unsigned __int128>(size + k);
            const auto expected = static_cast<std::int64_t>(n * (n + 1) * (2 * n + 1) / 6);
            wrong += process::parse_int(results[std::size_t(k)]) != expected;
        }
        const std::int64_t calls = (count + chunksize - 1) / chunksize;
        Outcome o;
        o.values["count"] = count;
        o.values["collected"] = results.size();
        o.values["wrong"] = wrong;
        o.values["calls"] = calls;
        o.values["chunksize"] = chunksize;
        o.values["workers_started"] = started;
        o.values["last_sum"] = results.empty() ? "" : results.back();
        o.ok =
            wrong == 0 && results.size() == std::size_t(count) && started <= std::size_t(workers);
        o.message =
            o.ok ? "all " + std::to_string(count) +
                       " sums of squares match n(n+1)(2n+1)/6; computed in " +
                       std::to_string(started) + " worker process(es), " + std::to_string(calls) +
                       " call(s) of up to " + std::to_string(chunksize) + " input(s)"
                 : std::to_string(wrong) + " of " + std::to_string(count) + " sums are wrong";
        return o;
    }
};

} // namespace

std::unique_ptr<Scenario> make_process_pool() {
    return std::make_unique<ProcessPool>();
}

} // namespace il::scenarios
