#pragma once
// The external half of `brief check`: in go the site model, the content and the index of
// where each URL is written; out come every http(s) URL the content cites with its places,
// the answers (from the link cache or asked now), and one Diagnostic per place of a URL that
// is broken, redirected or refused.

#include <map>
#include <string>
#include <vector>

#include "check/check.h"
#include "check/external.h"
#include "check/locate.h"
#include "content/loader.h"
#include "model/site.h"

namespace brief {

/// Each cited URL with the places it is written, sorted, without repeats.
using UrlUses = std::map<std::string, std::vector<SourcePosition>>;

/// Every http(s) URL the content cites (documents, tools and signals data), except the site's
/// own addresses.
UrlUses external_uses(const Site& site, const Content& content, const UrlIndex& sources);

/// Asks every URL not answered recently (the link cache), records the answers in the cache and
/// the summary, and returns every status, cached or new. Cache trouble is a warning.
std::vector<LinkStatus> ask_external(const CheckRequest& req, const UrlUses& where,
                                     CheckResult& result);

/// One diagnostic per place of every URL that did not answer well.
void report_external(const std::vector<LinkStatus>& results, const UrlUses& where,
                     const ExternalCheckOptions& options, Diagnostics& out, CheckSummary& summary);

}  // namespace brief
