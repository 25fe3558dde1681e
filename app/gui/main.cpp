// interleave-gui: the desktop app.
#include "main_window.h"

#include <QApplication>

#include <cstdio>
#include <cstdlib>

int main(int argc, char** argv) {
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
    il::ui::MainWindow w;
    w.show();
    return app.exec();
}
