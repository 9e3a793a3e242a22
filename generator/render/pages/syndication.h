#pragma once
// Helpers the machine-readable outputs share (the feeds, the sitemap). In: a pugixml document
// or the documents of the Site; out: the XML text with its declaration, and the instant a
// document or a list of them last changed.

#include <pugixml.hpp>

#include <optional>
#include <string>

#include "render/pages/common.h"

namespace brief::pages {

/// The document as UTF-8 XML, indented by two spaces.
std::string xml_string(const pugi::xml_document& doc);
/// Starts `doc` with `<?xml version="1.0" encoding="…"?>`.
void add_xml_declaration(pugi::xml_document& doc, const char* encoding);
/// A document's `updated` time, else its date, else 0.
std::int64_t updated_of(const Document& d);
/// The newest update time of the briefings at `indices`, if any.
std::optional<std::int64_t> newest_of(const Site& site, const std::vector<std::size_t>& indices);

}  // namespace brief::pages
