// Saving the shown run to a file and opening saved runs (File > Save run,
// Open run): the file dialogs, the work off the GUI thread (reading and
// analysing a big run takes a while) and the errors a user can act on.
// GUI thread only.
#pragma once

#include "model/run_data.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>

class QWidget;

namespace il::ui {

class RunFiles : public QObject {
    Q_OBJECT
public:
    explicit RunFiles(QWidget* dialog_parent);
    ~RunFiles() override;

    // Asks where, then saves `data` (a finished run). Errors in a message box.
    void saveAs(const RunDataPtr& data);
    // Asks which file, then opens it off the GUI thread: opened() or failed().
    void openWithDialog();
    // Opens `path` off the GUI thread (also for tests and the command line).
    void open(const QString& path);
    bool isOpening() const { return watcher_.isRunning(); }

    // Why `data` cannot be saved (live, or nothing run yet), or empty.
    static QString whyNotSavable(const RunData& data);
    // Synchronous versions; throw with a message naming the file and the problem.
    static void save(const RunData& data, const QString& path);
    static RunDataPtr load(const QString& path);

signals:
    void saved(const QString& path);
    void opened(il::ui::RunDataPtr data, const QString& path);
    void failed(const QString& path, const QString& message);

private:
    QWidget* parent_;
    QString opening_;
    QFutureWatcher<RunDataPtr> watcher_;
    QString error_; // set by the worker before it returns null
};

} // namespace il::ui
