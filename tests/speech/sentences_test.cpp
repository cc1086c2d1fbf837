#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "speech/sentences.hpp"
#include "speech/voice_table.hpp"

using amanat::speech::NoVoice;
using amanat::speech::split_sentences;
using amanat::speech::VoiceTable;

TEST_CASE("speech: a story is cut into sentences and paragraphs, a label stays whole") {
    CHECK(split_sentences("Gallery, 12 objects in 3 sections") ==
          std::vector<std::string>{"Gallery, 12 objects in 3 sections"});
    CHECK(split_sentences("  Қобыз — ежелгі аспап. Оны бақсылар ұстаған!  Неге? ") ==
          std::vector<std::string>{"Қобыз — ежелгі аспап.", "Оны бақсылар ұстаған!", "Неге?"});
    CHECK(split_sentences("First paragraph\n\nSecond… and more") ==
          std::vector<std::string>{"First paragraph", "Second…", "and more"});
    CHECK(split_sentences("3.5 kg") == std::vector<std::string>{"3.5 kg"});
    CHECK(split_sentences(" \n ").empty());
}

TEST_CASE("speech: each tour language has a voice, Latin Kazakh and Serbian use the Cyrillic ones") {
    const VoiceTable voices;
    for (const char* tag : {"kk", "ru", "en", "nl", "tr", "ko", "fr", "de", "it", "cs", "sr", "hu"})
        CHECK_NOTHROW(voices.voice_for(tag));
    CHECK(voices.voice_for("kk-Latn") == "kk");
    CHECK(voices.voice_for("sr-Latn") == "sr");
    CHECK(voices.voice_for("en") == "en");
}

TEST_CASE("speech: a venue's voice wins, and a language without a voice is named in the error") {
    const VoiceTable voices(std::map<std::string, std::string>{{"en", "en-us"}, {"kk-Latn", "tr"}});
    CHECK(voices.voice_for("en") == "en-us");
    CHECK(voices.voice_for("en-GB") == "en-us");
    CHECK(voices.voice_for("kk-Latn") == "tr");
    CHECK(voices.voice_for("kk") == "kk");
    CHECK_THROWS_WITH_AS(voices.voice_for("xh"), doctest::Contains("'xh'"), NoVoice);
}
