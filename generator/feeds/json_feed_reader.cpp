// JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/).
#include <nlohmann/json.hpp>

#include "feeds/feed_dates.h"
#include "feeds/feed_reader.h"
#include "feeds/field_text.h"
#include "util/text.h"
#include "util/url.h"

namespace brief {

namespace {

std::string json_string(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end()) return {};
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number_integer()) return std::to_string(it->get<long long>());
    return {};
}

// "authors" (1.1), else "author" (1.0): names only.
std::string authors_of(const nlohmann::json& obj) {
    std::vector<std::string> names;
    auto add = [&](const nlohmann::json& a) {
        if (a.is_object()) add_name(names, author_name(json_string(a, "name")));
    };
    if (auto it = obj.find("authors"); it != obj.end() && it->is_array())
        for (const auto& a : *it) add(a);
    if (names.empty())
        if (auto it = obj.find("author"); it != obj.end()) add(*it);
    return join_names(names);
}

void read_item(FeedBuilder& b, const nlohmann::json& it, const std::string& base,
               const std::string& feed_author, std::size_t index) {
    FeedItem item;
    item.id = std::string(trim(json_string(it, "id")));
    std::string url = json_string(it, "url");
    if (url.empty()) url = json_string(it, "external_url");
    if (!trim(url).empty()) item.url = resolve_url(base, url);
    item.title = json_string(it, "title");
    item.published = parse_feed_date(json_string(it, "date_published"));
    item.updated = parse_feed_date(json_string(it, "date_modified"));
    item.author = authors_of(it);
    if (item.author.empty()) item.author = feed_author;
    if (auto tags = it.find("tags"); tags != it.end() && tags->is_array())
        for (const auto& t : *tags)
            if (t.is_string()) add_category(item.categories, t.get<std::string>());
    if (auto files = it.find("attachments"); files != it.end() && files->is_array())
        for (const auto& f : *files)
            if (f.is_object())
                FeedBuilder::add_enclosure(item, json_string(f, "url"), base,
                                           json_string(f, "mime_type"),
                                           json_string(f, "size_in_bytes"));
    // "summary" and "content_text" are plain text; "content_html" is HTML.
    b.summarise(item, {{html_escape(json_string(it, "summary")), base},
                       {json_string(it, "content_html"), base},
                       {html_escape(json_string(it, "content_text")), base}});
    b.finish(std::move(item), index);
}

}  // namespace

void read_json_feed(FeedBuilder& b, std::string_view text) {
    ParsedFeed& feed = b.feed();
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        auto [line, col] = line_column(text, e.byte > 0 ? e.byte - 1 : 0);
        feed.error = "not a feed: malformed JSON at line " + std::to_string(line) + ", column " +
                     std::to_string(col);
        return;
    }
    if (!j.is_object()) {
        feed.error = "not a feed: the JSON document is not an object";
        return;
    }
    std::string version = json_string(j, "version");
    if (version.find("jsonfeed.org/version/") == std::string::npos) {
        if (!j.contains("items")) {
            feed.error = "not a feed: a JSON document without a JSON Feed \"version\"";
            return;
        }
        feed.warnings.push_back("the JSON Feed has no recognisable \"version\"; read as 1.1");
    }
    feed.format = FeedFormat::jsonfeed;
    feed.title = json_string(j, "title");
    std::string feed_url = json_string(j, "feed_url");
    std::string base = b.feed_base().empty() && is_http_url(feed_url) ? feed_url : b.feed_base();
    std::string home = json_string(j, "home_page_url");
    if (!trim(home).empty()) feed.link = resolve_url(base, home);
    std::string feed_author = authors_of(j);

    auto items = j.find("items");
    if (items == j.end() || !items->is_array()) {
        feed.warnings.push_back("the JSON Feed has no \"items\" list");
        return;
    }
    std::size_t index = 0;
    for (const auto& it : *items) {
        if (it.is_object())
            read_item(b, it, base, feed_author, index);
        else
            feed.warnings.push_back("item " + std::to_string(index + 1) +
                                    " is not an object; skipped");
        ++index;
    }
}

}  // namespace brief
