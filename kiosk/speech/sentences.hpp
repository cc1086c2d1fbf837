#pragma once
// A text cut into sentences, so that the first one is spoken while the rest is
// still being synthesised.
#include <string>
#include <string_view>
#include <vector>

namespace amanat::speech {

// Cuts after '.', '!', '?', '…' or ';' followed by white space, and at blank
// lines (a story's paragraphs). Pieces keep their punctuation (espeak-ng's
// intonation needs it) and lose the white space around them; empty pieces are
// dropped. A short label is one piece. Pure: any thread.
std::vector<std::string> split_sentences(std::string_view text);

}  // namespace amanat::speech
