#include "webserver/model.h"

namespace il::webserver {

std::string_view model_name(Model m) {
    switch (m) {
    case Model::Thread:
        return "thread";
    case Model::Pool:
        return "pool";
    case Model::Async:
        return "async";
    }
    return "?";
}

std::optional<Model> parse_model(std::string_view name) {
    for (Model m : all_models())
        if (model_name(m) == name)
            return m;
    return std::nullopt;
}

const std::vector<Model>& all_models() {
    static const std::vector<Model> all{Model::Thread, Model::Pool, Model::Async};
    return all;
}

} // namespace il::webserver
