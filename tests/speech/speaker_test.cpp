#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdint>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "speech/speaker.hpp"

using amanat::speech::NoVoice;
using amanat::speech::RateStep;
using amanat::speech::Speaker;
using amanat::speech::VoiceTable;

namespace {

// The kiosk's side of the Speaker in these tests: wake-ups counted under a
// lock, and waits on them with a generous timeout (never a sleep).
struct Listener {
    std::mutex mutex;
    std::condition_variable woken;
    std::uint64_t wake_ups = 0;

    Speaker::Woken callback() {
        return [this] {
            {
                std::lock_guard lock(mutex);
                ++wake_ups;
            }
            woken.notify_all();
        };
    }
    // Waits (up to 60 s on a loaded machine) until `done` holds, checked at each wake-up.
    bool wait_until(const std::function<bool()>& done) {
        std::unique_lock lock(mutex);
        return woken.wait_for(lock, std::chrono::seconds(60), [&] { return done(); });
    }
};

std::vector<std::int16_t> pull_all(Speaker& speaker) {
    std::vector<std::int16_t> all;
    std::int16_t chunk[4096];
    while (std::size_t n = speaker.pull(chunk, std::size(chunk))) all.insert(all.end(), chunk, chunk + n);
    return all;
}

// Says `text` and returns all its PCM once it is synthesised.
std::vector<std::int16_t> spoken(Speaker& speaker, Listener& listener, const std::string& text,
                                 const std::string& language, RateStep rate = RateStep::normal) {
    const auto number = speaker.say(text, language, rate);
    REQUIRE(listener.wait_until([&] { return speaker.synthesised() >= number; }));
    return pull_all(speaker);
}

double rms(const std::vector<std::int16_t>& pcm) {
    double sum = 0;
    for (auto s : pcm) sum += double(s) * s;
    return pcm.empty() ? 0 : std::sqrt(sum / double(pcm.size()));
}

double seconds(const Speaker& speaker, const std::vector<std::int16_t>& pcm) {
    return double(pcm.size()) / speaker.sample_rate();
}

// A long text: many sentences, a minute or more of speech.
std::string long_story() {
    std::string story;
    for (int i = 0; i < 40; ++i)
        story +=
            "The kobyz is an ancient string instrument, played with a bow by the storytellers of the "
            "steppe. ";
    return story;
}

void write_wav(const std::string& path, const std::vector<std::int16_t>& pcm, int rate) {
    auto u32 = [](std::ofstream& out, std::uint32_t v) { out.write(reinterpret_cast<const char*>(&v), 4); };
    auto u16 = [](std::ofstream& out, std::uint16_t v) { out.write(reinterpret_cast<const char*>(&v), 2); };
    std::ofstream out(path, std::ios::binary);
    const auto bytes = std::uint32_t(pcm.size() * 2);
    out.write("RIFF", 4), u32(out, 36 + bytes), out.write("WAVEfmt ", 8), u32(out, 16), u16(out, 1),
        u16(out, 1);
    u32(out, std::uint32_t(rate)), u32(out, std::uint32_t(rate * 2)), u16(out, 2), u16(out, 16);
    out.write("data", 4), u32(out, bytes);
    out.write(reinterpret_cast<const char*>(pcm.data()), std::streamsize(bytes));
}

}  // namespace

TEST_CASE("speech: every tour language is spoken as sound of a sentence's length") {
    const std::vector<std::pair<std::string, std::string>> sentences{
        {"kk", "Қобыз — қазақтың ежелгі ішекті аспабы."},
        {"ru", "Кобыз — древний струнный инструмент казахов."},
        {"en", "The kobyz is an ancient Kazakh string instrument."},
        {"nl", "De kobyz is een oud Kazachs snaarinstrument."},
        {"tr", "Kobız, Kazakların eski bir telli çalgısıdır."},
        {"ko", "거문고는 한국의 전통 현악기입니다."},
        {"fr", "Le kobyz est un ancien instrument à cordes kazakh."},
        {"de", "Die Kobys ist ein altes kasachisches Saiteninstrument."},
        {"it", "Il kobyz è un antico strumento a corde kazako."},
        {"cs", "Kobyz je starobylý kazašský strunný nástroj."},
        {"sr", "Кобиз је стари казашки жичани инструмент."},
        {"hu", "A kobiz egy ősi kazah vonós hangszer."},
    };
    Listener listener;
    Speaker speaker(VoiceTable{}, listener.callback());
    CHECK(speaker.sample_rate() > 8000);
    for (const auto& [language, text] : sentences) {
        CAPTURE(language);
        const auto pcm = spoken(speaker, listener, text, language);
        CHECK(seconds(speaker, pcm) > 1.0);  // a sentence of 5-8 words, not a blip
        CHECK(seconds(speaker, pcm) < 8.0);  // nor letters spelt out one by one
        CHECK(rms(pcm) > 500.0);             // a voice, not silence
        if (language == "kk")
            write_wav(std::string(AMANAT_SPEECH_WAV_DIR) + "/speech-kk.wav", pcm, speaker.sample_rate());
    }
    CHECK(speaker.voice_error().empty());
    CHECK(listener.wake_ups > sentences.size());
}

TEST_CASE("speech: Kazakh in Latin letters is spoken by the Kazakh voice from the Cyrillic text") {
    Listener listener;
    Speaker speaker(VoiceTable{}, listener.callback());
    const std::string text = "Қобыз — қазақтың ежелгі ішекті аспабы.";
    // Same voice, same text: the same length (espeak-ng carries a little state from
    // one utterance to the next, such as the pause before it, so not the same samples).
    const auto latin = spoken(speaker, listener, text, "kk-Latn").size();
    const auto cyrillic = spoken(speaker, listener, text, "kk").size();
    CHECK(double(latin) == doctest::Approx(double(cyrillic)).epsilon(0.05));
}

TEST_CASE("speech: a second say interrupts the first, and only the second is heard after it") {
    Listener listener;
    Speaker speaker(VoiceTable{}, listener.callback());
    const std::string second = "Gallery, 12 objects in 3 sections.";
    const auto second_alone = spoken(speaker, listener, second, "en");

    const auto first = speaker.say(long_story(), "en", RateStep::normal);
    std::int16_t some[512];
    REQUIRE(listener.wait_until([&] { return speaker.pull(some, std::size(some)) > 0; }));
    const auto interrupter = speaker.say(second, "en", RateStep::normal);
    REQUIRE(listener.wait_until([&] { return speaker.synthesised() >= interrupter; }));
    const auto after = pull_all(speaker);

    // The first's audio stopped and none of it is left: what follows is the second
    // alone (within espeak-ng's few ms of pause carried from one utterance to the next).
    CHECK(interrupter == first + 1);
    CHECK(double(after.size()) == doctest::Approx(double(second_alone.size())).epsilon(0.05));
    CHECK(after.size() * 20 < std::size_t(speaker.sample_rate()) * 60);  // far less than a minute of story
}

TEST_CASE("speech: hush drops what was being said") {
    Listener listener;
    Speaker speaker(VoiceTable{}, listener.callback());
    const auto number = speaker.say(long_story(), "en", RateStep::normal);
    std::int16_t some[512];
    REQUIRE(listener.wait_until([&] { return speaker.pull(some, std::size(some)) > 0; }));
    speaker.hush();
    REQUIRE(listener.wait_until([&] { return speaker.synthesised() >= number; }));
    CHECK(pull_all(speaker).empty());
}

TEST_CASE("speech: an unknown language is refused, naming it, and nothing is interrupted") {
    Listener listener;
    Speaker speaker(VoiceTable{}, listener.callback());
    CHECK_THROWS_WITH_AS(speaker.say("Molo", "xh", RateStep::normal), doctest::Contains("'xh'"), NoVoice);
    CHECK_THROWS_WITH_AS(speaker.say("?", "", RateStep::normal), doctest::Contains("''"), NoVoice);
}

TEST_CASE("speech: a venue's voice that espeak-ng lacks is named, and the built-in voice speaks instead") {
    Listener listener;
    Speaker speaker(VoiceTable(std::map<std::string, std::string>{{"en", "no-such-voice"}}),
                    listener.callback());
    CHECK(rms(spoken(speaker, listener, "Hello, and welcome.", "en")) > 300);
    CHECK(speaker.voice_error().find("'no-such-voice'") != std::string::npos);
    CHECK(!spoken(speaker, listener, "Сәлем.", "kk").empty());  // the others still speak
}

TEST_CASE("speech: a language without a voice is spoken by the first of its fallbacks that has one") {
    const VoiceTable voices;
    CHECK(voices.first_spoken("kk", {"ru", "en"}) == "kk");
    CHECK(voices.first_spoken("kk-Latn", {"kk", "en"}) == "kk-Latn");
    CHECK(voices.first_spoken("uz", {"uz", "ru", "en"}) == "ru");
    CHECK(voices.first_spoken("xh", {"zu"}) == std::nullopt);
    const VoiceTable venue(std::map<std::string, std::string>{{"uz", "uz"}});
    CHECK(venue.first_spoken("uz", {"ru"}) == "uz");
    CHECK(venue.built_in_voice_for("uz").empty());
    CHECK(venue.built_in_voice_for("en-GB") == "en");
}

TEST_CASE("speech: the fast rate is shorter than the normal, the normal than the slow") {
    Listener listener;
    Speaker speaker(VoiceTable{}, listener.callback());
    const std::string text = "Домбыра — екі ішекті, ұзын мойынды қазақ аспабы.";
    const auto slow = spoken(speaker, listener, text, "kk", RateStep::slow).size();
    const auto normal = spoken(speaker, listener, text, "kk", RateStep::normal).size();
    const auto fast = spoken(speaker, listener, text, "kk", RateStep::fast).size();
    CHECK(fast < normal);
    CHECK(normal < slow);
    CHECK(double(fast) < 0.85 * double(slow));
}

TEST_CASE("speech: only one Speaker at a time, and another may follow it") {
    Listener listener;
    {
        Speaker first(VoiceTable{}, listener.callback());
        CHECK_THROWS_AS(Speaker(VoiceTable{}, listener.callback()), std::logic_error);
    }
    Speaker next(VoiceTable{}, listener.callback());
    CHECK(!spoken(next, listener, "Сәлем.", "kk").empty());
}

TEST_CASE("speech: a Speaker destroyed while speaking neither hangs nor crashes") {
    Listener listener;
    for (int i = 0; i < 5; ++i) {
        Speaker speaker(VoiceTable{}, listener.callback());
        speaker.say(long_story(), i % 2 ? "ru" : "en", RateStep::slow);
        if (i % 2 == 0) {
            std::int16_t some[64];
            REQUIRE(listener.wait_until([&] { return speaker.pull(some, std::size(some)) > 0; }));
        }
    }  // each destructor interrupts mid-story and joins its worker
    CHECK(true);
}
