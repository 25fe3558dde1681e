// The run every view shows: holds the current RunData and says when it is
// replaced (a new run, a live update, the final result). Views keep the
// pointer they were given until the next change. GUI thread only.
#pragma once

#include "model/run_data.h"

#include <QObject>

namespace il::ui {

class RunModel : public QObject {
    Q_OBJECT
public:
    explicit RunModel(QObject* parent = nullptr);

    // Never null: an empty run before the first one.
    const RunDataPtr& data() const { return data_; }
    void setData(RunDataPtr data);
    void clear();

signals:
    void dataChanged();

private:
    RunDataPtr data_;
};

} // namespace il::ui
