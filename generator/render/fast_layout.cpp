#include "render/fast_layout.h"

namespace brief {
namespace {

using Data = kainjow::mustache::data;
using Mustache = kainjow::mustache::mustache;
using Component = kainjow::mustache::component<std::string>;
using TagType = kainjow::mustache::tag_type;

// kainjow keeps its parse tree private. An explicit template instantiation may name a private
// member (C++20 [temp.spec.general]/6); this one hands out basic_mustache::root_component_.
using RootMember = Component Mustache::*;
RootMember root_member();
template <RootMember M>
struct RootAccess {
    friend RootMember root_member() { return M; }
};
template struct RootAccess<&Mustache::root_component_>;

}  // namespace

struct FastLayout::Op {
    enum class Kind { text, newline, variable, raw_variable, section, inverted };
    Kind kind = Kind::text;
    std::string text;                // the text, the newline, or the tag's name
    bool dotted = false;             // the name holds a '.'
    std::vector<std::string> names;  // the name split on '.', as kainjow splits it
    std::vector<Op> body;            // a section's contents
};

namespace {

using Op = FastLayout::Op;

bool compile_into(const std::vector<Component>& children, std::vector<Op>& ops) {
    for (const Component& c : children) {
        if (c.is_text()) {
            if (c.is_newline()) {
                ops.push_back({Op::Kind::newline, c.text, false, {}, {}});
            } else if (!ops.empty() && ops.back().kind == Op::Kind::text) {
                ops.back().text +=
                    c.text;  // kainjow appends each piece to the line; so do we, at once
            } else {
                ops.push_back({Op::Kind::text, c.text, false, {}, {}});
            }
            continue;
        }
        Op op;
        op.text = c.tag.name;
        op.dotted = op.text.find('.') != std::string::npos;
        op.names = kainjow::mustache::split(op.text, '.');
        switch (c.tag.type) {
            case TagType::variable:
                op.kind = Op::Kind::variable;
                break;
            case TagType::unescaped_variable:
                op.kind = Op::Kind::raw_variable;
                break;
            case TagType::section_begin:
            case TagType::section_begin_inverted:
                op.kind =
                    c.tag.type == TagType::section_begin ? Op::Kind::section : Op::Kind::inverted;
                if (!compile_into(c.children, op.body)) return false;
                break;
            case TagType::comment:
            case TagType::set_delimiter:
            case TagType::section_end:
                continue;  // no output; delimiters only matter to lambdas
            default:
                return false;  // a partial looked up at render time: leave it to kainjow
        }
        ops.push_back(std::move(op));
    }
    return true;
}

// kainjow's rendering state: the context stack and the current line.
struct State {
    const SharedData& shared;
    std::vector<const Data*> stack;
    std::string out;
    std::string line;
    bool line_blank = true;    // only ' ' and '\t' so far
    bool section_tag = false;  // a section began or ended on this line

    void append(const std::string& text) {
        if (line_blank)
            for (char ch : text)
                if (ch != ' ' && ch != '\t') {
                    line_blank = false;
                    break;
                }
        line += text;
    }
    void append_escaped(const std::string& text) {
        std::size_t before = line.size();
        for (char ch : text) {
            switch (ch) {
                case '&':
                    line += "&amp;";
                    break;
                case '<':
                    line += "&lt;";
                    break;
                case '>':
                    line += "&gt;";
                    break;
                case '"':
                    line += "&quot;";
                    break;
                case '\'':
                    line += "&apos;";
                    break;
                default:
                    line += ch;
            }
        }
        if (line_blank)
            for (std::size_t i = before; i < line.size(); ++i)
                if (line[i] != ' ' && line[i] != '\t') {
                    line_blank = false;
                    break;
                }
    }
    // A line that held a section tag and nothing but blanks disappears, newline and all.
    void end_line(const std::string* newline) {
        if (!(section_tag && line_blank)) {
            out += line;
            if (newline) out += *newline;
        }
        line.clear();
        line_blank = true;
        section_tag = false;
    }
    // kainjow's context lookup: a dotted name must resolve fully within one stack entry, from
    // the innermost out; references are followed at every step.
    const Data* lookup(const Op& op) const {
        if (op.text.size() == 1 && op.text[0] == '.') return stack.back();
        for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
            if (!op.dotted) {
                if (const Data* v = (*it)->get(op.text)) return shared.resolve(v);
                continue;
            }
            const Data* var = *it;
            for (const auto& n : op.names) {
                var = shared.resolve(var->get(n));
                if (!var) break;
            }
            if (var) return var;
        }
        return nullptr;
    }
    void push(const Data* d) { stack.push_back(shared.resolve(d)); }
};

void render_ops(const std::vector<Op>& ops, State& s);

void render_section(const Op& op, const Data* var, State& s) {
    if (var && var->is_non_empty_list()) {
        for (const auto& item : var->list_value()) {
            s.section_tag = true;
            s.push(&item);
            render_ops(op.body, s);
            s.stack.pop_back();
            s.section_tag = true;
        }
    } else if (var) {
        s.section_tag = true;
        s.push(var);
        render_ops(op.body, s);
        s.stack.pop_back();
        s.section_tag = true;
    } else {
        s.section_tag = true;
        render_ops(op.body, s);
        s.section_tag = true;
    }
}

void render_ops(const std::vector<Op>& ops, State& s) {
    for (const Op& op : ops) {
        switch (op.kind) {
            case Op::Kind::text:
                s.append(op.text);
                break;
            case Op::Kind::newline:
                s.end_line(&op.text);
                break;
            case Op::Kind::variable:
            case Op::Kind::raw_variable:
                if (const Data* v = s.lookup(op); v && v->is_string()) {
                    if (op.kind == Op::Kind::variable)
                        s.append_escaped(v->string_value());
                    else
                        s.append(v->string_value());
                }
                break;
            case Op::Kind::section: {
                const Data* v = s.lookup(op);
                if (v && !v->is_false() && !v->is_empty_list()) render_section(op, v, s);
                break;
            }
            case Op::Kind::inverted: {
                const Data* v = s.lookup(op);
                if (!v || v->is_false() || v->is_empty_list()) render_section(op, v, s);
                break;
            }
        }
    }
}

}  // namespace

std::optional<FastLayout> FastLayout::compile(const kainjow::mustache::mustache& layout) {
    if (!layout.is_valid()) return std::nullopt;
    auto ops = std::make_shared<std::vector<Op>>();
    if (!compile_into((layout.*root_member()).children, *ops)) return std::nullopt;
    FastLayout f;
    f.ops_ = std::move(ops);
    return f;
}

std::string FastLayout::render(const kainjow::mustache::data& data,
                               const SharedData& shared) const {
    State s{shared, {}, {}, {}};
    s.stack.reserve(16);
    s.out.reserve(32 * 1024);
    s.line.reserve(4 * 1024);
    s.push(&data);
    render_ops(*ops_, s);
    s.end_line(nullptr);
    return std::move(s.out);
}

}  // namespace brief
