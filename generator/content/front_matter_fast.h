#pragma once
// A fast path for parse_document. yaml-cpp took most of a cold build's load time (about
// 300 µs a document). Front matter as editors and `brief new` write it uses a small part of
// YAML: `key: value` lines, plain or quoted scalars, flow lists of scalars, block lists of
// scalars and of one-level maps. This reads exactly that part straight into a Document. Any
// other construct, and any value parse_document would warn or complain about, makes it give
// up (nullopt), and the caller runs parse_document, which then reports it with its usual
// positions. So the fast path never produces a diagnostic and never accepts what the slow path
// would reject.
//
// It mirrors parse_document field by field: a change to one needs the same change to the
// other. tests/front_matter_fast_test.cpp checks that both agree on every document of the
// fixtures and the example site.

#include <optional>
#include <string>
#include <string_view>

#include "content/document.h"
#include "content/site_config.h"

namespace brief {

/// The Document parse_document would return for `text`, when the front matter stays inside
/// the plain subset and is valid; nullopt otherwise (then call parse_document).
std::optional<Document> parse_document_fast(const std::string& path, std::string_view text,
                                            Section section, const SiteConfig& site);

}  // namespace brief
