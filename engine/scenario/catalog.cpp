#include "scenario/catalog.h"

#include "scenarios/all.h"

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
        return v;
    }();
    return all;
}

const Scenario* find_scenario(std::string_view id) {
    for (const auto& s : catalog())
        if (s->info().id == id)
            return s.get();
    return nullptr;
}

} // namespace il::scenario
