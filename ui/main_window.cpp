#include "main_window.h"
namespace il::ui {
MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle("Interleave");
}
} // namespace il::ui
