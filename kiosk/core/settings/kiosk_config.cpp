#include "core/settings/kiosk_config.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <utility>
#include <vector>

#include "core/exhibition/bundle_loader.hpp"  // kMaxManifestBytes
#include "core/exhibition/manifest_reader.hpp"
#include "core/files/name_list.hpp"
#include "core/files/small_file.hpp"
#include "core/localisation/language_tag.hpp"
#include "core/settings/kiosk_identity.hpp"

namespace amanat {

namespace {

// A setting naming a file or folder: absolute, so that it means the same
// wherever the kiosk was started from.
std::optional<std::filesystem::path> absolute_path(ManifestReader& reader, const toml::table& table,
                                                   std::string_view key, const std::string& where,
                                                   const char* example) {
    const auto text = reader.text(table, key, false, where);
    if (!text) return std::nullopt;
    std::filesystem::path path(*text);
    if (path.is_absolute()) return path;
    reader.error(table.get(key)->source(), "bad-value", std::string(key) + " must be an absolute path",
                 "for example " + std::string(key) + " = \"" + example + "\"");
    return std::nullopt;
}

// A whole-number setting within [low, high]: nullopt when it is absent, not a
// whole number (the reader reports that) or out of range (reported here, with `fix`).
std::optional<long long> integer_within(ManifestReader& reader, const toml::table& table, const char* key,
                                        const char* where, long long low, long long high,
                                        const std::string& fix) {
    const auto value = reader.integer(table, key, where);
    if (!value) return std::nullopt;
    if (*value >= low && *value <= high) return value;
    reader.error(table.get(key)->source(), "out-of-range",
                 std::string(key) + " must be " + std::to_string(low) + " to " + std::to_string(high), fix);
    return std::nullopt;
}

// A true/false setting: `target` keeps its default when the key is absent or
// not a boolean (reported, with `fix`).
void read_switch(ManifestReader& reader, const toml::table& table, const char* key, bool& target,
                 const char* fix) {
    const toml::node* node = table.get(key);
    if (node == nullptr) return;
    if (const auto value = node->value<bool>()) {
        target = *value;
    } else {
        reader.error(node->source(), "bad-value", std::string(key) + " must be true or false", fix);
    }
}

void read_venue(ManifestReader& reader, const toml::table& venue, KioskConfig& config) {
    reader.check_keys(venue, {"name"}, "[venue]");
    config.venue = reader.text(venue, "name", false, "[venue]").value_or("");
}

// [visitors]: the idle timeout, the venue's languages in their order, the text size.
void read_visitors(ManifestReader& reader, const toml::table& visitors, KioskConfig& config) {
    reader.check_keys(visitors, {"idle_timeout_seconds", "languages", "text_size"}, "[visitors]");
    if (const auto timeout = integer_within(reader, visitors, "idle_timeout_seconds", "[visitors]", 20, 3600,
                                            "choose a number of seconds in that range"))
        config.idle_timeout_seconds = static_cast<int>(*timeout);
    // Canonical case, as the bundle's tags (core/localisation/language_tag.hpp): "kk-latn" is kk-Latn.
    for (const std::string& language : reader.text_list(visitors, "languages", false, "[visitors]")) {
        if (const auto problem = language_tag_problem(language)) {
            const std::string suggestion = did_you_mean_language(language);
            reader.error(visitors.get("languages")->source(), "bad-language-tag", *problem,
                         suggestion.empty() ? "use BCP 47 tags such as nl, en, kk"
                                            : suggestion + " Use BCP 47 tags such as nl, en, kk");
        } else {
            config.languages.push_back(canonical_language_tag(language));
        }
    }
    if (const auto size = reader.text(visitors, "text_size", false, "[visitors]")) {
        if (*size == "large")
            config.text_size = TextSize::Large;
        else if (*size != "normal")
            reader.error(visitors.get("text_size")->source(), "bad-value",
                         "text_size must be \"normal\" or \"large\"",
                         "write text_size = \"normal\" or text_size = \"large\"");
    }
}

// [display]'s opening hours, closed days and how early the screen wakes.
void read_opening_hours(ManifestReader& reader, const toml::table& display, KioskConfig& config) {
    if (const auto text = reader.text(display, "opening_hours", false, "[display]")) {
        std::string problem;
        if (auto hours = parse_opening_hours(*text, problem)) {
            config.opening_hours = *hours;
        } else {
            reader.error(display.get("opening_hours")->source(), "bad-value", problem,
                         "write e.g. opening_hours = \"10:00-18:00\", or remove the line to keep the "
                         "screen awake");
        }
    }
    for (const std::string& day : reader.text_list(display, "closed_days", false, "[display]")) {
        const int weekday = weekday_of(day);
        if (weekday < 0) {
            reader.error(display.get("closed_days")->source(), "bad-value", "'" + day + "' is not a day",
                         "write days in English, e.g. closed_days = [\"monday\"]");
        } else if (config.opening_hours) {
            config.opening_hours->closed[weekday] = true;
        }
    }
    const auto minutes = integer_within(reader, display, "wake_before_minutes", "[display]", 0, 180,
                                        "e.g. wake_before_minutes = 15");
    if (minutes && config.opening_hours)
        config.opening_hours->wake_before_minutes = static_cast<int>(*minutes);
}

// [display]'s screen: its size for millimetre layout, and what draws it.
void read_screen(ManifestReader& reader, const toml::table& display, KioskConfig& config) {
    read_switch(reader, display, "pixel_shift", config.pixel_shift, "write pixel_shift = true");
    if (const auto renderer = reader.text(display, "renderer", false, "[display]")) {
        if (*renderer == "gpu") {
            config.renderer = Renderer::Gpu;
        } else if (*renderer == "software") {
            config.renderer = Renderer::Software;
        } else if (*renderer != "auto") {
            reader.error(display.get("renderer")->source(), "bad-value",
                         "renderer must be \"auto\", \"gpu\" or \"software\"",
                         "write renderer = \"auto\" (the GPU when the PC has one)");
        }
    }
    for (const char* key : {"dpi", "diagonal_inches"}) {
        const toml::node* node = display.get(key);
        if (node == nullptr) continue;
        const auto value = node->value<double>();
        // Written so that nan (valid TOML) is refused too: it fails every comparison.
        if (!value || !(*value > 0 && *value <= 1000)) {
            reader.error(
                node->source(), "bad-value", std::string(key) + " must be a positive number",
                std::string("for example ") + key + " = " + (std::string(key) == "dpi" ? "92" : "32"));
            continue;
        }
        (std::string(key) == "dpi" ? config.screen_dpi : config.screen_diagonal_inches) =
            static_cast<float>(*value);
    }
}

void read_display(ManifestReader& reader, const toml::table& display, KioskConfig& config) {
    reader.check_keys(display,
                      {"dpi", "diagonal_inches", "opening_hours", "closed_days", "wake_before_minutes",
                       "pixel_shift", "renderer"},
                      "[display]");
    read_opening_hours(reader, display, config);
    read_screen(reader, display, config);
}

void read_media(ManifestReader& reader, const toml::table& media, KioskConfig& config) {
    reader.check_keys(media, {"volume_percent"}, "[media]");
    if (const auto volume = integer_within(reader, media, "volume_percent", "[media]", 0, 100,
                                           "write a whole number, e.g. volume_percent = 80"))
        config.volume_percent = static_cast<int>(*volume);
}

void read_feedback(ManifestReader& reader, const toml::table& feedback, KioskConfig& config) {
    reader.check_keys(feedback, {"enabled", "database"}, "[feedback]");
    read_switch(reader, feedback, "enabled", config.feedback, "write enabled = true or enabled = false");
    if (auto path =
            absolute_path(reader, feedback, "database", "[feedback]", "/var/lib/amanat/feedback.sqlite"))
        config.feedback_database = *path;
}

// [packs]: where packs are installed and brought, whom to trust, how large they may be.
void read_packs(ManifestReader& reader, const toml::table& packs, KioskConfig& config) {
    reader.check_keys(
        packs, {"root", "trusted_keys", "allow_unsigned", "folder", "max_megabytes", "max_files"}, "[packs]");
    if (auto path = absolute_path(reader, packs, "root", "[packs]", "/var/lib/amanat/packs"))
        config.packs_root = *path;
    if (auto path = absolute_path(reader, packs, "folder", "[packs]", "/srv/amanat/incoming"))
        config.pack_folder = *path;
    config.trusted_keys = reader.text_list(packs, "trusted_keys", false, "[packs]");
    read_switch(reader, packs, "allow_unsigned", config.allow_unsigned_packs,
                "write allow_unsigned = false (true only on a developer's kiosk)");
    const std::string fix = "write a whole number in that range";
    if (auto megabytes = integer_within(reader, packs, "max_megabytes", "[packs]", 1, 1'000'000, fix))
        config.pack_max_megabytes = *megabytes;
    if (auto files = integer_within(reader, packs, "max_files", "[packs]", 1, 10'000'000, fix))
        config.pack_max_files = *files;
}

// [fleet]: the inbox and outbox folders, and how often the kiosk publishes.
void read_fleet(ManifestReader& reader, const toml::table& fleet, KioskConfig& config) {
    reader.check_keys(fleet, {"inbox", "outbox", "publish_every_minutes"}, "[fleet]");
    if (auto path = absolute_path(reader, fleet, "inbox", "[fleet]", "/var/lib/amanat/fleet/inbox"))
        config.fleet_inbox = *path;
    if (auto path = absolute_path(reader, fleet, "outbox", "[fleet]", "/var/lib/amanat/fleet/outbox"))
        config.fleet_outbox = *path;
    if (const auto minutes =
            integer_within(reader, fleet, "publish_every_minutes", "[fleet]", 1, 24 * 60,
                           "write a whole number of minutes, e.g. publish_every_minutes = 15"))
        config.fleet_publish_every_minutes = static_cast<int>(*minutes);
    if (config.fleet_inbox && config.fleet_outbox && *config.fleet_inbox == *config.fleet_outbox)
        reader.error(fleet.get("outbox")->source(), "bad-value",
                     "inbox and outbox must be two different folders",
                     "for example inbox = \"/var/lib/amanat/fleet/inbox\" and outbox = "
                     "\"/var/lib/amanat/fleet/outbox\"");
}

void read_staff(ManifestReader& reader, const toml::table& staff, KioskConfig& config) {
    reader.check_keys(staff, {"pin_file", "export_folder"}, "[staff]");
    if (auto path = absolute_path(reader, staff, "export_folder", "[staff]", "/srv/amanat/exports"))
        config.export_folder = *path;
    if (auto path = absolute_path(reader, staff, "pin_file", "[staff]", "/var/lib/amanat/staff-pin"))
        config.staff_pin_file = *path;
}

// [speech.voices]: a language tag = the espeak-ng voice that speaks it.
void read_voices(ManifestReader& reader, const toml::table& voices, SpeechSettings& speech) {
    std::map<std::string, toml::source_region> placed;  // each language's line, for "kk" and "KK"
    for (const auto& [written, value] : voices) {
        const auto language = reader.language(written.str(), written.source());
        if (!language) continue;
        const auto* voice = value.as_string();
        const bool blank =
            voice != nullptr && std::all_of(voice->get().begin(), voice->get().end(), [](char c) {
                return std::isspace(static_cast<unsigned char>(c)) != 0;
            });
        if (voice == nullptr || blank) {
            reader.error(value.source(), "bad-value",
                         std::string("the voice for ") + *language +
                             " in [speech.voices] must be an espeak-ng voice's name in quotes",
                         std::string("for example ") + std::string(written.str()) + " = \"" + *language +
                             "\" (espeak-ng --voices lists the voices)");
            continue;
        }
        // toml++ gives keys in sorted order ("KK" before "kk"): the line further down
        // the file wins, as a line written later would, and is reported.
        const toml::source_region here = written.source();
        const auto [earlier, first] = placed.emplace(*language, here);
        if (!first) {
            const auto at = [](const toml::source_region& r) {
                return std::pair(r.begin.line, r.begin.column);
            };
            const bool this_one_later = at(here) > at(earlier->second);
            reader.warning(this_one_later ? here : earlier->second, "duplicate-language",
                           std::string("[speech.voices] names a second voice for ") + *language +
                               " (language tags ignore upper and lower case); it replaces the first",
                           std::string("keep one line for ") + *language);
            if (!this_one_later) continue;
            earlier->second = here;
        }
        speech.voices[*language] = voice->get();
    }
}

// [speech]: whether speech mode is offered, its audio output, voices, idle time and volume.
void read_speech(ManifestReader& reader, const toml::table& speech, KioskConfig& config) {
    reader.check_keys(speech, {"enabled", "device", "voices", "idle_multiplier", "volume"}, "[speech]");
    SpeechSettings& settings = config.speech;
    read_switch(reader, speech, "enabled", settings.offered, "write enabled = true or enabled = false");
    if (auto device = reader.text(speech, "device", false, "[speech]")) settings.device = *device;
    if (const auto times = integer_within(reader, speech, "idle_multiplier", "[speech]", 1, 10,
                                          "write a whole number, e.g. idle_multiplier = 3"))
        settings.idle_multiplier = static_cast<int>(*times);
    if (const auto volume = integer_within(reader, speech, "volume", "[speech]", 10, 100,
                                           "write a whole number of percent, e.g. volume = 80"))
        settings.volume_percent = static_cast<int>(*volume);
    if (const toml::table* voices = reader.subtable(speech, "voices", false, "[speech]"))
        read_voices(reader, *voices, settings);
}

// SDL_GetKeyFromName ignores case: "keypad 8" is "Keypad 8".
std::string key_name_case(std::string_view name) {
    return ascii_lower(name);
}

// One [keypad] line: the key names it gives and where each is written.
struct KeypadLine {
    KeypadKey key = KeypadKey::Up;
    toml::source_region at;
    std::vector<std::pair<std::string, toml::source_region>> names;
};

// The names one [keypad] line gives: a name in quotes or a list of them, none
// empty. Nullopt (reported) when the line is unusable: its key keeps its defaults.
std::optional<KeypadLine> keypad_line(ManifestReader& reader, KeypadKey key, const toml::node& value) {
    const std::string name = keypad_key_name(key);
    std::string example = name;
    example += " = [";
    example += quoted_list(default_keypad_keys().at(key));
    example += ']';
    KeypadLine line{key, value.source(), {}};
    const auto add = [&](const toml::node& item) {
        const auto* text = item.as_string();
        if (text == nullptr) {
            reader.error(item.source(), "wrong-type",
                         &item == &value ? name +
                                               " in [keypad] must be a key's name in quotes, or a list of "
                                               "them in square brackets"
                                         : std::string("each of ") + name +
                                               "'s keys in [keypad] must be a name in quotes",
                         std::string("write, for example, ") + example +
                             " (keys as SDL names them: see docs/SPEECH.md)");
            return false;
        }
        if (text->get().empty()) {
            reader.error(item.source(), "empty-value",
                         std::string("a key's name for ") + name + " in [keypad] is empty",
                         "write the key's name between the quotes, or remove it from the list");
            return false;
        }
        line.names.emplace_back(text->get(), item.source());
        return true;
    };
    if (const auto* list = value.as_array()) {
        if (list->empty()) {
            reader.error(value.source(), "empty-value",
                         name + " = [] in [keypad] would leave the " + name + " key with no key to press",
                         std::string("name at least one key, e.g. ") + example +
                             ", or remove the line for the defaults");
            return std::nullopt;
        }
        for (const toml::node& item : *list)
            if (!add(item)) return std::nullopt;
    } else if (!add(value)) {
        return std::nullopt;
    }
    return line;
}

// [keypad]: which keys each keypad key is. A line replaces that keypad key's
// defaults; a line that gives a key another keypad key also has is refused (the
// one further down the file, when both are written) and its keypad key keeps its
// defaults, until no key is two keypad keys.
void read_keypad(ManifestReader& reader, const toml::table& keypad, KioskConfig& config) {
    std::vector<std::string_view> names;
    for (KeypadKey key : kKeypadKeys) names.emplace_back(keypad_key_name(key));
    reader.check_keys(keypad, names, "[keypad]");
    const auto defaults = default_keypad_keys();
    std::vector<KeypadLine> lines;
    for (KeypadKey key : kKeypadKeys) {
        if (const toml::node* value = keypad.get(keypad_key_name(key)))
            if (auto line = keypad_line(reader, key, *value)) lines.push_back(std::move(*line));
    }
    // In the file's order, so that the line written later is the one refused.
    const auto place = [](const toml::source_region& r) { return std::pair(r.begin.line, r.begin.column); };
    std::sort(lines.begin(), lines.end(),
              [&](const KeypadLine& a, const KeypadLine& b) { return place(a.at) < place(b.at); });
    std::vector<bool> refused(lines.size(), false);
    for (bool changed = true; changed;) {
        changed = false;
        // Who has each key name so far: the keypad key, and its line in `lines` (or none: its defaults).
        std::map<std::string, std::pair<KeypadKey, std::optional<std::size_t>>> owner;
        std::vector<bool> written(std::size(kKeypadKeys), false);
        for (std::size_t i = 0; i < lines.size(); ++i)
            if (!refused[i]) written[static_cast<std::size_t>(lines[i].key)] = true;
        for (KeypadKey key : kKeypadKeys) {
            if (written[static_cast<std::size_t>(key)]) continue;
            for (const std::string& name : defaults.at(key))
                owner.emplace(key_name_case(name), std::pair(key, std::nullopt));
        }
        for (std::size_t i = 0; i < lines.size() && !changed; ++i) {
            if (refused[i]) continue;
            const std::string keypad_name = keypad_key_name(lines[i].key);
            for (const auto& [name, at] : lines[i].names) {
                const auto [found, mine] = owner.emplace(key_name_case(name), std::pair(lines[i].key, i));
                if (mine || found->second.first == lines[i].key) continue;
                const auto& [other_key, other_line] = found->second;
                const std::string other = keypad_key_name(other_key);
                const std::string where =
                    other_line
                        ? std::string(" (line ") + std::to_string(lines[*other_line].at.begin.line) + ")"
                        : std::string(" (one of its default keys)");
                reader.error(at, "duplicate-key",
                             std::string("the key \"") + name + "\" is given to both " + keypad_name +
                                 " and " + other + where + ": one key cannot be two keypad keys, so " +
                                 keypad_name + " keeps its default keys, " +
                                 quoted_list(defaults.at(lines[i].key)),
                             other_line ? std::string("remove \"") + name + "\" from one of the two lines"
                                        : std::string("remove \"") + name + "\" from " + keypad_name +
                                              "'s line, or write a line for " + other + " without it (" +
                                              other + " = [...])");
                refused[i] = true;
                changed = true;
                break;
            }
        }
    }
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (refused[i]) continue;
        std::vector<std::string>& keys = config.speech.keys[lines[i].key];
        keys.clear();
        // Not a structured binding: clang 14 cannot capture one in the lambda below.
        for (const auto& named : lines[i].names) {
            const std::string& name = named.first;
            const bool again = std::any_of(keys.begin(), keys.end(), [&](const std::string& kept) {
                return key_name_case(kept) == key_name_case(name);
            });
            if (!again) keys.push_back(name);
        }
    }
}

}  // namespace

const char* keypad_key_name(KeypadKey key) {
    switch (key) {
        case KeypadKey::Up:
            return "up";
        case KeypadKey::Down:
            return "down";
        case KeypadKey::Back:
            return "back";
        case KeypadKey::Right:
            return "right";
        case KeypadKey::Select:
            return "select";
        case KeypadKey::Help:
            return "help";
        case KeypadKey::Home:
            return "home";
        case KeypadKey::VolumeUp:
            return "volume_up";
        case KeypadKey::VolumeDown:
            return "volume_down";
    }
    return "?";
}

std::map<KeypadKey, std::vector<std::string>> default_keypad_keys() {
    return {
        {KeypadKey::Up, {"Up"}},
        {KeypadKey::Down, {"Down"}},
        {KeypadKey::Back, {"Left", "Escape", "Backspace"}},
        {KeypadKey::Right, {"Right"}},
        {KeypadKey::Select, {"Return", "Keypad Enter", "Space"}},
        {KeypadKey::Help, {"F1", "Help"}},
        {KeypadKey::Home, {"Home"}},
        {KeypadKey::VolumeUp, {"=", "+", "Keypad +", "VolumeUp"}},
        {KeypadKey::VolumeDown, {"-", "Keypad -", "VolumeDown"}},
    };
}

KioskConfig load_kiosk_config(const std::filesystem::path& file, Diagnostics& out) {
    KioskConfig config;
    ManifestReader reader(file.string(), out);
    std::string content;
    std::string problem;
    if (!read_small_file(file, kMaxManifestBytes, content, problem)) {
        reader.error_in_file("unreadable", "the kiosk's config file cannot be read: " + problem,
                             "check the path given with --config, and the file's permissions");
        return config;
    }
    const auto root = reader.parse(content);
    if (!root) return config;
    using TableReader = void (*)(ManifestReader&, const toml::table&, KioskConfig&);
    static constexpr std::pair<const char*, TableReader> kTables[] = {
        {"venue", read_venue},  {"visitors", read_visitors}, {"display", read_display},
        {"media", read_media},  {"feedback", read_feedback}, {"packs", read_packs},
        {"fleet", read_fleet},  {"staff", read_staff},       {"speech", read_speech},
        {"keypad", read_keypad}};
    std::vector<std::string_view> names;
    for (const auto& [name, read] : kTables) names.emplace_back(name);
    reader.check_keys(*root, names, "the kiosk config");
    for (const auto& [name, read] : kTables) {
        if (const toml::table* table = reader.subtable(*root, name, false, "the kiosk config"))
            read(reader, *table, config);
    }
    return config;
}

std::filesystem::path packs_root_of(const KioskConfig& config) {
    return config.packs_root.value_or(default_state_folder() / "packs");
}

}  // namespace amanat
