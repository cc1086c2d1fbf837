#pragma once
// The kiosk's voice in speech mode (docs/SPEECH.md): espeak-ng (kiosk/speech)
// speaking into speech's own audio output (the keypad's headphones), piece by
// piece, each piece in its own language's voice.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/localisation/transliteration.hpp"
#include "core/settings/kiosk_config.hpp"
#include "platform/speech_output.hpp"
#include "speech/speaker.hpp"

namespace amanat {

// Thread contract: render thread, but for what the audio side calls (the pull
// given to SpeechOutput, on SDL's audio thread, which only touches the Speaker
// and an atomic). One per process, as the Speaker: it outlives the exhibitions.
class VisitorsVoice {
  public:
    // Something to say: `text` in `language`, or, when no voice speaks that, in
    // the first language of `fallbacks` that has one (the exhibition's fallbacks).
    struct Piece {
        std::string text;
        std::string language;
        std::vector<std::string> fallbacks;
    };

    // Null when espeak-ng cannot start (the reason is logged): speech mode is then
    // off. Without its audio device the voice still works, heard by nobody: the
    // problem is logged and sighted visitors notice nothing. `wake` is called from
    // the audio side when a piece has been spoken (the render loop's wake()).
    // Kazakh and Serbian in Latin letters are spoken from Cyrillic: the rules that
    // turn them back are read from `localisation` (kk-Latn-kk-Cyrl.txt, sr-Latn-sr-Cyrl.txt).
    static std::unique_ptr<VisitorsVoice> start(const SpeechSettings& settings,
                                                const std::filesystem::path& localisation,
                                                std::function<void()> wake);
    ~VisitorsVoice();

    // Says `pieces` one after another, at once, replacing whatever was being said.
    void say(std::vector<Piece> pieces);
    void hush();
    // Starts the next piece once the one before is spoken; the render loop calls
    // it every frame (the audio side wakes it when a piece ends).
    void tick();
    // Something is being said or waits to be.
    bool speaking() const;
    // AMANAT_LOG_SPEECH=1: utterances (and speech mode's focus) are logged.
    bool logs() const { return m_log; }

    // Where speech is heard ("through the default output"), or why it is not, for `amanat status`.
    const std::string& state() const { return m_state; }

    // Each visitor's own, reset with the visit.
    void set_rate(speech::RateStep rate) { m_rate = rate; }
    speech::RateStep rate() const { return m_rate; }
    void set_volume_percent(int percent);
    int volume_percent() const { return m_volume_percent; }

    // Benchmarks and the log: after a key, when the first sound of what it
    // caused reached the audio device (see SpeechOutput::expect_sound).
    void expect_sound();
    std::optional<std::chrono::steady_clock::time_point> take_first_sound();
    // The audio device's buffer, in milliseconds: what it adds to the latency.
    double device_latency_ms() const;

  private:
    VisitorsVoice() = default;
    void start_next();
    bool start_piece(const Piece& piece);
    std::string voice_language(const Piece& piece);

    std::unique_ptr<speech::Speaker> m_speaker;
    std::unique_ptr<platform::SpeechOutput> m_output;
    std::function<void()> m_wake;
    std::atomic<bool> m_wake_when_spoken{false};  // the audio side wakes the loop once per piece
    std::vector<Piece> m_pieces;                  // what is still to be said, the one being said first
    // The Speaker's number for the piece being said (0: none); read by the audio side.
    std::atomic<std::uint64_t> m_current{0};
    bool m_silent = false;
    std::string m_state;  // no audio device: pieces are logged, not said
    speech::RateStep m_rate = speech::RateStep::normal;
    int m_volume_percent = 80;
    const ScriptTransliterator* reader_for(const std::string& language);

    // A Latin script back to the Cyrillic its voice reads, by language; nullopt if
    // its rules failed. Compiled on their own thread (the future), then kept here.
    std::future<std::map<std::string, std::optional<ScriptTransliterator>>> m_readers_compiling;
    std::map<std::string, std::optional<ScriptTransliterator>> m_readers;
    std::set<std::string> m_reported;  // languages whose missing voice was logged
    bool m_log = false;                // AMANAT_LOG_SPEECH=1: every utterance in the log
};

}  // namespace amanat
