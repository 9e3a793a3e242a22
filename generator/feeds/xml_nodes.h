#pragma once
// A feed's XML tree (pugixml) read the way feeds are written. In: pugixml nodes and the feed's
// own URL. Out: child elements matched by local name and namespace (the declared one, or the
// one its usual prefix names when a feed forgets to declare it), attribute values, text as
// decoded, the xml:base in force at a node, and XHTML written back as HTML with its URLs made
// absolute. Internal to feeds/.

#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace brief::xml {

/// The namespaces feeds use, as bits, so a lookup can accept several.
enum Ns : unsigned {
    kNoNs = 1u << 0,     ///< no namespace declared
    kRss = 1u << 1,      ///< RSS 0.90, 1.0, 1.1 and the userland / Harvard RSS 2.0 URIs
    kAtom = 1u << 2,     ///< Atom 1.0 and 0.3
    kDc = 1u << 3,       ///< Dublin Core elements
    kDcTerms = 1u << 4,  ///< Dublin Core terms
    kContent = 1u << 5,  ///< the RSS content module (content:encoded)
    kXhtml = 1u << 6,    ///< XHTML
    kRdf = 1u << 7,      ///< RDF syntax
    kOther = 1u << 8,    ///< any other namespace
    /// Not a namespace: also accept an element in the same namespace as its parent (a feed
    /// whose default namespace is unusual keeps its own elements).
    kParents = 1u << 9,
};

/// RSS's own elements: no namespace, an RSS namespace, or the item's own.
inline constexpr unsigned kRssOwn = kNoNs | kRss | kParents;
/// Atom's own elements: no namespace (a feed that forgot it), Atom, or the entry's own.
inline constexpr unsigned kAtomOwn = kNoNs | kAtom | kParents;

/// The element's name without its prefix.
std::string_view local_name(const pugi::xml_node& n);

/// The namespace of an element (one bit of Ns).
Ns namespace_of(const pugi::xml_node& n);

/// The first child element called `name` in one of the namespaces of `ns`.
pugi::xml_node child(const pugi::xml_node& parent, std::string_view name, unsigned ns);

/// The first of `names` that `parent` has as a child in `ns`.
pugi::xml_node first_child_of(const pugi::xml_node& parent,
                              std::initializer_list<std::string_view> names, unsigned ns);

/// Every child element called `name` in one of the namespaces of `ns`, in order.
std::vector<pugi::xml_node> children(const pugi::xml_node& parent, std::string_view name,
                                     unsigned ns);

/// An attribute's value by name: an unprefixed one first, else a prefixed one with that local
/// name ("rdf:about"), never xml:* or xmlns:*.
std::string_view attr(const pugi::xml_node& n, std::string_view name);

/// A node's content as markup: its text and CDATA as decoded (so escaped HTML stays HTML),
/// child elements written as HTML (see xhtml_as_html).
std::string raw_content(const pugi::xml_node& n, std::string_view feed_base);

/// A node's children as HTML: text escaped, elements written without their prefixes, only
/// their unprefixed attributes kept, href / src / cite resolved against the xml:base in force.
std::string xhtml_as_html(const pugi::xml_node& n, std::string_view feed_base);

/// The base URL in force at `n`: `feed_base` with every xml:base from the root down to `n`
/// resolved in turn (RFC 3986 §5.1, XML Base).
std::string base_of(const pugi::xml_node& n, std::string_view feed_base);

}  // namespace brief::xml
