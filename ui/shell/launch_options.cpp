#include "shell/launch_options.h"

#include "charts/chart_data.h"
#include "scenario/catalog.h"
#include "scenario/param.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QImageWriter>

namespace il::ui {

namespace {
QString english(const char* text) {
    return QCoreApplication::translate("il::ui::LaunchOptions", text);
}

QString scenario_ids() {
    QStringList ids;
    for (const auto& s : scenario::catalog())
        ids << QString::fromStdString(s->info().id);
    return ids.join(", ");
}
} // namespace

QString launch_usage() {
    return english(
        "usage: interleave-gui [--scenario ID [name=value ...]] [--run] "
        "[--open FILE.ilrun] [--chart KIND] [--screenshot FILE.png] [--lang en|zh_CN]\n"
        "  --scenario ID        open on this scenario (interleave list shows them)\n"
        "  name=value           set a parameter of that scenario\n"
        "  --run                run it at once\n"
        "  --open FILE          show a saved run (File > Save run, interleave run --save)\n"
        "  --chart KIND         then show this chart: utilisation, lock-wait, lock-hold, "
        "queue-fill, throughput, models\n"
        "  --screenshot FILE    when the run ends (or at once without --run), save the "
        "window as an image and quit\n"
        "  --lang LANG          user interface language: en or zh_CN\n");
}

LaunchParse parse_launch_options(const QStringList& args) {
    LaunchOptions o;
    auto fail = [](QString message) { return LaunchParse{std::nullopt, std::move(message)}; };
    for (int i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        auto value = [&]() -> std::optional<QString> {
            if (i + 1 >= args.size() || args[i + 1].startsWith("--"))
                return std::nullopt;
            return args[++i];
        };
        if (a == "--help" || a == "-h") {
            o.help = true;
        } else if (a == "--run") {
            o.run = true;
        } else if (a == "--scenario") {
            auto v = value();
            if (!v)
                return fail(
                    english("--scenario needs a scenario id; one of: %1").arg(scenario_ids()));
            o.scenario = *v;
        } else if (a == "--screenshot") {
            auto v = value();
            if (!v)
                return fail(
                    english("--screenshot needs a file name, e.g. --screenshot window.png"));
            o.screenshot = *v;
        } else if (a == "--open") {
            auto v = value();
            if (!v)
                return fail(english("--open needs a saved run, e.g. --open counter.ilrun"));
            o.open = *v;
        } else if (a == "--chart") {
            auto v = value();
            const auto kind = v ? chart_kind_from_name(v->toStdString()) : std::nullopt;
            if (!kind || is_sweep_kind(*kind))
                return fail(english("--chart takes one of: %1")
                                .arg(QString::fromStdString(kind_names(run_chart_kinds()))));
            o.chart = *v;
        } else if (a == "--lang") {
            auto v = value();
            if (!v || (*v != "en" && *v != "zh_CN"))
                return fail(english("--lang takes en or zh_CN"));
            o.language = *v;
        } else if (a.startsWith("-")) {
            return fail(english("unknown option '%1'\n%2").arg(a, launch_usage()));
        } else if (a.contains('=')) {
            o.assignments << a;
        } else {
            return fail(english("unexpected argument '%1': parameters are written name=value\n%2")
                            .arg(a, launch_usage()));
        }
    }
    if (!o.assignments.isEmpty() && o.scenario.isEmpty())
        return fail(english("parameters (%1) need --scenario ID").arg(o.assignments.join(' ')));
    if (!o.scenario.isEmpty()) {
        const scenario::Scenario* s = scenario::find_scenario(o.scenario.toStdString());
        if (!s)
            return fail(
                english("unknown scenario '%1'; one of: %2").arg(o.scenario, scenario_ids()));
        std::vector<std::string> list;
        for (const QString& x : o.assignments)
            list.push_back(x.toStdString());
        try {
            scenario::parse_params(s->info().params, list);
        } catch (const scenario::ParamError& e) {
            return fail(QString::fromStdString(e.what()));
        }
    }
    if (o.run && !o.open.isEmpty())
        return fail(english("--run and --open exclude each other: run a scenario or show a "
                            "saved run"));
    if (o.run && o.scenario.isEmpty() && !o.help)
        return fail(english("--run needs --scenario ID; one of: %1").arg(scenario_ids()));
    if (!o.screenshot.isEmpty()) {
        const QByteArray suffix = QFileInfo(o.screenshot).suffix().toLower().toLatin1();
        if (suffix.isEmpty() || !QImageWriter::supportedImageFormats().contains(suffix))
            return fail(english("--screenshot '%1': the file name must end in an image format "
                                "such as .png or .jpg")
                            .arg(o.screenshot));
    }
    return LaunchParse{o, {}};
}

} // namespace il::ui
