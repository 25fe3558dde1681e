// What interleave-gui was asked to do on its command line: open on a
// scenario with parameters, run it, save a screenshot and quit. Parsed and
// checked before any window exists, so a mistake is a message, not a window.
// Plain values; no thread-safety needs.
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace il::ui {

struct LaunchOptions {
    QString scenario;        // empty: the last one used (settings) or the default
    QStringList assignments; // "name=value", already validated against the scenario
    bool run = false;        // start the scenario at once
    QString open;            // a saved run (.ilrun) to show at once
    QString chart;           // after the run or open: show this chart kind ("models", ...)
    QString screenshot;      // after the run (or at once): save the window here and quit
    QString language;        // "", "en" or "zh_CN"
    bool help = false;
};

struct LaunchParse {
    std::optional<LaunchOptions> options; // set when the arguments are valid
    QString error;                        // otherwise: what was wrong and what is allowed
};

// `args` without the program name.
LaunchParse parse_launch_options(const QStringList& args);
QString launch_usage();

} // namespace il::ui
