#include "content/document.h"

namespace brief {

const char* to_string(Kind k) {
    return enum_name(kKindNames, k, "news");
}

const char* to_string(Layer l) {
    return enum_name(kLayerNames, l, "");
}

const char* to_string(Likelihood l) {
    return enum_name(kLikelihoodNames, l, "possible");
}

const char* to_string(Horizon h) {
    return enum_name(kHorizonNames, h, "months");
}

const std::vector<std::string>& kind_names() {
    static const std::vector<std::string> names = enum_names(kKindNames);
    return names;
}

const std::vector<std::string>& layer_names() {
    static const std::vector<std::string> names = enum_names(kLayerNames);
    return names;
}

Layer parse_layer(std::string_view s) {
    return enum_value(kLayerNames, s).value_or(Layer::none);
}

}  // namespace brief
