// html-validate configuration for every page of the built site. "recommended" is the strictest
// preset (it includes "standard"); "document" adds the whole-document rules (doctype, <title>,
// one <main>, and so on). Each rule turned off below says why.
export default {
  extends: ["html-validate:recommended", "html-validate:document"],
  rules: {
    // Subresource Integrity protects against a third-party host (a CDN) altering a file. The
    // only stylesheet and script are the site's own, served from the same origin as the page,
    // so an attacker who could change them could change the page's integrity hash as well.
    "require-sri": "off",
    // A heuristic about how search engines truncate result titles, not about valid or
    // accessible HTML: briefing titles are editorial headlines and keep their full wording.
    "long-title": "off",
  },
};
