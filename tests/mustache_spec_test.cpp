// The Mustache specification's required modules, read from its own spec-format JSON files
// (tests/fixtures/mustache-spec/), rendered by Brief's engine.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>

#include "render/mustache.h"

namespace {

using brief::Value;
using brief::mustache::Template;
using nlohmann::json;

const std::filesystem::path kSpec = std::filesystem::path(BRIEF_TEST_FIXTURES) / "mustache-spec";
json read_module(const std::string& module) {
    std::ifstream in(kSpec / (module + ".json"));
    REQUIRE(in);
    json doc = json::parse(in);
    REQUIRE(doc.contains("tests"));
    REQUIRE_FALSE(doc["tests"].empty());
    return doc["tests"];
}

// Numbers become the text the spec expects them to print as (85, 1.21).
Value to_value(const json& j) {
    switch (j.type()) {
        case json::value_t::object: {
            brief::ValueObject o;
            for (const auto& [k, v] : j.items()) o.set(k, to_value(v));
            return Value(std::move(o));
        }
        case json::value_t::array: {
            brief::ValueList l;
            for (const auto& v : j) l.push_back(to_value(v));
            return Value(std::move(l));
        }
        case json::value_t::string:
            return Value(j.get<std::string>());
        case json::value_t::boolean:
            return Value(j.get<bool>());
        case json::value_t::null:
            return Value();
        default:
            return Value(j.dump());
    }
}

// The case rendered by Brief's engine, or its parse error.
std::string render_brief(const json& c) {
    std::map<std::string, std::shared_ptr<const Template>, std::less<>> partials;
    if (c.contains("partials")) {
        for (const auto& [name, text] : c["partials"].items()) {
            auto p = Template::parse(text.get<std::string>());
            if (!p.ok()) return "partial error: " + p.error.message;
            partials[name] = p.tmpl;
        }
    }
    auto t = Template::parse(c["template"].get<std::string>());
    if (!t.ok()) return "template error: " + t.error.message;
    return t.tmpl->render(to_value(c["data"]), [&](std::string_view name) -> const Template* {
        auto it = partials.find(name);
        return it == partials.end() ? nullptr : it->second.get();
    });
}

void check_module(const std::string& module) {
    const json cases = read_module(module);
    for (const auto& c : cases) {
        INFO(module << ": " << c["name"].get<std::string>() << " — " << c.value("desc", ""));
        INFO("template: " << json(c["template"]).dump());
        CHECK(json(render_brief(c)).dump() == json(c["expected"]).dump());
    }
}

}  // namespace

TEST_CASE("the engine passes the spec's comments module", "[mustache][spec]") {
    check_module("comments");
}

TEST_CASE("the engine passes the spec's delimiters module", "[mustache][spec]") {
    check_module("delimiters");
}

TEST_CASE("the engine passes the spec's interpolation module", "[mustache][spec]") {
    check_module("interpolation");
}

TEST_CASE("the engine passes the spec's inverted module", "[mustache][spec]") {
    check_module("inverted");
}

TEST_CASE("the engine passes the spec's partials module", "[mustache][spec]") {
    check_module("partials");
}

TEST_CASE("the engine passes the spec's sections module", "[mustache][spec]") {
    check_module("sections");
}
