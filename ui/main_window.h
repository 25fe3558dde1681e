// The desktop app's window: scenario browser, parameters and Run/Stop on the
// left; the timeline with its playback bar in the middle; the scenario's
// description, the lock and queue views on the right; event log, statistics
// and diagnostics below. Every view reads the one RunModel and TimeWindow.
// GUI thread only; a run happens off it (LiveRun).
#pragma once

#include "charts/chart_data.h"
#include "model/run_data.h"

#include <QMainWindow>

class QAction;
class QLabel;
class QPushButton;

namespace il::ui {

class ChartsView;
class DiagnosticsPanel;
class EventLogView;
class LiveRun;
class LockView;
class ParamForm;
class PlaybackBar;
class PlaybackController;
class QueueView;
class RunModel;
class RunFiles;
class ScenarioBrowser;
class ScenarioPage;
class StatsView;
class TimeWindow;
class TimelineView;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens on a scenario (unknown ids are ignored) with "name=value" params.
    void selectScenario(const QString& id, const QStringList& assignments = {});
    QString currentScenario() const;
    bool isRunning() const;
    // Shows a saved run (read off the GUI thread): runFinished or openFailed.
    void openRun(const QString& path);
    // Raises the charts dock on this kind (if the shown run has it).
    void showChart(ChartKind kind);

    RunModel* runModel() const { return run_model_; }
    TimeWindow* timeWindow() const { return window_; }
    PlaybackController* playback() const { return playback_; }

public slots:
    void run();  // F5
    void stop(); // Shift+F5

signals:
    void runFinished(); // a run ended or a saved run is shown
    void openFailed(const QString& message);
    // The user picked another language in the menu; the shell rebuilds the window.
    void languageChangeRequested(const QString& language);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void build_views();
    void build_docks();
    void build_actions();
    void show_scenario(const QString& id);
    void on_data();
    void on_finished();
    void update_status();
    void raise_object_view();
    void show_opened(RunDataPtr data, const QString& path);
    void export_trace();
    void export_csv();
    void export_timeline();
    void open_sweep();
    void compare_with_previous();
    void save_screenshot();
    void restore_settings();
    void save_settings() const;
    void remember_params() const; // the shown scenario's parameters, for next time

    RunModel* run_model_ = nullptr;
    TimeWindow* window_ = nullptr;
    LiveRun* live_ = nullptr;
    RunFiles* files_ = nullptr;
    RunFiles* compare_files_ = nullptr; // the saved run to compare the shown one with
    RunDataPtr previous_;               // the finished run shown before this one
    PlaybackController* playback_ = nullptr;

    ScenarioBrowser* browser_ = nullptr;
    ScenarioPage* page_ = nullptr;
    ParamForm* params_ = nullptr;
    QPushButton* run_button_ = nullptr;
    QPushButton* stop_button_ = nullptr;
    QLabel* outcome_ = nullptr;
    QLabel* events_label_ = nullptr;
    TimelineView* timeline_ = nullptr;
    PlaybackBar* playback_bar_ = nullptr;
    LockView* locks_ = nullptr;
    QueueView* queues_ = nullptr;
    EventLogView* events_ = nullptr;
    StatsView* stats_ = nullptr;
    DiagnosticsPanel* diagnostics_ = nullptr;
    ChartsView* charts_ = nullptr;

    QAction* run_action_ = nullptr;
    QAction* stop_action_ = nullptr;
    QString shown_scenario_;
    std::size_t shown_objects_ = 0; // objects in the live run when its view was chosen
};

} // namespace il::ui
