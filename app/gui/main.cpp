// interleave-gui: the desktop app.
#include "shell/app_shell.h"
#include "shell/launch_options.h"

#include <QApplication>

#include <cstdio>
#include <cstdlib>

int main(int argc, char** argv) {
    QStringList args;
    for (int i = 1; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    // Checked before Qt starts: a mistake is a message, even without a display.
    const il::ui::LaunchParse parsed = il::ui::parse_launch_options(args);
    if (!parsed.options) {
        std::fprintf(stderr, "interleave-gui: %s\n", qPrintable(parsed.error));
        return 2;
    }
    if (parsed.options->help) {
        std::fprintf(stdout, "%s", qPrintable(il::ui::launch_usage()));
        return 0;
    }
    // Qt aborts with a cryptic message when it finds no display; say what is
    // wrong and what to do instead.
    const char* platform = std::getenv("QT_QPA_PLATFORM");
    if (!std::getenv("DISPLAY") && !std::getenv("WAYLAND_DISPLAY") && (!platform || !*platform)) {
        std::fprintf(
            stderr,
            "interleave-gui: no display found (DISPLAY and WAYLAND_DISPLAY are unset).\n"
            "  Run a scenario headless instead:  interleave run producer-consumer\n"
            "  or start the window off-screen:   QT_QPA_PLATFORM=offscreen interleave-gui\n");
        return 2;
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName("Interleave");
    QApplication::setOrganizationName("Interleave");
    il::ui::AppShell shell(*parsed.options);
    QObject::connect(&shell, &il::ui::AppShell::finished, &app, &QApplication::exit);
    shell.start();
    return app.exec();
}
