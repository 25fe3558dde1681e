// A small key to the timeline's colours: lane states, what blocked spans wait
// on, the lock-held strip and the kinds of cause -> effect arrows. Reads only
// colors.h; rebuilds its swatches when the palette changes. GUI thread only.
#pragma once

#include <QWidget>

class QGridLayout;

namespace il::ui {

class TimelineLegend : public QWidget {
    Q_OBJECT
public:
    explicit TimelineLegend(QWidget* parent = nullptr);

protected:
    void changeEvent(QEvent* e) override;

private:
    void populate();

    QGridLayout* grid_;
};

} // namespace il::ui
