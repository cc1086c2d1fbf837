#pragma once
// Which espeak-ng voice speaks each of the exhibition's languages.
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

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

    static const std::map<std::string, std::string>& built_in();

  private:
    std::map<std::string, std::string> venue_voices_;
};

}  // namespace amanat::speech
