// RenderContext: the shared data pages reference, cached Markdown, and how a page is emitted.
#include "render/context.h"
#include "util/parallel.h"

namespace brief {

void RenderContext::share_data(unsigned jobs) {
    for (const auto& [name, layout] : theme.layouts)
        if (auto fast = FastLayout::compile(*layout)) fast_layouts_.emplace(name, std::move(*fast));
    const std::size_t n = site.briefings.size();
    // A briefing as a list item is built when a page first lists it (pages kept from the last
    // build need none).
    shared.resize(n);  // briefing i as a list item is shared value i
    item_once_ = std::make_unique<std::once_flag[]>(n);
    for (const auto& [lang, labels] : label_data) label_ids_[lang] = shared.add(labels);
    const SiteConfig& cfg = *site.config;
    DataObject s;
    s["title"] = cfg.title;
    s["description"] = cfg.description;
    s["base_url"] = cfg.base_url;
    s["author"] = cfg.author;
    s["how_we_report"] = cfg.how_we_report;
    s["year"] = std::to_string(cfg.timezone.localize(site.build_time).local().date.year);
    site_id_ = shared.add(Data(s));

    // Keys of what pages are made from (see emit_keyed).
    Hasher sk;
    sk.add(shared.hash_of(site_id_));
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

std::size_t RenderContext::label_id(const std::string& lang) const {
    auto it = label_ids_.find(lang);
    if (it == label_ids_.end()) it = label_ids_.find(lang.substr(0, lang.find('-')));
    if (it == label_ids_.end()) it = label_ids_.find(theme.fallback_lang);
    return it == label_ids_.end() ? SIZE_MAX : it->second;
}

Data RenderContext::briefing_item(std::size_t index) const {
    // The slot was reserved for this item in share_data(); set() on distinct ids is safe from
    // several threads.
    std::call_once(item_once_[index],
                   [&] { const_cast<SharedData&>(shared).set(index, make_briefing_item(index)); });
    return SharedData::ref(index);
}

Data RenderContext::briefing_full(const Entry& e, const std::string& body_html) const {
    return make_briefing_full(e, body_html);
}

Data RenderContext::briefing_full_at(std::size_t i) const {
    if (auto ref = shared.scratch_memo(i)) return std::move(*ref);
    return shared.scratch(make_briefing_full(site.briefings[i], *briefing_html.get(i)), i);
}

std::string RenderContext::markdown_html(const std::string& md) const {
    Hash128 key = Hasher().add(block_salt_).add(md).finish();
    if (auto hit = cache_->find(key)) return std::move(*hit);
    std::string html = render_markdown(md, markdown).html;
    cache_->store(key, html, MarkdownCache::Kind::block);
    return html;
}

void RenderContext::emit_page(std::vector<Output>& out, Diagnostics& diags,
                              const std::string& layout, const std::string& path,
                              const Data& data) const {
    if (deep_copy_data) {
        out.push_back({path, render_layout(theme, layout, shared.expand(data), diags)});
        return;
    }
    auto render = [&] { return render_page(layout, data, diags); };
    if (!sink) {
        out.push_back({path, render()});
        return;
    }
    Hash128 key;
    if (!page_salt.empty()) {
        // The same layout and the same data give the same bytes.
        if (Hash128 h = shared.hash(data); !h.empty())
            key = Hasher().add(page_salt).add(layout).add(h).finish();
    }
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

std::string RenderContext::render_page(const std::string& layout, const Data& data,
                                       Diagnostics& diags) const {
    if (auto it = fast_layouts_.find(layout); it != fast_layouts_.end())
        return it->second.render(data, shared);
    PageDataContext context(shared, &data);
    return render_layout(theme, layout, context, diags);
}

void RenderContext::emit_keyed(std::vector<Output>& out, Diagnostics& diags,
                               const std::string& layout, const std::string& path,
                               const Hash128& inputs, const std::function<Data()>& make) const {
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
    sink->put(path, render_page(layout, make(), diags), key);
}

std::vector<std::string> RenderContext::sink_paths() const {
    std::lock_guard<std::mutex> lock(paths_mu_);
    return sink_paths_;
}

}  // namespace brief
