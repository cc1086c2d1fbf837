#include "core/kiosk_config.hpp"

#include <fstream>
#include <sstream>

#include "core/language_tag.hpp"
#include "core/manifest_reader.hpp"

namespace amanat {

KioskConfig load_kiosk_config(const std::filesystem::path& file, Diagnostics& out) {
    KioskConfig config;
    ManifestReader reader(file.string(), out);
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        reader.error_in_file("unreadable", "the kiosk's config file cannot be read",
                             "check the path given with --config, and the file's permissions");
        return config;
    }
    std::ostringstream content;
    content << in.rdbuf();
    const auto root = reader.parse(content.str());
    if (!root) return config;
    reader.check_keys(*root, {"venue", "visitors", "display", "media", "feedback"}, "the kiosk config");
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
        for (const std::string& language : reader.text_list(*visitors, "languages", false, "[visitors]")) {
            if (!language_tag_problem(language))
                config.languages.push_back(language);
            else
                reader.error(visitors->get("languages")->source(), "bad-language-tag",
                             *language_tag_problem(language), "use BCP 47 tags such as nl, en, kk");
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
        reader.check_keys(*display, {"dpi", "diagonal_inches"}, "[display]");
        for (const char* key : {"dpi", "diagonal_inches"}) {
            const toml::node* node = display->get(key);
            if (node == nullptr) continue;
            const auto value = node->value<double>();
            if (!value || *value <= 0 || *value > 1000) {
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
        if (const toml::node* enabled = feedback->get("enabled")) {
            if (const auto value = enabled->value<bool>()) {
                config.feedback = *value;
            } else {
                reader.error(enabled->source(), "bad-value", "enabled must be true or false",
                             "write enabled = true or enabled = false");
            }
        }
        if (const auto database = reader.text(*feedback, "database", false, "[feedback]")) {
            std::filesystem::path path(*database);
            if (path.is_absolute()) {
                config.feedback_database = path;
            } else {
                reader.error(feedback->get("database")->source(), "bad-value",
                             "database must be an absolute path",
                             "for example database = \"/var/lib/amanat/feedback.sqlite\"");
            }
        }
    }
    return config;
}

}  // namespace amanat
