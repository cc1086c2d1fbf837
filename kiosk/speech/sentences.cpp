#include "speech/sentences.hpp"

namespace amanat::speech {
namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Whether a sentence ends just before `text[at]` (at is the first white space after it).
bool ends_sentence(std::string_view text, std::size_t at) {
    if (at == 0) return false;
    const char last = text[at - 1];
    if (last == '.' || last == '!' || last == '?' || last == ';') return true;
    // U+2026 HORIZONTAL ELLIPSIS, E2 80 A6 in UTF-8.
    return at >= 3 && text.substr(at - 3, 3) == "\xE2\x80\xA6";
}

bool blank_line_at(std::string_view text, std::size_t at) {
    return text[at] == '\n' && text.find_first_not_of(" \t\r", at + 1) != std::string_view::npos &&
           text[text.find_first_not_of(" \t\r", at + 1)] == '\n';
}

void keep(std::vector<std::string>& pieces, std::string_view piece) {
    const auto first = piece.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return;
    const auto last = piece.find_last_not_of(" \t\r\n");
    pieces.emplace_back(piece.substr(first, last - first + 1));
}

}  // namespace

std::vector<std::string> split_sentences(std::string_view text) {
    std::vector<std::string> pieces;
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (!is_space(text[i])) continue;
        if (ends_sentence(text, i) || blank_line_at(text, i)) {
            keep(pieces, text.substr(start, i - start));
            start = i;
        }
    }
    keep(pieces, text.substr(start));
    return pieces;
}

}  // namespace amanat::speech
