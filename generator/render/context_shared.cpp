// RenderContext: the Values many pages share, cached Markdown, and how a page is emitted.
#include "render/context.h"
#include "util/parallel.h"

namespace brief {

void RenderContext::share_data(unsigned jobs) {
    const std::size_t n = site.briefings.size();
    // A briefing as a list item is built when a page first lists it (pages kept from the last
    // build need none).
    items_.resize(n);
    item_once_ = std::make_unique<std::once_flag[]>(n);
    full_.resize(n);
    const SiteConfig& cfg = *site.config;
    site_data_ = ValueObject{
        {"author", Value(cfg.author)},
        {"base_url", Value(cfg.base_url)},
        {"description", Value(cfg.description)},
        {"how_we_report", Value(cfg.how_we_report)},
        {"title", Value(cfg.title)},
        {"year", Value(std::to_string(cfg.timezone.localize(site.build_time).local().date.year))}};

    // Keys of what pages are made from (see emit_keyed).
    Hasher sk;
    sk.add(site_data_.hash());
    for (const auto& [id, name] : site.source_names) sk.add(id).add(name);
    site_key_ = sk.finish();
    auto term_url = [](const std::vector<Term>& terms, const std::string& name) {
        for (const auto& t : terms)
            if (t.name == name) return t.url;
        return std::string();
    };
    briefing_keys_.resize(n);
    item_keys_.resize(n);
    parallel_for(n, jobs, [&](std::size_t i) {
        const Entry& e = site.briefings[i];
        // As make_briefing_item reads them.
        Hasher item;
        item.add(e.doc->source_hash).add(e.url).add(e.lang);
        for (const auto& t : site.topics)
            for (const auto& name : e.doc->topics)
                if (t.name == name) item.add(t.url);
        item_keys_[i] = item.finish();
        Hasher h;
        h.add(e.doc->source_hash).add(e.url).add(e.lang).add(e.week ? e.week->str() : "");
        for (const auto& t : e.translations) h.add(t.lang).add(t.url).add(t.title);
        h.add_u64(e.translations.size());
        for (const auto& name : e.doc->topics) h.add(term_url(site.topics, name));
        for (const auto& name : e.doc->entities) h.add(term_url(site.entities, name));
        if (const ArchiveItem* item = discovered_item(*e.doc))
            h.add(item->url).add(item->title).add(source_name(item->source_id));
        briefing_keys_[i] = h.finish();
    });
}

const ArchiveItem* RenderContext::discovered_item(const Document& doc) const {
    if (!site.archive) return nullptr;
    auto i = site.archive_index.find(doc.discovered_from);
    return i ? &(*site.archive)[*i] : nullptr;
}

const Value* RenderContext::labels_value(const std::string& lang) const {
    auto it = label_data.find(lang);
    if (it == label_data.end()) it = label_data.find(lang.substr(0, lang.find('-')));
    if (it == label_data.end()) it = label_data.find(theme.fallback_lang);
    return it == label_data.end() ? nullptr : &it->second;
}

Value RenderContext::briefing_item(std::size_t index) const {
    if (deep_copy_data) return make_briefing_item(index);
    // Each slot is written once, under its own once_flag, before any thread reads it.
    std::call_once(item_once_[index], [&] { items_[index] = make_briefing_item(index); });
    return items_[index];
}

Value RenderContext::briefing_full(const Entry& e, const std::string& body_html) const {
    return make_briefing_full(e, body_html);
}

Value RenderContext::briefing_full_at(std::size_t i) const {
    const Entry& e = site.briefings[i];
    // Only a briefing of a week is read twice (by its page and its week's digest, in one job
    // group; release_full() drops it when the group is done).
    if (deep_copy_data || !e.week) return make_briefing_full(e, *briefing_html.get(i));
    std::lock_guard<std::mutex> lock(full_mu_[i % kFullStripes]);
    if (full_[i].is_null()) full_[i] = make_briefing_full(e, *briefing_html.get(i));
    return full_[i];
}

void RenderContext::release_full(std::size_t i) const {
    std::lock_guard<std::mutex> lock(full_mu_[i % kFullStripes]);
    full_[i] = Value();
}

std::string RenderContext::markdown_html(const std::string& md) const {
    Hash128 key = Hasher().add(block_salt_).add(md).finish();
    if (auto hit = cache_->find(key, MarkdownCache::Kind::block)) return std::move(*hit);
    std::string html = render_markdown(md, markdown).html;
    cache_->store(key, html, MarkdownCache::Kind::block);
    return html;
}

void RenderContext::emit_page(std::vector<Output>& out, Diagnostics& diags,
                              const std::string& layout, const std::string& path,
                              Value data) const {
    auto render = [&] { return render_layout(theme, layout, data, diags); };
    if (!sink) {
        out.push_back({path, render()});
        return;
    }
    Hash128 key;
    // The same layout and the same data give the same bytes.
    if (!page_salt.empty()) key = Hasher().add(page_salt).add(layout).add(data.hash()).finish();
    {
        std::lock_guard<std::mutex> lock(paths_mu_);
        sink_paths_.push_back(path);
    }
    if (!key.empty() && sink->unchanged(path, key)) {
        sink->keep(path);
        return;
    }
    sink->put(path, render(), key);
}

void RenderContext::emit_keyed(std::vector<Output>& out, Diagnostics& diags,
                               const std::string& layout, const std::string& path,
                               const Hash128& inputs, const std::function<Value()>& make) const {
    if (!keyed()) {
        emit_page(out, diags, layout, path, make());
        return;
    }
    // Not the same key as emit_page's (a hash of the data): "inputs/" keeps the two apart.
    const Hash128 key = Hasher().add(page_salt).add("inputs/").add(layout).add(inputs).finish();
    {
        std::lock_guard<std::mutex> lock(paths_mu_);
        sink_paths_.push_back(path);
    }
    if (sink->unchanged(path, key)) {
        sink->keep(path);
        return;
    }
    sink->put(path, render_layout(theme, layout, make(), diags), key);
}

std::vector<std::string> RenderContext::sink_paths() const {
    std::lock_guard<std::mutex> lock(paths_mu_);
    return sink_paths_;
}

}  // namespace brief
