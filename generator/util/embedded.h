#pragma once
// Files compiled into the binary at build time (cmake/embed.cmake): in goes a folder of the
// source tree, out come its files by relative path, so the installed binary needs no source
// tree.

#include <span>
#include <string_view>

namespace brief {

/// One embedded file: its path relative to the embedded folder ("layouts/home.mustache") and
/// its bytes.
struct EmbeddedFile {
    std::string_view path;
    std::string_view bytes;
};

/// The default theme: every file under templates/ (layouts, partials, i18n, static), sorted by
/// path.
std::span<const EmbeddedFile> embedded_theme();

/// The skeleton of a new desk (`brief init`): every file under desk/, sorted by path, with
/// `{{key}}` placeholders (cli/desk.h fills them in).
std::span<const EmbeddedFile> embedded_desk();

}  // namespace brief
