#include "core/settings/kiosk_config.hpp"

#include <string_view>
#include <utility>
#include <vector>

#include "core/exhibition/bundle_loader.hpp"  // kMaxManifestBytes
#include "core/exhibition/manifest_reader.hpp"
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

}  // namespace

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
        {"venue", read_venue}, {"visitors", read_visitors}, {"display", read_display},
        {"media", read_media}, {"feedback", read_feedback}, {"packs", read_packs},
        {"fleet", read_fleet}, {"staff", read_staff}};
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
