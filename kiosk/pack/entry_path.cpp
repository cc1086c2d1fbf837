#include "pack/entry_path.hpp"

#include <cstddef>

namespace amanat::pack {
namespace {

// Strict UTF-8: no overlong forms, surrogates or code points above U+10FFFF,
// which some file systems would store differently from what the manifest says.
bool valid_utf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        std::size_t length = 0;
        char32_t code = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            length = 2;
            code = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            length = 3;
            code = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            length = 4;
            code = c & 0x07;
        } else {
            return false;
        }
        if (i + length > text.size()) return false;
        for (std::size_t k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0) != 0x80) return false;
            code = (code << 6) | (next & 0x3F);
        }
        const char32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
        if (code < smallest[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
        i += length;
    }
    return true;
}

}  // namespace

std::string unsafe_path_reason(std::string_view path) {
    if (path.empty()) return "it is empty";
    if (path.find('\0') != std::string_view::npos) return "it holds a NUL character";
    if (path.front() == '/') return "it is an absolute path (it starts with \"/\")";
    if (path.find('\\') != std::string_view::npos) return "it holds a backslash (\"\\\")";
    if (path.size() > 1024) return "it is longer than 1024 bytes";
    if (!valid_utf8(path)) return "it is not UTF-8 text";
    for (const char c : path) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7F) return "it holds a control character";
    }
    std::size_t start = 0;
    while (true) {
        const std::size_t slash = path.find('/', start);
        const std::string_view part =
            path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
        if (part.empty()) return "it has an empty folder name (\"//\" or a \"/\" at the end)";
        if (part == "..") return "it goes up a folder (\"..\")";
        if (part == ".") return "it holds a \".\" folder";
        if (part.size() > 255) return "one of its names is longer than 255 bytes";
        if (slash == std::string_view::npos) break;
        start = slash + 1;
    }
    return "";
}

}  // namespace amanat::pack
