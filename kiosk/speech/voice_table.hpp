#pragma once
// Which espeak-ng voice speaks each of the exhibition's languages.
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace amanat::speech {

// A language the kiosk was asked to speak and has no voice for; what() names it.
struct NoVoice : std::runtime_error {
    explicit NoVoice(const std::string& language);
};

// From our language tags to espeak-ng voice names (as `espeak-ng --voices`
// lists them, the "File" column's last part: "kk", "en", "fr").
// Kazakh and Serbian in Latin letters (kk-Latn, sr-Latn) are spoken by the
// Cyrillic voices: the caller passes the Cyrillic original of the text (the
// bundle has it), because espeak-ng's kk and sr voices read Cyrillic.
// Immutable after construction: may be read from any thread.
class VoiceTable {
  public:
    // `venue_voices` (later kiosk.toml's [speech] voices) wins over the built-in table.
    explicit VoiceTable(std::map<std::string, std::string> venue_voices = {});

    // The voice for a tag: the tag itself, then its language without script or
    // region ("kk-Latn" -> "kk"), first in the venue's table, then the built-in one.
    // Throws NoVoice naming the tag.
    const std::string& voice_for(std::string_view language) const;
    // Whether voice_for(language) would find one.
    bool has_voice(std::string_view language) const;
    // The built-in table's voice for a tag, ignoring the venue's ("" if none):
    // what speaks when the voice a venue named is not on this machine.
    std::string built_in_voice_for(std::string_view language) const;
    // The language whose voice speaks a text in `language`: itself, else the
    // first of `fallbacks` (the exhibition's fallback chain) that has a voice.
    std::optional<std::string> first_spoken(std::string_view language,
                                            const std::vector<std::string>& fallbacks) const;

    static const std::map<std::string, std::string>& built_in();

  private:
    const std::string* find(std::string_view language, bool venue) const;

    std::map<std::string, std::string> venue_voices_;
};

}  // namespace amanat::speech
