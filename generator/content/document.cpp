#include "content/document.h"

namespace brief {

const char* to_string(Kind k) {
    switch (k) {
        case Kind::news:
            return "news";
        case Kind::analysis:
            return "analysis";
        case Kind::guide:
            return "guide";
        case Kind::explainer:
            return "explainer";
    }
    return "news";
}

const char* to_string(Layer l) {
    switch (l) {
        case Layer::none:
            return "";
        case Layer::silicon_roadmap:
            return "silicon-roadmap";
        case Layer::cloud_packaging:
            return "cloud-packaging";
        case Layer::efficiency:
            return "efficiency";
        case Layer::policy_export:
            return "policy-export";
    }
    return "";
}

const char* to_string(Likelihood l) {
    switch (l) {
        case Likelihood::very_likely:
            return "very-likely";
        case Likelihood::likely:
            return "likely";
        case Likelihood::possible:
            return "possible";
        case Likelihood::unlikely:
            return "unlikely";
    }
    return "possible";
}

const char* to_string(Horizon h) {
    switch (h) {
        case Horizon::weeks:
            return "weeks";
        case Horizon::months:
            return "months";
        case Horizon::years:
            return "years";
    }
    return "months";
}

const std::vector<std::string>& layer_names() {
    static const std::vector<std::string> names = {"silicon-roadmap", "cloud-packaging",
                                                   "efficiency", "policy-export"};
    return names;
}

Layer parse_layer(std::string_view s) {
    if (s == "silicon-roadmap") return Layer::silicon_roadmap;
    if (s == "cloud-packaging") return Layer::cloud_packaging;
    if (s == "efficiency") return Layer::efficiency;
    if (s == "policy-export") return Layer::policy_export;
    return Layer::none;
}

}  // namespace brief
