// One factory per scenario file; scenario/catalog.cpp lists them in order.
#pragma once

#include "scenario/scenario.h"

#include <memory>

namespace il::scenarios {

std::unique_ptr<scenario::Scenario> make_counter();
std::unique_ptr<scenario::Scenario> make_thread_pool();
std::unique_ptr<scenario::Scenario> make_semaphore();
std::unique_ptr<scenario::Scenario> make_condition_buffer();
std::unique_ptr<scenario::Scenario> make_event_pingpong();
std::unique_ptr<scenario::Scenario> make_producer_consumer();
// -- classic problems A --
std::unique_ptr<scenario::Scenario> make_dining_philosophers();
std::unique_ptr<scenario::Scenario> make_lock_order_inversion();
std::unique_ptr<scenario::Scenario> make_rlock_reentry();
std::unique_ptr<scenario::Scenario> make_readers_writers();
std::unique_ptr<scenario::Scenario> make_lost_wakeup();
// -- classic problems B --
std::unique_ptr<scenario::Scenario> make_check_then_act();
std::unique_ptr<scenario::Scenario> make_sleeping_barber();
std::unique_ptr<scenario::Scenario> make_barrier_phases();
std::unique_ptr<scenario::Scenario> make_lock_convoy();
std::unique_ptr<scenario::Scenario> make_thundering_herd();
// -- proc --
std::unique_ptr<scenario::Scenario> make_process_sum();
std::unique_ptr<scenario::Scenario> make_shared_counter();
std::unique_ptr<scenario::Scenario> make_isolation();
std::unique_ptr<scenario::Scenario> make_pipe_pingpong();
// -- pool --
std::unique_ptr<scenario::Scenario> make_process_pool();
std::unique_ptr<scenario::Scenario> make_data_processor();
// -- coro --
std::unique_ptr<scenario::Scenario> make_async_gather();
std::unique_ptr<scenario::Scenario> make_async_timer();
std::unique_ptr<scenario::Scenario> make_blocking_in_loop();
std::unique_ptr<scenario::Scenario> make_async_producer_consumer();
std::unique_ptr<scenario::Scenario> make_timeouts_and_cancellation();
// -- net --
std::unique_ptr<scenario::Scenario> make_async_crawler();
std::unique_ptr<scenario::Scenario> make_sync_vs_async();
// -- perf --
std::unique_ptr<scenario::Scenario> make_performance_comparison();
std::unique_ptr<scenario::Scenario> make_concurrency_vs_parallelism();
// -- download --
std::unique_ptr<scenario::Scenario> make_downloader();
// -- webserver --
std::unique_ptr<scenario::Scenario> make_web_server();

} // namespace il::scenarios
