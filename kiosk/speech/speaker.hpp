#pragma once
// The kiosk's voice: texts spoken with espeak-ng on a worker thread, as PCM the
// audio side pulls. Issue 25: speech mode for blind and low-vision visitors.
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "speech/voice_table.hpp"

namespace amanat::speech {

// espeak-ng's speaking rate in words a minute: slow, its default, fast.
enum class RateStep { slow, normal, fast };
int words_per_minute(RateStep rate);

// Thread contract:
// - say(), hush(), pull(), sample_rate() and the getters may be called from any
//   thread (the render loop says, SDL's audio callback pulls); none of them waits
//   for synthesis: they take one short lock.
// - espeak-ng is called from the Speaker's worker thread only. Its API is
//   process-global and not re-entrant (one synthesis callback, one voice), so
//   only one Speaker may exist at a time: a second one throws std::logic_error.
//   espeak-ng is initialised once per process and never terminated (1.51 hangs
//   when initialised a third time after espeak_Terminate).
// - `woken` is called on the worker thread, without the lock held, whenever new
//   PCM is ready and when an utterance has been synthesised to its end or
//   interrupted. It must be quick and thread-safe (the kiosk pushes an SDL event).
// - PCM is 16-bit signed mono at sample_rate(), not scaled: volume is the audio side's.
class Speaker {
  public:
    using Woken = std::function<void()>;

    // Starts the worker and espeak-ng; throws std::runtime_error if espeak-ng
    // cannot start (no espeak-ng-data) and std::logic_error if a Speaker exists.
    Speaker(VoiceTable voices, Woken woken);
    // Interrupts what is being said and joins the worker (within one PCM chunk).
    ~Speaker();
    Speaker(const Speaker&) = delete;
    Speaker& operator=(const Speaker&) = delete;

    // Queues `text` in `language`, replacing at once whatever was being said or
    // waiting to be pulled. Returns the utterance's number (1, 2, ...). Throws
    // NoVoice, naming the language, if no voice speaks it (nothing is interrupted).
    std::uint64_t say(std::string_view text, std::string_view language, RateStep rate);
    // Stops speaking: what was being said is dropped, nothing replaces it.
    void hush();

    // Moves up to `max` samples of the current utterance into `samples`; returns
    // how many (0 when nothing is ready: the caller plays silence).
    std::size_t pull(std::int16_t* samples, std::size_t max);

    int sample_rate() const { return sample_rate_; }
    const VoiceTable& voices() const { return voices_; }
    // The number of the last utterance whose synthesis has ended (spoken to its
    // end or interrupted); equal to say()'s result once all its PCM is queued.
    std::uint64_t synthesised() const;
    // Utterance `number` is over: synthesised to its end (or interrupted) and every
    // sample of it pulled. The audio side has then played it, but for its buffer.
    bool spoken(std::uint64_t number) const;
    // A voice espeak-ng would not load, empty if none: the venue's table named a
    // voice this machine lacks. Such an utterance gives no PCM.
    std::string voice_error() const;

  private:
    struct Utterance {
        std::string text;
        std::string voice;
        std::string built_in_voice;  // if `voice` (the venue's) will not load; may be empty
        RateStep rate;
        std::uint64_t number;
    };
    friend struct SynthesisCallback;

    void run();
    void speak(const Utterance& utterance);
    bool choose_voice(const std::string& voice);
    // Called from espeak-ng's callback: false once the utterance is out of date.
    bool deliver(std::uint64_t number, const short* wav, int count);
    void finish(std::uint64_t number);

    const VoiceTable voices_;
    const Woken woken_;
    int sample_rate_ = 0;
    std::string loaded_voice_;  // worker thread only

    mutable std::mutex mutex_;
    std::condition_variable wanted_;
    std::optional<Utterance> next_;  // guarded by mutex_
    std::uint64_t current_ = 0;      // the newest utterance's number; guarded by mutex_
    std::uint64_t synthesised_ = 0;  // guarded by mutex_
    std::deque<std::int16_t> pcm_;   // the current utterance's samples; guarded by mutex_
    std::string voice_error_;        // guarded by mutex_
    bool stopping_ = false;          // guarded by mutex_
    std::thread worker_;
};

}  // namespace amanat::speech
