// `event-pingpong`: two lanes take strict turns through two Events.
#include "scenarios/all.h"

#include "scenarios/lanes.h"
#include "sync/event.h"
#include "sync/shared_variable.h"

namespace il::scenarios {

namespace {

using namespace il::scenario;

class EventPingPong final : public Scenario {
public:
    const ScenarioInfo& info() const override {
        static const ScenarioInfo i{
            "event-pingpong",
            "Event: ping-pong between two threads",
            "Primitives",
            "An Event is a flag lanes can wait for. set() wakes every waiter; clear() lowers "
            "it again. Two Events make two lanes take strict turns: each waits for its own "
            "event, clears it, does its step and sets the other's.",
            "The two lanes alternate: one runs while the other is blocked on its event, and "
            "every set -> wake arrow crosses from one lane to the other. The shared `ball` "
            "is only ever written by the lane whose turn it is.",
            "import threading\n"
            "\n"
            "ping, pong = threading.Event(), threading.Event()\n"
            "\n"
            "def player(mine, other, name, rounds):\n"
            "    for _ in range(rounds):\n"
            "        mine.wait()\n"
            "        mine.clear()\n"
            "        print(name)\n"
            "        other.set()\n"
            "\n"
            "a = threading.Thread(target=player, args=(ping, pong, 'ping', 10))\n"
            "b = threading.Thread(target=player, args=(pong, ping, 'pong', 10))\n"
            "a.start(); b.start()\n"
            "ping.set()  # serve\n"
            "a.join(); b.join()\n",
            {
                ParamSpec::integer("rounds", 10, 1, 100000, "turns each player takes"),
            }};
        return i;
    }

    Outcome run(Session& session, const Params& params) const override {
        const auto rounds = params.integer("rounds");
        sync::Event ping(session, "ping");
        sync::Event pong(session, "pong");
        sync::SharedVariable ball(session, "ball");
        std::vector<int> turns; // written only by the lane whose turn it is

        auto player = [&](sync::Event& mine, sync::Event& other, int who) {
            for (std::int64_t i = 0; i < rounds; ++i) {
                mine.wait();
                mine.clear();
                turns.push_back(who);
                ball.write(ball.read() + 1);
                other.set();
            }
        };
        LaneGroup lanes(session);
        lanes.start("ping", [&] { player(ping, pong, 0); });
        lanes.start("pong", [&] { player(pong, ping, 1); });
        ping.set();
        lanes.join_all();

        bool alternated = static_cast<std::int64_t>(turns.size()) == 2 * rounds;
        for (std::size_t i = 0; alternated && i < turns.size(); ++i)
            alternated = turns[i] == static_cast<int>(i % 2);
        Outcome o;
        o.values["rounds"] = rounds;
        o.values["turns"] = turns.size();
        o.values["alternated"] = alternated;
        o.values["lost_updates"] = ball.lost_updates();
        o.ok = alternated && ball.value() == 2 * rounds && ball.lost_updates() == 0;
        o.message = o.ok ? std::to_string(turns.size()) + " turns, strictly alternating"
                         : "the players did not alternate strictly";
        return o;
    }
};

} // namespace

std::unique_ptr<Scenario> make_event_pingpong() {
    return std::make_unique<EventPingPong>();
}

} // namespace il::scenarios
