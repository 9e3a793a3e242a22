#pragma once
// A unified diff of two texts, line by line (the format of `diff -u` and git), for `brief
// theme diff`. In go two texts and their labels; out comes the patch, empty when they are
// the same.

#include <string>
#include <string_view>

namespace brief {

/// `diff -u` of `a` (labelled `label_a`) against `b`, with `context` unchanged lines around
/// each change; empty when the texts are equal. A missing newline at the end is marked as GNU
/// diff marks it.
std::string unified_diff(std::string_view a, std::string_view b, std::string_view label_a,
                         std::string_view label_b, int context = 3);

}  // namespace brief
