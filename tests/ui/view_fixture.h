// What the view tests share: a real scenario run wrapped as RunData, a view
// of it with its own model and time window, and a "something was drawn"
// check for grab()s. Header-only; each test executable includes it once.
#pragma once

#include "model/run_data.h"
#include "model/run_model.h"
#include "model/time_window.h"
#include "scenario/catalog.h"
#include "scenario/runner.h"

#include <QImage>

#include <string>
#include <vector>

namespace il::test {

// Runs scenario `id` with "name=value" params to its end; nullptr for an unknown id.
inline ui::RunDataPtr run_data(const char* id, const std::vector<std::string>& params) {
    const scenario::Scenario* s = scenario::find_scenario(id);
    if (!s)
        return nullptr;
    return ui::make_run_data(
        scenario::run_scenario(*s, scenario::parse_params(s->info().params, params), {}), "");
}

// More than one colour: something was drawn.
inline bool drawn(const QImage& img) {
    if (img.isNull())
        return false;
    const QRgb first = img.pixel(0, 0);
    for (int y = 0; y < img.height(); y += 3)
        for (int x = 0; x < img.width(); x += 3)
            if (img.pixel(x, y) != first)
                return true;
    return false;
}

inline trace::ObjectId first_object(const trace::Snapshot& s, trace::ObjectKind kind) {
    for (const auto& o : s.objects)
        if (o.id && o.kind == kind)
            return o.id;
    return 0;
}

// A shown View(RunModel*, TimeWindow*) on `data`, its window over the whole run.
template <class View> struct ViewFixture {
    ui::RunModel model;
    ui::TimeWindow window;
    View view{&model, &window};
    ViewFixture(ui::RunDataPtr data, QSize size) {
        model.setData(data);
        window.setRange(data->summary.range.begin, data->summary.range.end);
        view.resize(size);
        view.show();
    }
};

} // namespace il::test
