#include "speech/voice_table.hpp"

namespace amanat::speech {

NoVoice::NoVoice(const std::string& language)
    : std::runtime_error(std::string("no speech voice for the language '") + language +
                         "': give one in kiosk.toml's [speech] voices (docs/SPEECH.md)") {}

VoiceTable::VoiceTable(std::map<std::string, std::string> venue_voices)
    : venue_voices_(std::move(venue_voices)) {}

const std::map<std::string, std::string>& VoiceTable::built_in() {
    // The tour's languages. espeak-ng 1.51 (Debian 12) knows "en" (British English)
    // and "fr" (France) by these names, not by "en-gb" or "fr-fr".
    static const std::map<std::string, std::string> table{
        {"kk", "kk"}, {"ru", "ru"}, {"en", "en"}, {"nl", "nl"}, {"tr", "tr"}, {"ko", "ko"},
        {"fr", "fr"}, {"de", "de"}, {"it", "it"}, {"cs", "cs"}, {"sr", "sr"}, {"hu", "hu"},
    };
    return table;
}

const std::string* VoiceTable::find(std::string_view language, bool venue) const {
    const std::string tag(language);
    const std::string base = tag.substr(0, tag.find('-'));
    for (const std::string& key : {tag, base}) {
        if (venue)
            if (auto it = venue_voices_.find(key); it != venue_voices_.end()) return &it->second;
        if (auto it = built_in().find(key); it != built_in().end()) return &it->second;
    }
    return nullptr;
}

const std::string& VoiceTable::voice_for(std::string_view language) const {
    if (const std::string* voice = find(language, true)) return *voice;
    throw NoVoice(std::string(language));
}

bool VoiceTable::has_voice(std::string_view language) const {
    return find(language, true) != nullptr;
}

std::string VoiceTable::built_in_voice_for(std::string_view language) const {
    const std::string* voice = find(language, false);
    return voice != nullptr ? *voice : std::string();
}

std::optional<std::string> VoiceTable::first_spoken(std::string_view language,
                                                    const std::vector<std::string>& fallbacks) const {
    if (has_voice(language)) return std::string(language);
    for (const std::string& fallback : fallbacks)
        if (has_voice(fallback)) return fallback;
    return std::nullopt;
}

}  // namespace amanat::speech
