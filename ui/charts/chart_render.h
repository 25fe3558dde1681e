// Draws a ChartData as a Qt Charts QChart: axes titled with units, series
// coloured (lane states in their timeline colours), light or dark theme.
// Holds nothing; the chart it returns owns its series and axes. GUI thread
// (needs a QApplication: QChart is a QGraphicsWidget).
#pragma once

#include "charts/chart_data.h"

class QChart;

namespace il::ui {

// A new chart the caller owns (or hands to a QChartView). `dark` picks the
// dark theme; chart_dark() says which the application palette asks for.
QChart* make_chart(const ChartData& data, bool dark);
// True when the application palette's window is dark (as the other views
// decide, style/colors.h).
bool chart_dark();

} // namespace il::ui
