#include "render/mustache.h"

#include <algorithm>

namespace brief::mustache {

using detail::Step;

namespace {

bool is_blank(char c) {
    return c == ' ' || c == '\t';
}

std::string_view trim(std::string_view s) {
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    while (!s.empty() && space(s.back())) s.remove_suffix(1);
    return s;
}

std::vector<std::string> split_name(std::string_view name) {
    std::vector<std::string> parts;
    if (name == ".") return parts;
    for (;;) {
        const std::size_t dot = name.find('.');
        parts.emplace_back(name.substr(0, dot));
        if (dot == std::string_view::npos) break;
        name.remove_prefix(dot + 1);
    }
    return parts;
}

// Partials deeper than this render as nothing: a partial that includes itself without data
// to end the recursion would otherwise overflow the stack.
constexpr int kMaxPartialDepth = 100;

}  // namespace

void append_escaped(std::string& out, std::string_view s) {
    std::size_t run = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char* rep;
        switch (s[i]) {
            case '&':
                rep = "&amp;";
                break;
            case '<':
                rep = "&lt;";
                break;
            case '>':
                rep = "&gt;";
                break;
            case '"':
                rep = "&quot;";
                break;
            case '\'':
                rep = "&apos;";
                break;
            default:
                continue;
        }
        out.append(s.data() + run, i - run);
        out.append(rep);
        run = i + 1;
    }
    out.append(s.data() + run, s.size() - run);
}

// Turns template text into steps. Standalone lines (a section, inverted, closing, comment,
// partial or delimiter tag alone on its line, with only blanks around it) are removed whole,
// newline included; for partials the removed indent is kept to indent the partial's lines.
class Parser {
  public:
    explicit Parser(std::string_view text) : text_(text) {}

    Template::Parsed run() {
        Template::Parsed result;
        if (!parse()) {
            locate(error_);
            result.error = std::move(error_);
            return result;
        }
        auto t = std::make_shared<Template>();
        t->steps_ = std::move(steps_);
        result.tmpl = std::move(t);
        return result;
    }

  private:
    struct Open {
        std::size_t step;
        std::string name;
        std::size_t offset;
    };

    std::string_view text_;
    std::string open_ = "{{";
    std::string close_ = "}}";
    std::vector<Step> steps_;
    std::vector<Open> sections_;
    TemplateError error_;

    bool fail(std::string message, std::size_t offset, std::string hint = {}) {
        error_.message = std::move(message);
        error_.hint = std::move(hint);
        error_.offset = offset;
        return false;
    }

    void locate(TemplateError& e) const {
        const std::size_t at = std::min(e.offset, text_.size());
        e.line = 1 + static_cast<int>(std::count(text_.begin(), text_.begin() + at, '\n'));
        const std::size_t bol = at == 0 ? std::string_view::npos : text_.rfind('\n', at - 1);
        e.column = 1 + static_cast<int>(at - (bol == std::string_view::npos ? 0 : bol + 1));
    }

    // The end of the line that [tag, tag_end) stands alone on (past its newline), or npos.
    std::size_t standalone_end(std::size_t line_start, std::size_t tag, std::size_t tag_end) const {
        for (std::size_t i = line_start; i < tag; ++i)
            if (!is_blank(text_[i])) return std::string_view::npos;
        std::size_t r = tag_end;
        while (r < text_.size() && is_blank(text_[r])) ++r;
        if (r == text_.size()) return r;
        if (text_[r] == '\n') return r + 1;
        if (text_[r] == '\r' && r + 1 < text_.size() && text_[r + 1] == '\n') return r + 2;
        return std::string_view::npos;
    }

    // Adds the text [from, to) as a step, with where its template lines start. `at_line_start`:
    // `from` starts a template line; `line_follows`: so does `to`, unless it is the end.
    void add_text(std::size_t from, std::size_t to, bool at_line_start, bool line_follows) {
        Step s;
        s.kind = Step::Kind::text;
        s.text.assign(text_.substr(from, to - from));
        if (at_line_start && from < text_.size()) s.line_starts.push_back(0);
        for (std::size_t i = from; i < to; ++i) {
            if (text_[i] != '\n' || i + 1 >= text_.size()) continue;
            if (i + 1 == to && !line_follows) continue;
            s.line_starts.push_back(static_cast<std::uint32_t>(i + 1 - from));
        }
        if (s.text.empty() && s.line_starts.empty()) return;
        steps_.push_back(std::move(s));
    }

    bool set_delimiters(std::string_view spec, std::size_t offset) {
        spec = trim(spec);
        std::size_t gap = 0;
        while (gap < spec.size() && !is_blank(spec[gap])) ++gap;
        const std::string_view open = spec.substr(0, gap);
        const std::string_view close = trim(spec.substr(gap));
        const auto bad = [](std::string_view d) {
            return d.empty() || d.find('=') != std::string_view::npos ||
                   std::any_of(d.begin(), d.end(), is_blank);
        };
        if (bad(open) || bad(close)) return fail("Invalid set delimiter tag", offset);
        open_ = open;
        close_ = close;
        return true;
    }

    bool parse() {
        std::size_t pos = 0;        // where scanning resumes
        std::size_t text_from = 0;  // start of the text not yet added
        bool at_line_start = true;  // text_from starts a template line
        for (;;) {
            const std::size_t tag = text_.find(open_, pos);
            if (tag == std::string_view::npos) break;
            std::size_t content = tag + open_.size();
            const char sigil = content < text_.size() ? text_[content] : '\0';
            std::string closer = close_;
            bool can_stand_alone = false;
            switch (sigil) {
                case '{':
                    closer = "}" + close_;
                    ++content;
                    break;
                case '=':
                    closer = "=" + close_;
                    ++content;
                    can_stand_alone = true;
                    break;
                case '&':
                    ++content;
                    break;
                case '#':
                case '^':
                case '/':
                case '!':
                case '>':
                    ++content;
                    can_stand_alone = true;
                    break;
                default:
                    break;
            }
            const std::size_t close_at = text_.find(closer, content);
            if (close_at == std::string_view::npos) return fail("Unclosed tag", tag);
            const std::size_t tag_end = close_at + closer.size();
            const std::string_view inner = text_.substr(content, close_at - content);

            // The line holds nothing else if the text before the tag starts that line.
            std::size_t line_start = std::string_view::npos;
            if (can_stand_alone) {
                const std::size_t nl = text_.substr(text_from, tag - text_from).rfind('\n');
                if (nl != std::string_view::npos)
                    line_start = text_from + nl + 1;
                else if (at_line_start)
                    line_start = text_from;
            }
            const std::size_t line_end = line_start == std::string_view::npos
                                             ? std::string_view::npos
                                             : standalone_end(line_start, tag, tag_end);
            const bool standalone = line_end != std::string_view::npos;

            add_text(text_from, standalone ? line_start : tag, at_line_start, !standalone);
            if (!tag_step(
                    sigil, inner, tag,
                    standalone ? text_.substr(line_start, tag - line_start) : std::string_view(),
                    standalone))
                return false;
            pos = text_from = standalone ? line_end : tag_end;
            at_line_start = standalone;
        }
        add_text(text_from, text_.size(), at_line_start, false);
        if (!sections_.empty()) {
            const Open& o = sections_.back();
            return fail("Unclosed section \"" + o.name + "\"", o.offset);
        }
        return true;
    }

    bool tag_step(char sigil, std::string_view inner, std::size_t offset, std::string_view indent,
                  bool standalone) {
        const std::string_view name = trim(inner);
        Step s;
        switch (sigil) {
            case '!':
                return true;
            case '=':
                return set_delimiters(inner, offset);
            case '#':
            case '^':
                s.kind = sigil == '#' ? Step::Kind::section : Step::Kind::inverted;
                s.path = split_name(name);
                sections_.push_back({steps_.size(), std::string(name), offset});
                break;
            case '/': {
                if (sections_.empty())
                    return fail("Unopened section \"" + std::string(name) + "\"", offset);
                const Open& o = sections_.back();
                if (o.name != name)
                    return fail("Unclosed section \"" + o.name + "\"", o.offset,
                                "it is closed by {{/" + std::string(name) +
                                    "}}, which opens no "
                                    "section here");
                steps_[o.step].end = static_cast<std::uint32_t>(steps_.size());
                sections_.pop_back();
                return true;
            }
            case '>':
                s.kind = Step::Kind::partial;
                s.text.assign(name);
                s.indent.assign(indent);
                s.standalone = standalone;
                break;
            case '{':
            case '&':
                s.kind = Step::Kind::unescaped;
                s.path = split_name(name);
                break;
            default:
                s.kind = Step::Kind::escaped;
                s.path = split_name(name);
                break;
        }
        steps_.push_back(std::move(s));
        return true;
    }
};

// Walks the steps with a context stack (innermost last).
class Renderer {
  public:
    Renderer(std::string& out, const PartialLookup& partials) : out_(out), partials_(partials) {}

    void run(const Template& t, const Value& context) {
        stack_.push_back(&context);
        steps(t.steps_, 0, t.steps_.size(), {});
    }

  private:
    std::string& out_;
    const PartialLookup& partials_;
    std::vector<const Value*> stack_;
    int depth_ = 0;

    // The spec's name resolution: `.` is the top of the stack; otherwise the first part is
    // looked up from the top down, and the rest only inside what it found.
    const Value* lookup(const std::vector<std::string>& path) const {
        if (path.empty()) return stack_.back();
        for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
            const Value* v = (*it)->find(path[0]);
            if (!v) continue;
            for (std::size_t i = 1; i < path.size() && v; ++i) v = v->find(path[i]);
            return v;
        }
        return nullptr;
    }

    void text(const Step& s, std::string_view indent) {
        if (indent.empty() || s.line_starts.empty()) {
            out_.append(s.text);
            return;
        }
        std::size_t from = 0;
        for (std::uint32_t at : s.line_starts) {
            out_.append(s.text, from, at - from);
            out_.append(indent);
            from = at;
        }
        out_.append(s.text, from);
    }

    void partial(const Step& s, std::string_view indent) {
        const Template* p = partials_ ? partials_(s.text) : nullptr;
        if (!p || depth_ >= kMaxPartialDepth) return;
        ++depth_;
        if (s.standalone) {
            std::string nested(indent);
            nested.append(s.indent);
            steps(p->steps_, 0, p->steps_.size(), nested);
        } else {
            steps(p->steps_, 0, p->steps_.size(), {});
        }
        --depth_;
    }

    void steps(const std::vector<Step>& all, std::size_t from, std::size_t to,
               std::string_view indent) {
        for (std::size_t i = from; i < to; ++i) {
            const Step& s = all[i];
            switch (s.kind) {
                case Step::Kind::text:
                    text(s, indent);
                    break;
                case Step::Kind::escaped:
                case Step::Kind::unescaped: {
                    const Value* v = lookup(s.path);
                    if (!v || !v->is_string()) break;
                    if (s.kind == Step::Kind::escaped)
                        append_escaped(out_, v->as_string());
                    else
                        out_.append(v->as_string());
                    break;
                }
                case Step::Kind::section: {
                    const Value* v = lookup(s.path);
                    if (v && !v->falsy()) {
                        if (v->is_list()) {
                            for (const Value& item : v->as_list()) {
                                stack_.push_back(&item);
                                steps(all, i + 1, s.end, indent);
                                stack_.pop_back();
                            }
                        } else {
                            stack_.push_back(v);
                            steps(all, i + 1, s.end, indent);
                            stack_.pop_back();
                        }
                    }
                    i = s.end - 1;
                    break;
                }
                case Step::Kind::inverted: {
                    const Value* v = lookup(s.path);
                    if (!v || v->falsy()) steps(all, i + 1, s.end, indent);
                    i = s.end - 1;
                    break;
                }
                case Step::Kind::partial:
                    partial(s, indent);
                    break;
            }
        }
    }
};

Template::Parsed Template::parse(std::string_view text) {
    return Parser(text).run();
}

void Template::render(const Value& context, std::string& out, const PartialLookup& partials) const {
    Renderer(out, partials).run(*this, context);
}

std::string Template::render(const Value& context, const PartialLookup& partials) const {
    std::string out;
    render(context, out, partials);
    return out;
}

}  // namespace brief::mustache
