#include "analysis/diagnose.h"

#include "analysis/liveness.h"
#include "analysis/loop_stalls.h"
#include "analysis/wait_for_graph.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace il::analysis {

namespace {
using Key = std::tuple<std::string, std::vector<trace::LaneId>, std::vector<trace::ObjectId>>;

Key key_of(const Diagnostic& d) {
    Key k{d.kind, d.lanes, d.objects};
    std::sort(std::get<1>(k).begin(), std::get<1>(k).end());
    std::sort(std::get<2>(k).begin(), std::get<2>(k).end());
    return k;
}
} // namespace

bool same_finding(const Diagnostic& a, const Diagnostic& b) {
    return key_of(a) == key_of(b);
}

std::vector<Diagnostic> diagnose(const trace::Snapshot& snapshot, const Summary& summary) {
    std::vector<Diagnostic> all = find_deadlocks(snapshot);
    std::vector<Diagnostic> live = find_liveness_issues(snapshot, summary);
    all.insert(all.end(), std::make_move_iterator(live.begin()),
               std::make_move_iterator(live.end()));
    std::vector<Diagnostic> loops = find_loop_issues(snapshot);
    all.insert(all.end(), std::make_move_iterator(loops.begin()),
               std::make_move_iterator(loops.end()));
    std::stable_sort(all.begin(), all.end(),
                     [](const Diagnostic& a, const Diagnostic& b) { return a.t_ns < b.t_ns; });

    std::set<Key> seen;
    std::vector<Diagnostic> out;
    for (Diagnostic& d : all) {
        if (seen.insert(key_of(d)).second)
            out.push_back(std::move(d));
    }
    return out;
}

} // namespace il::analysis
