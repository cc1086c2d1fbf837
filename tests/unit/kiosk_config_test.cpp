#include <doctest/doctest.h>

#include <fstream>
#include <regex>

#include "core/settings/kiosk_config.hpp"
#include "synthetic_bundle.hpp"

using namespace amanat;

TEST_CASE("kiosk config: a venue's settings") {
    testing::TemporaryFolder folder;
    testing::write_file(
        folder.path() / "kiosk.toml",
        "[visitors]\nidle_timeout_seconds = 120\nlanguages = [\"nl\", \"en\"]\ntext_size = \"large\"\n"
        "\n[display]\ndiagonal_inches = 43\n");
    Diagnostics problems;
    const KioskConfig config = load_kiosk_config(folder.path() / "kiosk.toml", problems);
    CHECK(problems.items().empty());
    CHECK(config.idle_timeout_seconds == 120);
    CHECK(config.languages == std::vector<std::string>{"nl", "en"});
    CHECK(config.text_size == TextSize::Large);
    CHECK(config.screen_diagonal_inches == 43.0f);
}

TEST_CASE("kiosk config: mistakes are reported with their line and keep the defaults") {
    testing::TemporaryFolder folder;
    testing::write_file(folder.path() / "kiosk.toml",
                        "[visitors]\nidle_timeout = 120\ntext_size = \"huge\"\n[display]\ndpi = -3\n");
    Diagnostics problems;
    const KioskConfig config = load_kiosk_config(folder.path() / "kiosk.toml", problems);
    REQUIRE(problems.items().size() == 3);
    CHECK(problems.items()[0].line == 2);
    CHECK(problems.items()[0].fix.find("idle_timeout_seconds") != std::string::npos);
    CHECK(problems.items()[1].line == 3);
    CHECK(problems.items()[2].line == 5);
    CHECK_FALSE(config.idle_timeout_seconds);
    CHECK(config.text_size == TextSize::Normal);
    CHECK_FALSE(config.screen_dpi);
}

TEST_CASE("kiosk config: a screen size of nan is refused with its line (found by tests/fuzz)") {
    testing::TemporaryFolder folder;
    testing::write_file(folder.path() / "kiosk.toml", "[display]\ndpi = nan\ndiagonal_inches = -nan\n");
    Diagnostics problems;
    const KioskConfig config = load_kiosk_config(folder.path() / "kiosk.toml", problems);
    REQUIRE(problems.items().size() == 2);
    CHECK(problems.items()[0].line == 2);
    CHECK(problems.items()[1].line == 3);
    CHECK_FALSE(config.screen_dpi);
    CHECK_FALSE(config.screen_diagonal_inches);
}

TEST_CASE("kiosk config: the documented example in packaging/ loads without problems") {
    Diagnostics out;
    const KioskConfig config =
        load_kiosk_config(std::filesystem::path(AMANAT_SOURCE_DIR) / "packaging" / "kiosk.toml", out);
    CHECK(out.items().empty());
    CHECK_FALSE(config.idle_timeout_seconds.has_value());  // every setting is commented out
}

TEST_CASE("kiosk config: media volume, and an out-of-range one keeps the default with its line") {
    testing::TemporaryFolder folder;
    testing::write_file(folder.path() / "a.toml", "[media]\nvolume_percent = 70\n");
    Diagnostics fine;
    CHECK(load_kiosk_config(folder.path() / "a.toml", fine).volume_percent == 70);
    CHECK(fine.items().empty());
    testing::write_file(folder.path() / "b.toml", "[media]\n\nvolume_percent = 170\n");
    Diagnostics out;
    CHECK(load_kiosk_config(folder.path() / "b.toml", out).volume_percent == 100);
    REQUIRE(out.items().size() == 1);
    CHECK(out.items()[0].line == 3);
}

TEST_CASE("kiosk config: the renderer, and a misspelt one keeps the automatic choice with its line") {
    testing::TemporaryFolder folder;
    Diagnostics none;
    testing::write_file(folder.path() / "none.toml", "[display]\npixel_shift = true\n");
    CHECK(load_kiosk_config(folder.path() / "none.toml", none).renderer == Renderer::Automatic);
    for (const auto& [text, renderer] :
         {std::pair{"auto", Renderer::Automatic}, std::pair{"gpu", Renderer::Gpu},
          std::pair{"software", Renderer::Software}}) {
        testing::write_file(folder.path() / "a.toml",
                            std::string("[display]\nrenderer = \"") + text + "\"\n");
        Diagnostics fine;
        CHECK(load_kiosk_config(folder.path() / "a.toml", fine).renderer == renderer);
        CHECK(fine.items().empty());
    }
    testing::write_file(folder.path() / "b.toml", "[display]\n\nrenderer = \"opengl\"\n");
    Diagnostics out;
    CHECK(load_kiosk_config(folder.path() / "b.toml", out).renderer == Renderer::Automatic);
    REQUIRE(out.items().size() == 1);
    CHECK(out.items()[0].line == 3);
    CHECK(out.items()[0].fix.find("renderer = \"auto\"") != std::string::npos);
}

TEST_CASE("kiosk config: a venue name with a character the kiosk cannot show is reported and cleaned") {
    testing::TemporaryFolder folder;
    testing::write_file(folder.path() / "kiosk.toml", "[venue]\nname = \"Rijks\\u0000museum\"\n");
    Diagnostics problems;
    const KioskConfig config = load_kiosk_config(folder.path() / "kiosk.toml", problems);
    REQUIRE(problems.items().size() == 1);
    CHECK(problems.items()[0].code == "unshowable-character");
    CHECK(problems.items()[0].line == 2);
    CHECK(config.venue == "Rijksmuseum");
}

TEST_CASE("kiosk config: the fleet's inbox, outbox and publishing interval") {
    testing::TemporaryFolder folder;
    testing::write_file(
        folder.path() / "kiosk.toml",
        "[fleet]\ninbox = \"/var/lib/amanat/fleet/inbox\"\noutbox = \"/var/lib/amanat/fleet/outbox\"\n"
        "publish_every_minutes = 30\n");
    Diagnostics problems;
    KioskConfig config = load_kiosk_config(folder.path() / "kiosk.toml", problems);
    CHECK(problems.items().empty());
    CHECK(config.fleet_inbox == std::filesystem::path("/var/lib/amanat/fleet/inbox"));
    CHECK(config.fleet_outbox == std::filesystem::path("/var/lib/amanat/fleet/outbox"));
    CHECK(config.fleet_publish_every_minutes == 30);

    // One folder for both, a relative path and a zero interval: each named by its line, defaults kept.
    testing::write_file(
        folder.path() / "kiosk.toml",
        "[fleet]\ninbox = \"/srv/fleet\"\noutbox = \"/srv/fleet\"\npublish_every_minutes = 0\n"
        "[fleet.x]\n");
    problems = Diagnostics{};
    config = load_kiosk_config(folder.path() / "kiosk.toml", problems);
    REQUIRE(problems.items().size() == 3);
    CHECK(problems.items()[0].line == 5);  // [fleet.x]: no such setting
    CHECK(problems.items()[1].line == 4);
    CHECK(problems.items()[2].line == 3);
    CHECK(problems.items()[2].message.find("two different folders") != std::string::npos);
    CHECK(config.fleet_publish_every_minutes == 15);
}

// Issue 23: the venue's languages are the bundle's tags, whatever their case, and a
// country code written for a language gets a "did you mean".
TEST_CASE("kiosk config: venue languages in canonical case, and kz with a did-you-mean") {
    testing::TemporaryFolder folder;
    testing::write_file(folder.path() / "kiosk.toml",
                        "[visitors]\nlanguages = [\"KK\", \"kk-latn\", \"nl-nl\"]\n");
    Diagnostics fine;
    CHECK(load_kiosk_config(folder.path() / "kiosk.toml", fine).languages ==
          std::vector<std::string>{"kk", "kk-Latn", "nl-NL"});
    CHECK(fine.items().empty());

    testing::write_file(folder.path() / "bad.toml", "[visitors]\nlanguages = [\"kz\", \"en\"]\n");
    Diagnostics out;
    CHECK(load_kiosk_config(folder.path() / "bad.toml", out).languages == std::vector<std::string>{"en"});
    REQUIRE(out.items().size() == 1);
    CHECK(out.items()[0].code == "bad-language-tag");
    CHECK(out.items()[0].fix.find("did you mean kk (Kazakh)?") != std::string::npos);
}

// Issue 25: speech mode's settings ([speech], [speech.voices]) and the keypad's keys ([keypad]).
TEST_CASE("kiosk config: speech mode and keypad defaults") {
    testing::TemporaryFolder folder;
    testing::write_file(folder.path() / "kiosk.toml", "[venue]\nname = \"Hall\"\n");
    Diagnostics problems;
    const SpeechSettings speech = load_kiosk_config(folder.path() / "kiosk.toml", problems).speech;
    CHECK(problems.items().empty());
    CHECK(speech.offered);
    CHECK(speech.device.empty());
    CHECK(speech.voices.empty());
    CHECK(speech.idle_multiplier == 3);
    CHECK(speech.volume_percent == 80);
    CHECK(speech.keys == default_keypad_keys());
    CHECK(speech.keys.at(KeypadKey::Back) == std::vector<std::string>{"Left", "Escape", "Backspace"});
    CHECK(speech.keys.at(KeypadKey::Select) == std::vector<std::string>{"Return", "Keypad Enter", "Space"});
    CHECK(speech.keys.at(KeypadKey::VolumeUp) == std::vector<std::string>{"=", "+", "Keypad +", "VolumeUp"});
    CHECK(speech.keys.at(KeypadKey::VolumeDown) == std::vector<std::string>{"-", "Keypad -", "VolumeDown"});
    // Nine keypad keys, in the EZ Access order, each with its kiosk.toml name and defaults.
    std::vector<std::string> names;
    for (KeypadKey key : kKeypadKeys) {
        names.emplace_back(keypad_key_name(key));
        CHECK_FALSE(default_keypad_keys().at(key).empty());
    }
    CHECK(names == std::vector<std::string>{"up", "down", "back", "right", "select", "help", "home",
                                            "volume_up", "volume_down"});
    CHECK(default_keypad_keys().size() == 9);
}

TEST_CASE("kiosk config: each speech setting and keypad key read") {
    testing::TemporaryFolder folder;
    testing::write_file(
        folder.path() / "kiosk.toml",
        "[speech]\nenabled = false\ndevice = \"USB Audio\"\nidle_multiplier = 5\nvolume = 60\n"
        "\n[speech.voices]\nen = \"en-us\"\nkk-latn = \"kk\"\nnl = \"mb-nl2\"\n"
        "\n[keypad]\nup = [\"Up\", \"Keypad 8\"]\nhelp = \"F2\"\n"
        "back = [\"Keypad 4\", \"Escape\"]\nright = [\"Right\", \"right\"]\n");
    Diagnostics problems;
    const SpeechSettings speech = load_kiosk_config(folder.path() / "kiosk.toml", problems).speech;
    CHECK(problems.items().empty());
    CHECK_FALSE(speech.offered);
    CHECK(speech.device == "USB Audio");
    CHECK(speech.idle_multiplier == 5);
    CHECK(speech.volume_percent == 60);
    CHECK(speech.voices ==
          std::map<std::string, std::string>{{"en", "en-us"}, {"kk-Latn", "kk"}, {"nl", "mb-nl2"}});
    CHECK(speech.keys.at(KeypadKey::Up) == std::vector<std::string>{"Up", "Keypad 8"});
    CHECK(speech.keys.at(KeypadKey::Help) == std::vector<std::string>{"F2"});  // a single name
    CHECK(speech.keys.at(KeypadKey::Back) == std::vector<std::string>{"Keypad 4", "Escape"});  // Left no more
    CHECK(speech.keys.at(KeypadKey::Right) == std::vector<std::string>{"Right"});  // named twice, kept once
    CHECK(speech.keys.at(KeypadKey::Down) == std::vector<std::string>{"Down"});    // not given: its default

    // voices = { ... } on the [speech] line is the same table; two keys swapped are no conflict.
    testing::write_file(folder.path() / "inline.toml",
                        "[speech]\nvoices = { en = \"en-gb-scotland\", KK = \"kk\" }\n"
                        "[keypad]\nup = \"Left\"\nback = [\"Up\"]\n");
    Diagnostics fine;
    const SpeechSettings inline_table = load_kiosk_config(folder.path() / "inline.toml", fine).speech;
    CHECK(fine.items().empty());
    CHECK(inline_table.voices == std::map<std::string, std::string>{{"en", "en-gb-scotland"}, {"kk", "kk"}});
    CHECK(inline_table.keys.at(KeypadKey::Up) == std::vector<std::string>{"Left"});
    CHECK(inline_table.keys.at(KeypadKey::Back) == std::vector<std::string>{"Up"});
}

TEST_CASE("kiosk config: bad speech settings are reported with their line and keep the defaults") {
    testing::TemporaryFolder folder;
    testing::write_file(folder.path() / "kiosk.toml",
                        "[speech]\nenabled = \"no\"\ndevice = \"\"\nidle_multiplier = 0\nvolume = 5\n"
                        "speed = 2\n[speech.voices]\nkz = \"kk\"\nen = \"\"\nru = 3\n");
    Diagnostics problems;
    const SpeechSettings speech = load_kiosk_config(folder.path() / "kiosk.toml", problems).speech;
    problems.sort();
    REQUIRE(problems.items().size() == 8);
    const auto& items = problems.items();
    for (std::size_t i = 0; i < items.size(); ++i)  // line 7 is [speech.voices]
        CHECK(items[i].line == static_cast<int>(i) + (i < 5 ? 2 : 3));
    CHECK(items[0].fix.find("enabled = true or enabled = false") != std::string::npos);
    CHECK(items[1].code == "empty-value");  // device = "": remove the line for the default output
    CHECK(items[2].message.find("1 to 10") != std::string::npos);
    CHECK(items[3].message.find("10 to 100") != std::string::npos);
    CHECK(items[4].code == "unknown-key");       // speed
    CHECK(items[5].code == "bad-language-tag");  // kz
    CHECK(items[5].fix.find("did you mean kk (Kazakh)?") != std::string::npos);
    CHECK(items[6].message.find("the voice for en") != std::string::npos);
    CHECK(items[7].message.find("the voice for ru") != std::string::npos);
    CHECK(speech.offered);
    CHECK(speech.device.empty());
    CHECK(speech.idle_multiplier == 3);
    CHECK(speech.volume_percent == 80);
    CHECK(speech.voices.empty());

    // The same language twice (tags ignore case): the line further down wins, with a warning.
    testing::write_file(folder.path() / "twice.toml", "[speech.voices]\nkk = \"kk\"\nKK = \"ru\"\n");
    Diagnostics twice;
    CHECK(load_kiosk_config(folder.path() / "twice.toml", twice).speech.voices.at("kk") == "ru");
    REQUIRE(twice.items().size() == 1);
    CHECK(twice.items()[0].severity == Severity::Warning);
    CHECK(twice.items()[0].line == 3);
}

TEST_CASE("kiosk config: bad keypad keys are reported with their line and keep the defaults") {
    testing::TemporaryFolder folder;
    testing::write_file(folder.path() / "kiosk.toml",
                        "[keypad]\nselct = \"Return\"\nup = 8\ndown = [\"Down\", 2]\nhelp = []\n"
                        "home = [\"\"]\n");
    Diagnostics problems;
    const SpeechSettings speech = load_kiosk_config(folder.path() / "kiosk.toml", problems).speech;
    problems.sort();
    REQUIRE(problems.items().size() == 5);
    const auto& items = problems.items();
    for (std::size_t i = 0; i < items.size(); ++i) CHECK(items[i].line == static_cast<int>(i) + 2);
    CHECK(items[0].code == "unknown-key");
    CHECK(items[0].fix.find("did you mean 'select'?") != std::string::npos);
    CHECK(items[1].fix.find("up = [\"Up\"]") != std::string::npos);
    CHECK(items[2].column == 17);  // the 2, not the line
    CHECK(items[2].message.find("each of down's keys") != std::string::npos);
    CHECK(items[3].message.find("no key to press") != std::string::npos);
    CHECK(items[4].code == "empty-value");
    CHECK(speech.keys == default_keypad_keys());
}

TEST_CASE(
    "kiosk config: a key given to two keypad keys is reported, naming both, and the later keeps its "
    "defaults") {
    testing::TemporaryFolder folder;
    // Two lines of the file: the one further down is refused.
    testing::write_file(folder.path() / "two.toml",
                        "[keypad]\nhelp = [\"F1\", \"Keypad 5\"]\nselect = [\"Return\", \"keypad 5\"]\n");
    Diagnostics two;
    SpeechSettings speech = load_kiosk_config(folder.path() / "two.toml", two).speech;
    REQUIRE(two.items().size() == 1);
    CHECK(two.items()[0].code == "duplicate-key");
    CHECK(two.items()[0].line == 3);
    CHECK(two.items()[0].column == 21);
    CHECK(two.items()[0].message.find("select") != std::string::npos);
    CHECK(two.items()[0].message.find("help (line 2)") != std::string::npos);
    CHECK(speech.keys.at(KeypadKey::Help) == std::vector<std::string>{"F1", "Keypad 5"});
    CHECK(speech.keys.at(KeypadKey::Select) == default_keypad_keys().at(KeypadKey::Select));

    // A key another keypad key has by default: the line is refused, the default stays.
    testing::write_file(folder.path() / "default.toml", "[keypad]\n\nback = [\"Escape\", \"Up\"]\n");
    Diagnostics by_default;
    speech = load_kiosk_config(folder.path() / "default.toml", by_default).speech;
    REQUIRE(by_default.items().size() == 1);
    CHECK(by_default.items()[0].line == 3);
    CHECK(by_default.items()[0].message.find(
              "\"Up\" is given to both back and up (one of its default keys)") != std::string::npos);
    CHECK(by_default.items()[0].fix.find("write a line for up without it") != std::string::npos);
    CHECK(speech.keys == default_keypad_keys());

    // Refusing a line brings its defaults back, which may clash with another line: that
    // one is refused too, until no key is two keypad keys.
    testing::write_file(folder.path() / "chain.toml", "[keypad]\nup = [\"Up\", \"Left\"]\nback = [\"Up\"]\n");
    Diagnostics chain;
    speech = load_kiosk_config(folder.path() / "chain.toml", chain).speech;
    chain.sort();
    REQUIRE(chain.items().size() == 2);
    CHECK(chain.items()[0].line == 2);  // up's "Left", once back has its defaults again
    CHECK(chain.items()[1].line == 3);  // back's "Up", up's on line 2
    CHECK(speech.keys == default_keypad_keys());
}

// packaging/kiosk.toml's [speech] and [keypad] examples, every one switched on: they
// must load without a problem, and the keys it lists as defaults must be the defaults.
TEST_CASE("kiosk config: the documented speech and keypad examples load, and list the defaults") {
    std::ifstream in(std::filesystem::path(AMANAT_SOURCE_DIR) / "packaging" / "kiosk.toml");
    const std::regex example(R"(# ((\[[a-z.]+\])|([a-z_]+ = .+)))");
    std::string text;
    bool speech_part = false;
    for (std::string line; std::getline(in, line);) {
        if (line.starts_with('[')) speech_part = line == "[speech]" || line == "[keypad]";
        std::smatch match;
        if (speech_part && std::regex_match(line, match, example)) line = match[1];
        if (speech_part) text += line + "\n";
    }
    REQUIRE(text.find("[keypad]") != std::string::npos);
    testing::TemporaryFolder folder;
    testing::write_file(folder.path() / "kiosk.toml", text);
    Diagnostics problems;
    const SpeechSettings speech = load_kiosk_config(folder.path() / "kiosk.toml", problems).speech;
    for (const Diagnostic& problem : problems.items()) FAIL_CHECK(problem.line << ": " << problem.message);
    CHECK(speech.offered);
    CHECK_FALSE(speech.device.empty());
    CHECK_FALSE(speech.voices.empty());
    CHECK(speech.volume_percent == 80);
    CHECK(speech.idle_multiplier == 3);
    CHECK(speech.keys == default_keypad_keys());
}
