#include "core/settings/kiosk_config.hpp"

#include <tuple>

#include "core/exhibition/bundle_loader.hpp"  // kMaxManifestBytes
#include "core/exhibition/manifest_reader.hpp"
#include "core/files/small_file.hpp"
#include "core/localisation/language_tag.hpp"

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

// [fleet]: the inbox and outbox folders, and how often the kiosk publishes.
void read_fleet(ManifestReader& reader, const toml::table& fleet, KioskConfig& config) {
    reader.check_keys(fleet, {"inbox", "outbox", "publish_every_minutes"}, "[fleet]");
    if (auto path = absolute_path(reader, fleet, "inbox", "[fleet]", "/var/lib/amanat/fleet/inbox"))
        config.fleet_inbox = *path;
    if (auto path = absolute_path(reader, fleet, "outbox", "[fleet]", "/var/lib/amanat/fleet/outbox"))
        config.fleet_outbox = *path;
    if (const auto minutes = reader.integer(fleet, "publish_every_minutes", "[fleet]")) {
        if (*minutes >= 1 && *minutes <= 24 * 60)
            config.fleet_publish_every_minutes = static_cast<int>(*minutes);
        else
            reader.error(fleet.get("publish_every_minutes")->source(), "out-of-range",
                         "publish_every_minutes must be 1 to 1440",
                         "write a whole number of minutes, e.g. publish_every_minutes = 15");
    }
    if (config.fleet_inbox && config.fleet_outbox && *config.fleet_inbox == *config.fleet_outbox)
        reader.error(fleet.get("outbox")->source(), "bad-value",
                     "inbox and outbox must be two different folders",
                     "for example inbox = \"/var/lib/amanat/fleet/inbox\" and outbox = "
                     "\"/var/lib/amanat/fleet/outbox\"");
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
    reader.check_keys(*root, {"venue", "visitors", "display", "media", "feedback", "packs", "fleet", "staff"},
                      "the kiosk config");
    if (const toml::table* venue = reader.subtable(*root, "venue", false, "the kiosk config")) {
        reader.check_keys(*venue, {"name"}, "[venue]");
        config.venue = reader.text(*venue, "name", false, "[venue]").value_or("");
    }
    if (const toml::table* visitors = reader.subtable(*root, "visitors", false, "the kiosk config")) {
        reader.check_keys(*visitors, {"idle_timeout_seconds", "languages", "text_size"}, "[visitors]");
        if (const auto timeout = reader.integer(*visitors, "idle_timeout_seconds", "[visitors]")) {
            if (*timeout >= 20 && *timeout <= 3600) {
                config.idle_timeout_seconds = static_cast<int>(*timeout);
            } else {
                reader.error(visitors->get("idle_timeout_seconds")->source(), "out-of-range",
                             "idle_timeout_seconds must be 20 to 3600",
                             "choose a number of seconds in that range");
            }
        }
        // Canonical case, as the bundle's tags (core/localisation/language_tag.hpp): "kk-latn" is kk-Latn.
        for (const std::string& language : reader.text_list(*visitors, "languages", false, "[visitors]")) {
            if (const auto problem = language_tag_problem(language)) {
                const std::string suggestion = did_you_mean_language(language);
                reader.error(visitors->get("languages")->source(), "bad-language-tag", *problem,
                             suggestion.empty() ? "use BCP 47 tags such as nl, en, kk"
                                                : suggestion + " Use BCP 47 tags such as nl, en, kk");
            } else {
                config.languages.push_back(canonical_language_tag(language));
            }
        }
        if (const auto size = reader.text(*visitors, "text_size", false, "[visitors]")) {
            if (*size == "large")
                config.text_size = TextSize::Large;
            else if (*size != "normal")
                reader.error(visitors->get("text_size")->source(), "bad-value",
                             "text_size must be \"normal\" or \"large\"",
                             "write text_size = \"normal\" or text_size = \"large\"");
        }
    }
    if (const toml::table* display = reader.subtable(*root, "display", false, "the kiosk config")) {
        reader.check_keys(*display,
                          {"dpi", "diagonal_inches", "opening_hours", "closed_days", "wake_before_minutes",
                           "pixel_shift", "renderer"},
                          "[display]");
        if (const auto text = reader.text(*display, "opening_hours", false, "[display]")) {
            std::string problem;
            if (auto hours = parse_opening_hours(*text, problem)) {
                config.opening_hours = *hours;
            } else {
                reader.error(display->get("opening_hours")->source(), "bad-value", problem,
                             "write e.g. opening_hours = \"10:00-18:00\", or remove the line to keep the "
                             "screen awake");
            }
        }
        for (const std::string& day : reader.text_list(*display, "closed_days", false, "[display]")) {
            const int weekday = weekday_of(day);
            if (weekday < 0) {
                reader.error(display->get("closed_days")->source(), "bad-value", "'" + day + "' is not a day",
                             "write days in English, e.g. closed_days = [\"monday\"]");
            } else if (config.opening_hours) {
                config.opening_hours->closed[weekday] = true;
            }
        }
        if (const auto minutes = reader.integer(*display, "wake_before_minutes", "[display]")) {
            if (*minutes < 0 || *minutes > 180) {
                reader.error(display->get("wake_before_minutes")->source(), "out-of-range",
                             "wake_before_minutes must be 0 to 180", "e.g. wake_before_minutes = 15");
            } else if (config.opening_hours) {
                config.opening_hours->wake_before_minutes = static_cast<int>(*minutes);
            }
        }
        read_switch(reader, *display, "pixel_shift", config.pixel_shift, "write pixel_shift = true");
        if (const auto renderer = reader.text(*display, "renderer", false, "[display]")) {
            if (*renderer == "gpu") {
                config.renderer = Renderer::Gpu;
            } else if (*renderer == "software") {
                config.renderer = Renderer::Software;
            } else if (*renderer != "auto") {
                reader.error(display->get("renderer")->source(), "bad-value",
                             "renderer must be \"auto\", \"gpu\" or \"software\"",
                             "write renderer = \"auto\" (the GPU when the PC has one)");
            }
        }
        for (const char* key : {"dpi", "diagonal_inches"}) {
            const toml::node* node = display->get(key);
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
    if (const toml::table* media = reader.subtable(*root, "media", false, "the kiosk config")) {
        reader.check_keys(*media, {"volume_percent"}, "[media]");
        if (const auto volume = reader.integer(*media, "volume_percent", "[media]")) {
            if (*volume >= 0 && *volume <= 100) {
                config.volume_percent = static_cast<int>(*volume);
            } else {
                reader.error(media->get("volume_percent")->source(), "out-of-range",
                             "volume_percent must be 0 to 100",
                             "write a whole number, e.g. volume_percent = 80");
            }
        }
    }
    if (const toml::table* feedback = reader.subtable(*root, "feedback", false, "the kiosk config")) {
        reader.check_keys(*feedback, {"enabled", "database"}, "[feedback]");
        read_switch(reader, *feedback, "enabled", config.feedback, "write enabled = true or enabled = false");
        if (auto path =
                absolute_path(reader, *feedback, "database", "[feedback]", "/var/lib/amanat/feedback.sqlite"))
            config.feedback_database = *path;
    }
    if (const toml::table* packs = reader.subtable(*root, "packs", false, "the kiosk config")) {
        reader.check_keys(*packs,
                          {"root", "trusted_keys", "allow_unsigned", "folder", "max_megabytes", "max_files"},
                          "[packs]");
        if (auto path = absolute_path(reader, *packs, "root", "[packs]", "/var/lib/amanat/packs"))
            config.packs_root = *path;
        if (auto path = absolute_path(reader, *packs, "folder", "[packs]", "/srv/amanat/incoming"))
            config.pack_folder = *path;
        config.trusted_keys = reader.text_list(*packs, "trusted_keys", false, "[packs]");
        read_switch(reader, *packs, "allow_unsigned", config.allow_unsigned_packs,
                    "write allow_unsigned = false (true only on a developer's kiosk)");
        for (auto [key, target, low, high] :
             {std::tuple{"max_megabytes", &config.pack_max_megabytes, 1LL, 1'000'000LL},
              std::tuple{"max_files", &config.pack_max_files, 1LL, 10'000'000LL}}) {
            if (const auto value = reader.integer(*packs, key, "[packs]")) {
                if (*value >= low && *value <= high)
                    *target = *value;
                else
                    reader.error(
                        packs->get(key)->source(), "out-of-range",
                        std::string(key) + " must be " + std::to_string(low) + " to " + std::to_string(high),
                        "write a whole number in that range");
            }
        }
    }
    if (const toml::table* fleet = reader.subtable(*root, "fleet", false, "the kiosk config"))
        read_fleet(reader, *fleet, config);
    if (const toml::table* staff = reader.subtable(*root, "staff", false, "the kiosk config")) {
        reader.check_keys(*staff, {"pin_file", "export_folder"}, "[staff]");
        if (auto path = absolute_path(reader, *staff, "export_folder", "[staff]", "/srv/amanat/exports"))
            config.export_folder = *path;
        if (auto path = absolute_path(reader, *staff, "pin_file", "[staff]", "/var/lib/amanat/staff-pin"))
            config.staff_pin_file = *path;
    }
    return config;
}

}  // namespace amanat
