// Saves a widget as an image file, atomically: the file appears whole or
// not at all. GUI thread only.
#pragma once

#include <QString>

class QWidget;

namespace il::ui {

// false with `error` naming the file and the reason when it cannot be written.
bool save_widget_image(QWidget* widget, const QString& path, QString* error);

} // namespace il::ui
