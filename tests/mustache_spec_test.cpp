// The Mustache specification's required modules, read from its own spec-format JSON files
// (tests/fixtures/mustache-spec/), rendered by Brief's engine; and, for the record, by kainjow.

#include <catch2/catch.hpp>
#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

#include "render/mustache.h"

namespace {

using brief::Value;
using brief::mustache::Template;
using nlohmann::json;

const std::filesystem::path kSpec = std::filesystem::path(BRIEF_TEST_FIXTURES) / "mustache-spec";
const char* const kModules[] = {"comments", "delimiters", "interpolation",
                                "inverted", "partials",   "sections"};

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

kainjow::mustache::data to_kainjow(const json& j) {
    using kainjow::mustache::data;
    switch (j.type()) {
        case json::value_t::object: {
            data o(data::type::object);
            for (const auto& [k, v] : j.items()) o.set(k, to_kainjow(v));
            return o;
        }
        case json::value_t::array: {
            data l(data::type::list);
            for (const auto& v : j) l.push_back(to_kainjow(v));
            return l;
        }
        case json::value_t::string:
            return data(j.get<std::string>());
        case json::value_t::boolean:
            return data(j.get<bool>());
        case json::value_t::null:
            return data(false);
        default:
            return data(j.dump());
    }
}

// kainjow finds partials in the data: they go into the root object.
std::string render_kainjow(const json& c) {
    kainjow::mustache::data d = to_kainjow(c["data"]);
    if (c.contains("partials") && d.is_object()) {
        for (const auto& [name, text] : c["partials"].items()) {
            const std::string body = text.get<std::string>();
            d.set(name, kainjow::mustache::partial([body] { return body; }));
        }
    }
    kainjow::mustache::mustache t(c["template"].get<std::string>());
    if (!t.is_valid()) return "template error: " + t.error_message();
    std::string out = t.render(d);
    if (!t.is_valid()) return "render error: " + t.error_message();
    return out;
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

// Not an assertion about kainjow: the count is printed so the switch can be weighed.
TEST_CASE("kainjow and Brief's engine on the same spec cases, counted", "[mustache][kainjow]") {
    int total = 0, ours = 0, theirs = 0;
    for (const char* module : kModules) {
        const json cases = read_module(module);
        int n = 0, a = 0, b = 0;
        for (const auto& c : cases) {
            ++n;
            const std::string want = c["expected"].get<std::string>();
            if (render_brief(c) == want) ++a;
            if (render_kainjow(c) == want) {
                ++b;
            } else {
                std::cout << "kainjow fails " << module << ": " << c["name"].get<std::string>()
                          << "\n";
            }
        }
        std::cout << module << ": " << n << " cases, Brief passes " << a << ", kainjow " << b
                  << "\n";
        total += n;
        ours += a;
        theirs += b;
    }
    std::cout << "all: " << total << " cases, Brief passes " << ours << ", kainjow " << theirs
              << "\n";
    CHECK(ours == total);
}
