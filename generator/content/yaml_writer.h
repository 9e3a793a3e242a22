#pragma once
// Writes YAML scalars for the files Brief starts (`brief new`, `brief init`): text goes in as a
// string, a YAML scalar that reads back as the same text comes out, spelled as the earlier
// YAML emitter spelled it so generated files do not change.

#include <string>
#include <string_view>
#include <vector>

namespace brief {

/// `text` in double quotes, with '"', '\\' and control characters escaped.
std::string yaml_double_quoted(std::string_view text);

/// `text` as a plain scalar when it reads back unchanged, else double-quoted; `in_flow` for an
/// item of a [ ] list.
std::string yaml_scalar(std::string_view text, bool in_flow = false);

/// A flow list "[a, b]" of scalars ("[]" when empty).
std::string yaml_flow_list(const std::vector<std::string>& items);

}  // namespace brief
