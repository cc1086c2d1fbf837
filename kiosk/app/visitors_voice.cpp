#include "app/visitors_voice.hpp"

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <future>
#include <map>
#include <tuple>
#include <utility>

namespace amanat {
namespace {

// The rules that turn a Latin script back into the Cyrillic its voice reads
// (kk-Latn, sr-Latn), by language. ICU takes ~30 ms for Kazakh's: compiled on a
// thread of their own from start(), neither before the first frame nor on the
// render thread. A faulty file is logged; that language is then spoken as written.
std::map<std::string, std::optional<ScriptTransliterator>> compile_readers(
    std::filesystem::path localisation) {
    std::map<std::string, std::optional<ScriptTransliterator>> readers;
    for (const auto& [latin, file, cyrillic] : {std::tuple{"kk-Latn", "kk-Latn-kk-Cyrl.txt", "kk"},
                                                std::tuple{"sr-Latn", "sr-Latn-sr-Cyrl.txt", "sr"}}) {
        Diagnostics problems;
        readers[latin] = ScriptTransliterator::load(localisation / file, latin, cyrillic, problems);
        for (const Diagnostic& problem : problems.items())
            std::fprintf(stderr, "amanat-kiosk: speech: %s:%d: %s; %s is spoken as written\n",
                         problem.file.c_str(), problem.line, problem.message.c_str(), latin);
    }
    return readers;
}

}  // namespace

std::unique_ptr<VisitorsVoice> VisitorsVoice::start(const SpeechSettings& settings,
                                                    const std::filesystem::path& localisation,
                                                    std::function<void()> wake) {
    std::unique_ptr<VisitorsVoice> voice(new VisitorsVoice());
    voice->m_readers_compiling = std::async(std::launch::async, compile_readers, localisation);
    voice->m_wake = std::move(wake);
    const char* log = std::getenv("AMANAT_LOG_SPEECH");
    voice->m_log = log != nullptr && std::string(log) == "1";
    VisitorsVoice* self = voice.get();
    try {
        voice->m_speaker = std::make_unique<speech::Speaker>(speech::VoiceTable(settings.voices), [self] {
            // Synthesis ended: nothing to do until the audio side has played it.
            (void)self;
        });
    } catch (const std::exception& error) {
        std::fprintf(stderr, "amanat-kiosk: speech: cannot start espeak-ng (%s); speech mode is off\n",
                     error.what());
        return nullptr;
    }
    std::string problem;
    voice->m_output = platform::SpeechOutput::open(
        settings.device, voice->m_speaker->sample_rate(),
        [self](std::int16_t* samples, std::size_t max) {
            const std::size_t pulled = self->m_speaker->pull(samples, max);
            // The piece's last samples are out: the loop says the next one.
            const std::uint64_t current = self->m_current.load();
            if (pulled < max && current != 0 && self->m_wake_when_spoken.load() &&
                self->m_speaker->spoken(current) && self->m_wake_when_spoken.exchange(false))
                self->m_wake();
            return pulled;
        },
        problem);
    if (voice->m_output == nullptr) {
        voice->m_silent = true;
        voice->m_state = "NO SOUND: " + problem;
        std::fprintf(stderr,
                     "amanat-kiosk: speech: %s The kiosk goes on without speech; sighted visitors notice "
                     "nothing.\n",
                     problem.c_str());
    } else {
        voice->m_state = "through " + voice->m_output->name();
        std::fprintf(stderr, "amanat-kiosk: speech: speaking through %s (%.0f ms of buffer)\n",
                     voice->m_output->name().c_str(), voice->device_latency_ms());
    }
    voice->set_volume_percent(settings.volume_percent);
    return voice;
}

VisitorsVoice::~VisitorsVoice() {
    m_output.reset();  // the audio side stops pulling before the speaker goes
}

void VisitorsVoice::say(std::vector<Piece> pieces) {
    hush();
    m_pieces = std::move(pieces);
    start_next();
}

void VisitorsVoice::hush() {
    m_pieces.clear();
    m_current = 0;
    m_speaker->hush();
}

void VisitorsVoice::tick() {
    if (m_current == 0 || !m_speaker->spoken(m_current)) return;
    m_current = 0;
    if (!m_pieces.empty()) m_pieces.erase(m_pieces.begin());
    start_next();
}

// The first piece that can be said, said; those that cannot (no text, no voice;
// every piece when there is no audio device) are logged and passed over.
void VisitorsVoice::start_next() {
    while (!m_pieces.empty()) {
        if (!m_pieces.front().text.empty() && start_piece(m_pieces.front())) return;
        m_pieces.erase(m_pieces.begin());
    }
}

bool VisitorsVoice::speaking() const {
    return m_current != 0;
}

// The language whose voice speaks `piece`: its own, else the first fallback
// with a voice (logged once per language), else none (empty).
std::string VisitorsVoice::voice_language(const Piece& piece) {
    const std::optional<std::string> spoken =
        m_speaker->voices().first_spoken(piece.language, piece.fallbacks);
    if (spoken != piece.language && m_reported.insert(piece.language).second) {
        if (spoken)
            std::fprintf(stderr,
                         "amanat-kiosk: speech: no voice speaks %s; speaking it with the voice for %s, the "
                         "exhibition's fallback (name one in kiosk.toml's [speech.voices])\n",
                         piece.language.c_str(), spoken->c_str());
        else
            std::fprintf(stderr,
                         "amanat-kiosk: speech: no voice speaks %s, nor any of its fallbacks; left unsaid\n",
                         piece.language.c_str());
    }
    return spoken.value_or(std::string());
}

// The reader for `language`, null for a language spoken as written. The first
// call waits for compile_readers() if it has not finished (it has, by the time a
// visitor chooses a language).
const ScriptTransliterator* VisitorsVoice::reader_for(const std::string& language) {
    if (m_readers_compiling.valid()) m_readers = m_readers_compiling.get();
    const auto found = m_readers.find(language);
    return found != m_readers.end() && found->second ? &*found->second : nullptr;
}

bool VisitorsVoice::start_piece(const Piece& piece) {
    std::string language = voice_language(piece);
    if (language.empty()) return false;
    std::string text = piece.text;
    if (const ScriptTransliterator* reader = reader_for(language)) {
        text = reader->transliterate(text);
        language = reader->target_language();
    }
    if (m_log) std::fprintf(stderr, "amanat-kiosk: says [%s] %s\n", language.c_str(), text.c_str());
    if (m_silent) return false;  // nobody would hear it
    m_wake_when_spoken.store(false);
    m_current = m_speaker->say(text, language, m_rate);
    m_wake_when_spoken.store(true);
    if (const std::string error = m_speaker->voice_error(); !error.empty() && m_reported.insert(error).second)
        std::fprintf(stderr,
                     "amanat-kiosk: speech: %s (kiosk.toml's [speech.voices]); the built-in voice speaks\n",
                     error.c_str());
    return true;
}

void VisitorsVoice::set_volume_percent(int percent) {
    m_volume_percent = percent;
    if (m_output) m_output->set_volume(static_cast<float>(percent) / 100.0f);
}

void VisitorsVoice::expect_sound() {
    if (m_output) m_output->expect_sound();
}

std::optional<std::chrono::steady_clock::time_point> VisitorsVoice::take_first_sound() {
    return m_output ? m_output->take_first_sound() : std::nullopt;
}

double VisitorsVoice::device_latency_ms() const {
    return m_output ? 1000.0 * m_output->buffer_samples() / m_speaker->sample_rate() : 0.0;
}

}  // namespace amanat
