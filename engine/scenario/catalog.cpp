#include "scenario/catalog.h"

#include "scenarios/all.h"

#include <algorithm>

namespace il::scenario {

const std::vector<std::unique_ptr<Scenario>>& catalog() {
    static const std::vector<std::unique_ptr<Scenario>> all = [] {
        std::vector<std::unique_ptr<Scenario>> v;
        v.push_back(scenarios::make_counter());
        v.push_back(scenarios::make_thread_pool());
        v.push_back(scenarios::make_semaphore());
        v.push_back(scenarios::make_condition_buffer());
        v.push_back(scenarios::make_event_pingpong());
        v.push_back(scenarios::make_producer_consumer());
        // -- classic problems A --
        v.push_back(scenarios::make_dining_philosophers());
        v.push_back(scenarios::make_lock_order_inversion());
        v.push_back(scenarios::make_rlock_reentry());
        v.push_back(scenarios::make_readers_writers());
        v.push_back(scenarios::make_lost_wakeup());
        // -- classic problems B --
        v.push_back(scenarios::make_check_then_act());
        v.push_back(scenarios::make_sleeping_barber());
        v.push_back(scenarios::make_barrier_phases());
        v.push_back(scenarios::make_lock_convoy());
        v.push_back(scenarios::make_thundering_herd());
        // -- proc --
        v.push_back(scenarios::make_process_sum());
        v.push_back(scenarios::make_shared_counter());
        v.push_back(scenarios::make_isolation());
        v.push_back(scenarios::make_pipe_pingpong());
        // -- pool --
        v.push_back(scenarios::make_process_pool());
        v.push_back(scenarios::make_data_processor());
        // -- coro --
        v.push_back(scenarios::make_async_gather());
        v.push_back(scenarios::make_async_timer());
        v.push_back(scenarios::make_blocking_in_loop());
        v.push_back(scenarios::make_async_producer_consumer());
        v.push_back(scenarios::make_timeouts_and_cancellation());
        // -- net --
        v.push_back(scenarios::make_async_crawler());
        v.push_back(scenarios::make_sync_vs_async());
        // -- perf --
        v.push_back(scenarios::make_performance_comparison());
        v.push_back(scenarios::make_concurrency_vs_parallelism());
        // -- download --
        v.push_back(scenarios::make_downloader());
        // -- webserver --
        v.push_back(scenarios::make_web_server());
        return v;
    }();
    return all;
}

std::vector<std::string> chapters() {
    std::vector<std::string> order{"Concepts",         "Threading",          "Multiprocessing",
                                   "Asyncio",          "concurrent.futures", "Primitives",
                                   "Classic problems", "Practice projects"};
    for (const auto& s : catalog())
        if (std::find(order.begin(), order.end(), s->info().chapter) == order.end())
            order.push_back(s->info().chapter);
    return order;
}

const Scenario* find_scenario(std::string_view id) {
    for (const auto& s : catalog())
        if (s->info().id == id)
            return s.get();
    return nullptr;
}

} // namespace il::scenario
