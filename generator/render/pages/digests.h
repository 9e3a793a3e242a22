#pragma once
// The data of one week's digest. In: the render context and a WeekDigest of the Site; out: the
// Value the digest pages and the home page render.

#include "render/pages/common.h"

namespace brief::pages {

/// A week as the archive lists it: label, url, range, counts, tally, note title.
ValueObject week_summary(const RenderContext& ctx, std::size_t wi, const std::string& lang);
/// A week in full: summary, note, briefings in full, discovered items by source, signals,
/// previous / next.
ValueObject week_full(const RenderContext& ctx, std::size_t wi, const std::string& lang);

}  // namespace brief::pages
