#include "speech/speaker.hpp"

#include <espeak-ng/speak_lib.h>

#include <algorithm>
#include <atomic>
#include <clocale>
#include <stdexcept>

#include "speech/sentences.hpp"

namespace amanat::speech {
namespace {

// The one Speaker (espeak-ng has one synthesis callback for the process), and the
// utterance its worker is synthesising: both read by the callback, which runs
// on the worker thread inside espeak_Synth.
std::atomic<Speaker*> the_speaker{nullptr};
thread_local std::uint64_t synthesising = 0;

// espeak-ng's chunk of PCM, in milliseconds: small, so the first sound of an
// utterance is handed over as soon as it exists and an interruption takes
// effect within one chunk.
constexpr int chunk_ms = 40;

// espeak_Initialize sets the process's LC_CTYPE to C.UTF-8 (for its wctype
// calls), which changes how others encode text: SDL then writes the window's
// WM_NAME as UTF8_STRING, which tools in the C locale cannot read. The locale is
// put back: espeak-ng 1.51 synthesises the same samples either way (checked for
// kk, ko, ru and tr while choosing this).
int initialise_espeak() {
    const std::string ctype = std::setlocale(LC_CTYPE, nullptr);
    const int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, chunk_ms, nullptr, 0);
    std::setlocale(LC_CTYPE, ctype.c_str());
    return rate;
}

int start_espeak_once() {
    // espeak_Initialize again after espeak_Terminate hangs in 1.51, so espeak-ng
    // stays initialised for the process. Static local: initialised once, thread-safe.
    static const int rate = initialise_espeak();
    if (rate <= 0) throw std::runtime_error("espeak-ng could not start: is espeak-ng-data installed?");
    return rate;
}

}  // namespace

// espeak-ng calls this with each chunk of PCM (wav null at the end); returning 1
// aborts the synthesis, which is how a newer utterance interrupts at once.
struct SynthesisCallback {
    static int on_pcm(short* wav, int count, espeak_EVENT*) {
        Speaker* speaker = the_speaker.load();
        if (speaker == nullptr) return 1;
        return speaker->deliver(synthesising, wav, wav == nullptr ? 0 : count) ? 0 : 1;
    }
};

int words_per_minute(RateStep rate) {
    switch (rate) {
        case RateStep::slow:
            return 130;
        case RateStep::normal:
            return 175;  // espeakRATE_NORMAL
        case RateStep::fast:
            return 240;
    }
    return 175;
}

Speaker::Speaker(VoiceTable voices, Woken woken) : voices_(std::move(voices)), woken_(std::move(woken)) {
    Speaker* none = nullptr;
    if (!the_speaker.compare_exchange_strong(none, this))
        throw std::logic_error("only one Speaker may exist: espeak-ng is process-global");
    try {
        sample_rate_ = start_espeak_once();
    } catch (...) {
        the_speaker.store(nullptr);
        throw;
    }
    espeak_SetSynthCallback(&SynthesisCallback::on_pcm);
    worker_ = std::thread([this] { run(); });
}

Speaker::~Speaker() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        ++current_;  // the utterance being synthesised is out of date: its callback aborts
        next_.reset();
    }
    wanted_.notify_one();
    worker_.join();
    the_speaker.store(nullptr);
}

std::uint64_t Speaker::say(std::string_view text, std::string_view language, RateStep rate) {
    std::string voice = voices_.voice_for(language);  // throws NoVoice before anything is dropped
    std::uint64_t number = 0;
    {
        std::lock_guard lock(mutex_);
        number = ++current_;
        pcm_.clear();
        next_ = Utterance{std::string(text), std::move(voice), voices_.built_in_voice_for(language), rate,
                          number};
    }
    wanted_.notify_one();
    return number;
}

void Speaker::hush() {
    {
        std::lock_guard lock(mutex_);
        ++current_;
        pcm_.clear();
        next_.reset();
    }
    wanted_.notify_one();
}

std::size_t Speaker::pull(std::int16_t* samples, std::size_t max) {
    std::lock_guard lock(mutex_);
    const std::size_t count = std::min(max, pcm_.size());
    std::copy_n(pcm_.begin(), count, samples);
    pcm_.erase(pcm_.begin(), pcm_.begin() + static_cast<std::ptrdiff_t>(count));
    return count;
}

std::uint64_t Speaker::synthesised() const {
    std::lock_guard lock(mutex_);
    return synthesised_;
}

bool Speaker::spoken(std::uint64_t number) const {
    std::lock_guard lock(mutex_);
    return synthesised_ >= number && (current_ != number || pcm_.empty());
}

std::string Speaker::voice_error() const {
    std::lock_guard lock(mutex_);
    return voice_error_;
}

void Speaker::run() {
    for (;;) {
        Utterance utterance;
        {
            std::unique_lock lock(mutex_);
            wanted_.wait(lock, [this] { return stopping_ || next_.has_value(); });
            if (stopping_) return;
            utterance = std::move(*next_);
            next_.reset();
        }
        speak(utterance);
        finish(utterance.number);
    }
}

// Sentence by sentence, so the first sentence's PCM is out before the rest is
// translated; stops between sentences, and inside one through the callback,
// once a newer utterance (or hush, or the destructor) makes this one out of date.
void Speaker::speak(const Utterance& utterance) {
    // A voice the venue named that this machine lacks: the built-in one speaks
    // instead (voice_error() names the missing one, for the log).
    if (!choose_voice(utterance.voice) &&
        (utterance.built_in_voice.empty() || utterance.built_in_voice == utterance.voice ||
         !choose_voice(utterance.built_in_voice)))
        return;
    espeak_SetParameter(espeakRATE, words_per_minute(utterance.rate), 0);
    synthesising = utterance.number;
    for (const std::string& sentence : split_sentences(utterance.text)) {
        {
            std::lock_guard lock(mutex_);
            if (utterance.number != current_) return;
        }
        espeak_Synth(sentence.c_str(), sentence.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr,
                     nullptr);
    }
}

// Loading a voice reads its dictionary (a few ms, more for ru): only on a change.
bool Speaker::choose_voice(const std::string& voice) {
    if (voice == loaded_voice_) return true;
    if (espeak_SetVoiceByName(voice.c_str()) != EE_OK) {
        loaded_voice_.clear();
        std::lock_guard lock(mutex_);
        voice_error_ = std::string("espeak-ng has no voice '") + voice + "'";
        return false;
    }
    loaded_voice_ = voice;
    return true;
}

bool Speaker::deliver(std::uint64_t number, const short* wav, int count) {
    {
        std::lock_guard lock(mutex_);
        if (number != current_) return false;
        if (count <= 0) return true;
        pcm_.insert(pcm_.end(), wav, wav + count);
    }
    if (woken_) woken_();
    return true;
}

void Speaker::finish(std::uint64_t number) {
    {
        std::lock_guard lock(mutex_);
        synthesised_ = std::max(synthesised_, number);
    }
    if (woken_) woken_();
}

}  // namespace amanat::speech
