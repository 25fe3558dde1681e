// The application around the window: applies the language, creates the main
// window (again, when the user picks another language: every string is
// rebuilt), and carries out the command line (run, screenshot, quit).
// GUI thread only.
#pragma once

#include "shell/launch_options.h"

#include <QObject>
#include <QPointer>

namespace il::ui {

class MainWindow;

class AppShell : public QObject {
    Q_OBJECT
public:
    explicit AppShell(LaunchOptions options, QObject* parent = nullptr);
    ~AppShell() override;

    // Shows the window and starts what the command line asked for.
    void start();
    MainWindow* window() const;
    void switchLanguage(const QString& language);

signals:
    // The command line's work is done (screenshot saved or failed): quit with this code.
    void finished(int exit_code);

private:
    void create_window();
    void take_screenshot();

    LaunchOptions options_;
    QPointer<MainWindow> window_;
};

} // namespace il::ui
