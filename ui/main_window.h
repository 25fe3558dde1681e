// The desktop app's window. For now: the scenario list, what the selected
// scenario teaches with its Python sketch, and Run, which runs it off the GUI
// thread and shows the outcome. The timeline, lock and queue views come with
// the desktop-app issue; they will read the same trace snapshots.
#pragma once

#include "scenario/runner.h"

#include <QFutureWatcher>
#include <QMainWindow>

class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTextBrowser;
class QLabel;

namespace il::ui {

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

private:
    void show_scenario(int row);
    void run_selected();
    void run_finished();

    QListWidget* list_ = nullptr;
    QTextBrowser* about_ = nullptr;
    QPlainTextEdit* python_ = nullptr;
    QPushButton* run_ = nullptr;
    QPushButton* stop_ = nullptr;
    QLabel* outcome_ = nullptr;
    std::stop_source stop_source_;
    QFutureWatcher<scenario::RunResult> watcher_;
};

} // namespace il::ui
