#include "shell/screenshot.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QImageWriter>
#include <QPixmap>
#include <QSaveFile>
#include <QWidget>

namespace il::ui {

bool save_widget_image(QWidget* widget, const QString& path, QString* error) {
    auto fail = [&](const QString& why) {
        if (error)
            *error = QCoreApplication::translate("il::ui::Screenshot", "cannot write '%1': %2")
                         .arg(path, why);
        return false;
    };
    const QByteArray format = QFileInfo(path).suffix().toLower().toLatin1();
    if (!QImageWriter::supportedImageFormats().contains(format))
        return fail(QCoreApplication::translate("il::ui::Screenshot",
                                                "unknown image format '%1' (use .png or .jpg)")
                        .arg(QString::fromLatin1(format)));
    const QImage image = widget->grab().toImage();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(file.errorString());
    QImageWriter writer(&file, format);
    if (!writer.write(image)) {
        file.cancelWriting();
        return fail(writer.errorString());
    }
    if (!file.commit())
        return fail(file.errorString());
    return true;
}

} // namespace il::ui
