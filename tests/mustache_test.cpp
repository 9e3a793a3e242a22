// Brief's Mustache engine beyond the spec files: parse errors, the Value type and its hash,
// the choices the spec leaves open (made as Brief's output has always had them), threads.

#include <catch2/catch.hpp>

#include <map>
#include <thread>
#include <vector>

#include "render/mustache.h"

namespace {

using brief::Value;
using brief::ValueList;
using brief::ValueObject;
using brief::mustache::Template;

std::string render(const std::string& text, const Value& data,
                   const std::map<std::string, std::string, std::less<>>& partials = {}) {
    std::map<std::string, std::shared_ptr<const Template>, std::less<>> compiled;
    for (const auto& [name, body] : partials) {
        auto p = Template::parse(body);
        REQUIRE(p.ok());
        compiled[name] = p.tmpl;
    }
    auto t = Template::parse(text);
    REQUIRE(t.ok());
    return t.tmpl->render(data, [&](std::string_view name) -> const Template* {
        auto it = compiled.find(name);
        return it == compiled.end() ? nullptr : it->second.get();
    });
}

std::string error_of(const std::string& text) {
    auto t = Template::parse(text);
    REQUIRE_FALSE(t.ok());
    return std::to_string(t.error.line) + ":" + std::to_string(t.error.column) + ": " +
           t.error.message;
}

}  // namespace

TEST_CASE("a section left open is an error at its opening tag", "[mustache]") {
    CHECK(error_of("<footer>\n  {{#site}}<p>{{title}}</p>\n</footer>\n") ==
          "2:3: Unclosed section \"site\"");
    CHECK(error_of("{{#a}}{{#b}}\n") == "1:7: Unclosed section \"b\"");
}

TEST_CASE("a closing tag for another section is an error at the open one, with a hint",
          "[mustache]") {
    auto t = Template::parse("{{#a}}\n x {{/b}}");
    REQUIRE_FALSE(t.ok());
    CHECK(t.error.message == "Unclosed section \"a\"");
    CHECK(t.error.line == 1);
    CHECK(t.error.column == 1);
    CHECK(t.error.offset == 0);
    CHECK(t.error.hint == "it is closed by {{/b}}, which opens no section here");
}

TEST_CASE("a closing tag with nothing open is an error at the closing tag", "[mustache]") {
    CHECK(error_of("ok\n  {{/a}}") == "2:3: Unopened section \"a\"");
}

TEST_CASE("a tag without its closing delimiter is an error at the tag", "[mustache]") {
    CHECK(error_of("a\nb {{name") == "2:3: Unclosed tag");
    CHECK(error_of("{{{name}}") == "1:1: Unclosed tag");
    CHECK(error_of("{{=<% %>=}}\n<%name}}") == "2:1: Unclosed tag");
}

TEST_CASE("a delimiter tag that names no two delimiters is an error", "[mustache]") {
    CHECK(error_of("x{{=<%=}}") == "1:2: Invalid set delimiter tag");
    CHECK(error_of("{{= a=b c =}}") == "1:1: Invalid set delimiter tag");
}

TEST_CASE("escaping covers & < > \" and writes ' as &apos;, as kainjow did", "[mustache]") {
    ValueObject o{{"s", Value("Tom's <b>\"A&B\"</b>")}};
    CHECK(render("{{s}}", Value(o)) == "Tom&apos;s &lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;");
    CHECK(render("{{{s}}}|{{&s}}", Value(o)) == "Tom's <b>\"A&B\"</b>|Tom's <b>\"A&B\"</b>");
}

TEST_CASE("only strings print; the empty string opens a section, as in kainjow", "[mustache]") {
    ValueObject o{{"t", Value(true)},
                  {"f", Value(false)},
                  {"e", Value("")},
                  {"l", Value(ValueList{Value("x")})},
                  {"o", Value(ValueObject{})}};
    CHECK(render("[{{t}}{{f}}{{l}}{{o}}{{n}}]", Value(o)) == "[]");
    CHECK(render("{{#e}}yes{{/e}}{{^e}}no{{/e}}", Value(o)) == "yes");
    CHECK(render("{{#o}}obj{{/o}}{{#n}}null{{/n}}{{^n}}none{{/n}}", Value(o)) == "objnone");
}

TEST_CASE("a dotted name that breaks does not fall back to outer contexts", "[mustache]") {
    // The spec's rule (kainjow looked further down the stack and printed "outer").
    ValueObject inner{{"a", Value(ValueObject{})}};
    ValueObject root{{"a", Value(ValueObject{{"b", Value("outer")}})},
                     {"in", Value(std::move(inner))}};
    CHECK(render("{{#in}}[{{a.b}}]{{/in}}", Value(root)) == "[]");
    CHECK(render("[{{a.b}}]", Value(root)) == "[outer]");
}

TEST_CASE("the innermost context wins, and {{.}} is the current item", "[mustache]") {
    ValueObject root{{"name", Value("root")},
                     {"items", Value(ValueList{Value(ValueObject{{"name", Value("one")}}),
                                               Value(ValueObject{}), Value("three")})}};
    CHECK(render("{{#items}}{{name}},{{/items}}", Value(root)) == "one,root,root,");
    CHECK(render("{{#items}}({{.}}){{/items}}", Value(root)) == "()()(three)");
}

TEST_CASE("nested standalone partials add up their indents", "[mustache]") {
    const Value data(ValueObject{{"x", Value("v\nw")}});
    CHECK(render("<\n  {{>outer}}\n>\n", data,
                 {{"outer", "o1\n  {{>inner}}\no2\n"}, {"inner", "i1 {{x}}\ni2\n"}}) ==
          "<\n  o1\n    i1 v\nw\n    i2\n  o2\n>\n");
    // Not on a line of its own: no indent.
    CHECK(render("a {{>inner}}|", data, {{"inner", "1\n2"}}) == "a 1\n2|");
}

TEST_CASE("a partial that includes itself stops instead of overflowing", "[mustache]") {
    CHECK(render("{{>self}}", Value(), {{"self", "x{{>self}}"}}).size() == 100);
}

TEST_CASE("a compiled template renders the same from many threads at once", "[mustache]") {
    ValueList items;
    for (int i = 0; i < 200; ++i)
        items.push_back(Value(ValueObject{{"n", Value(std::to_string(i))}}));
    const Value data(ValueObject{{"items", Value(std::move(items))}});
    auto t = Template::parse("{{#items}}<li>{{n}}</li>\n{{/items}}");
    REQUIRE(t.ok());
    const std::string want = t.tmpl->render(data);
    std::vector<std::string> got(4);
    std::vector<std::thread> threads;
    for (std::size_t k = 0; k < got.size(); ++k)
        threads.emplace_back([&, k] {
            for (int r = 0; r < 50; ++r) got[k] = t.tmpl->render(data);
        });
    for (auto& th : threads) th.join();
    for (const auto& g : got) CHECK(g == want);
}

TEST_CASE("objects keep one entry per key, in key order, and find by key", "[value]") {
    ValueObject o;
    o.set("b", Value("2"));
    o.set("a", Value("1"));
    o.set("c", Value("3"));
    o.set("b", Value("two"));
    REQUIRE(o.size() == 3);
    std::string keys;
    for (const auto& [k, v] : o) keys += k;
    CHECK(keys == "abc");
    REQUIRE(o.find("b"));
    CHECK(o.find("b")->as_string() == "two");
    CHECK(o.find("d") == nullptr);
    CHECK(Value("s").find("a") == nullptr);
}

TEST_CASE("copying a Value that holds a list shares the list", "[value]") {
    ValueList l;
    for (int i = 0; i < 10000; ++i) l.push_back(Value(std::to_string(i)));
    const Value list(std::move(l));
    const Value page1(ValueObject{{"all", list}});
    const Value page2(ValueObject{{"all", list}, {"title", Value("t")}});
    CHECK(page1.find("all")->list_ptr() == list.list_ptr());
    CHECK(page2.find("all")->list_ptr() == list.list_ptr());
    CHECK(list.list_ptr().use_count() == 3);
}

TEST_CASE("the hash follows the content, not how it was built or shared", "[value]") {
    const Value shared(ValueList{Value("a"), Value(true)});
    const Value by_pointer(ValueObject{{"x", shared}, {"y", Value("1")}});
    ValueObject reversed;
    reversed.set("y", Value("1"));
    reversed.set("x", Value(ValueList{Value("a"), Value(true)}));
    const Value by_copy(std::move(reversed));
    CHECK(by_pointer.hash() == by_copy.hash());
    CHECK(by_pointer == by_copy);
    CHECK(by_pointer.hash() == by_pointer.hash());  // the remembered hash is the same

    CHECK(Value().hash() != Value("").hash());
    CHECK(Value("").hash() != Value(ValueList{}).hash());
    CHECK(Value(ValueList{}).hash() != Value(ValueObject{}).hash());
    CHECK(Value(false).hash() != Value(true).hash());
    CHECK(Value(ValueList{Value("ab"), Value("c")}).hash() !=
          Value(ValueList{Value("a"), Value("bc")}).hash());
    CHECK(Value(ValueObject{{"a", Value("b")}}).hash() !=
          Value(ValueObject{{"b", Value("a")}}).hash());
    CHECK_FALSE(by_copy.hash().empty());
}

TEST_CASE("the hash is stable across runs", "[value]") {
    // A build cache written by one run is read by the next: the hash may not depend on
    // addresses or on anything but the content.
    const Value v(ValueObject{{"title", Value("A")}, {"tags", Value(ValueList{Value("x")})}});
    CHECK(v.hash().hex() == "595daeb7199f428fa8b4c0fd409b8c1d");
}
