#include "model/run_model.h"

namespace il::ui {

RunModel::RunModel(QObject* parent) : QObject(parent), data_(std::make_shared<RunData>()) {}

void RunModel::setData(RunDataPtr data) {
    data_ = data ? std::move(data) : std::make_shared<RunData>();
    emit dataChanged();
}

void RunModel::clear() {
    setData(nullptr);
}

} // namespace il::ui
