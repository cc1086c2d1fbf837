#include "core/exhibition.hpp"

#include <toml++/toml.h>
#include <sstream>

namespace amanat {
namespace {

LanguageMap read_language_map(const toml::node_view<const toml::node>& node) {
    LanguageMap map;
    if (const auto* table = node.as_table()) {
        for (const auto& [key, value] : *table) {
            if (const auto* text = value.as_string()) map.set(std::string(key.str()), text->get());
        }
    }
    return map;
}

}  // namespace

std::optional<Exhibition> load_exhibition(const std::filesystem::path& bundle_dir, std::string& error) {
    const auto manifest = bundle_dir / "exhibition.toml";
    toml::table root;
    try {
        root = toml::parse_file(manifest.string());
    } catch (const toml::parse_error& e) {
        std::ostringstream out;
        out << manifest.string() << ":" << e.source().begin.line << ":" << e.source().begin.column << ": "
            << e.description();
        error = out.str();
        return std::nullopt;
    }
    Exhibition exhibition;
    exhibition.id = root["id"].value_or(std::string{});
    const toml::table& const_root = root;
    exhibition.title = read_language_map(const_root["title"]);
    exhibition.subtitle = read_language_map(const_root["subtitle"]);
    if (const auto* languages = root["languages"].as_array()) {
        for (const auto& tag : *languages) {
            if (const auto* text = tag.as_string()) exhibition.languages.push_back(text->get());
        }
    }
    if (exhibition.title.empty()) {
        error =
            manifest.string() + ": the exhibition has no title; add a [title] table such as: en = \"...\"";
        return std::nullopt;
    }
    return exhibition;
}

}  // namespace amanat
