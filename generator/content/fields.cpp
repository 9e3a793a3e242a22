#include "content/fields.h"

#include <array>

namespace brief {

namespace {

using D = Document;
using T = FieldType;

const std::array kFields = {
    FrontMatterField{"title", T::title, &D::title, Required::always, false,
                     "title: \"Huawei shows its Ascend roadmap\""},
    FrontMatterField{"date", T::date, &D::date, Required::briefing, false,
                     "date: 2026-05-14 09:30"},
    FrontMatterField{"updated", T::date, &D::updated},
    FrontMatterField{"kind", T::kind, &D::kind},
    FrontMatterField{"summary", T::text, &D::summary},
    FrontMatterField{"summary_generated", T::boolean, &D::summary_generated},
    FrontMatterField{"topics", T::text_list, &D::topics},
    FrontMatterField{"entities", T::text_list, &D::entities},
    FrontMatterField{"layer", T::layer, &D::layer},
    FrontMatterField{"key_points", T::text_list, &D::key_points},
    FrontMatterField{"watch", T::text_list, &D::watch},
    FrontMatterField{"open_questions", T::text_list, &D::open_questions},
    FrontMatterField{"outlook", T::outlook, &D::outlook},
    FrontMatterField{"score", T::score, &D::score},
    FrontMatterField{"score_rationale", T::text, &D::score_rationale},
    FrontMatterField{"sources", T::sources, &D::sources},
    FrontMatterField{"discovered_from", T::text, &D::discovered_from},
    FrontMatterField{"signals", T::signals, &D::signals},
    FrontMatterField{"tools", T::tools, &D::tools},
    FrontMatterField{"faq", T::faq, &D::faq},
    FrontMatterField{"lang", T::lang, &D::lang},
    FrontMatterField{"translation_key", T::raw_text, &D::translation_key},
    FrontMatterField{"draft", T::boolean, &D::draft},
    FrontMatterField{"slug", T::slug, &D::slug},
    FrontMatterField{"aliases", T::aliases, &D::aliases},
    FrontMatterField{"more_usable", T::text_list, &D::more_usable, Required::no, true},
    FrontMatterField{"less_reliable", T::text_list, &D::less_reliable, Required::no, true},
};

// The entries of each list of maps: their type, keys and name.
struct ListEntry {
    FieldType type;
    std::vector<std::string> keys;
    const char* noun;
};

const std::vector<ListEntry>& list_entries() {
    static const std::vector<ListEntry> entries = {
        {T::outlook, {"claim", "likelihood", "horizon"}, "an outlook entry"},
        {T::sources, {"title", "publisher", "url", "primary"}, "a source"},
        {T::signals, {"signal", "why", "where"}, "a signal"},
        {T::tools, {"purpose", "name", "url", "note"}, "a tool"},
        {T::faq, {"q", "a"}, "an FAQ entry"},
    };
    return entries;
}

const ListEntry* list_entry(FieldType type) {
    for (const auto& e : list_entries())
        if (e.type == type) return &e;
    return nullptr;
}

}  // namespace

std::span<const FrontMatterField> front_matter_fields() {
    return kFields;
}

const FrontMatterField* find_front_matter_field(std::string_view name) {
    for (const auto& f : kFields)
        if (name == f.name) return &f;
    return nullptr;
}

const std::vector<std::string>& field_values(FieldType type) {
    static const std::vector<std::string> none;
    if (type == FieldType::kind) return kind_names();
    if (type == FieldType::layer) return layer_names();
    return none;
}

const std::vector<std::string>& entry_keys(FieldType type) {
    static const std::vector<std::string> none;
    const ListEntry* e = list_entry(type);
    return e ? e->keys : none;
}

const char* entry_noun(FieldType type) {
    const ListEntry* e = list_entry(type);
    return e ? e->noun : "";
}

std::string entry_shape(const std::vector<std::string>& keys) {
    std::string out;
    for (const auto& k : keys) out += (out.empty() ? "{" : ", ") + k;
    return out + "}";
}

std::string entry_shape(FieldType type) {
    return entry_shape(entry_keys(type));
}

}  // namespace brief
