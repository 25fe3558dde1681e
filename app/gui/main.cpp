#include "main_window.h"
#include <QApplication>
int main(int argc, char** argv) {
    QApplication app(argc, argv);
    il::ui::MainWindow w;
    w.show();
    return app.exec();
}
