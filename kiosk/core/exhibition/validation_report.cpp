#include "core/exhibition/validation_report.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <sstream>

#include "core/localisation/language_tag.hpp"

namespace amanat {
namespace {

std::string place(const Diagnostic& d) {
    if (d.line == 0) return "";
    // ':' as a char: GCC 12 at -O3 falsely warns (-Wrestrict, bug 105329) on ":" + std::string
    return std::to_string(d.line) + (d.column > 0 ? ':' + std::to_string(d.column) : "");
}

std::string fraction(int have, int total) {
    if (total == 0) return "-";
    return std::to_string(have) + "/" + std::to_string(total);
}

std::string pad(std::string text, std::size_t width) {
    // Pads by code points so that non-ASCII names line up.
    std::size_t points = 0;
    for (unsigned char c : text) points += (c & 0xC0) != 0x80 ? 1 : 0;
    if (points < width) text.append(width - points, ' ');
    return text;
}

// What the checks could not reach, so that a short report is not taken for a
// complete one: an exhibition.toml that could not be read, artifacts left out.
std::string not_checked(const ValidationReport& report) {
    if (!report.bundle) {
        const bool no_folder =
            !report.diagnostics.items().empty() && report.diagnostics.items()[0].code == "no-bundle";
        return no_folder
                   ? std::string()
                   : "\nexhibition.toml could not be read, so nothing else in the bundle was checked yet.";
    }
    std::string out;
    for (const LeftOutArtifact& artifact : report.left_out) {
        const std::string folder = artifact.manifest.substr(0, artifact.manifest.rfind('/'));
        out += "\nThe artifact in " + folder +
               " is left out of the exhibition until the error there is fixed (" + artifact.reason +
               "); the files in its folder were not checked.";
    }
    return out;
}

std::string verdict(const ValidationReport& report) {
    const auto errors = report.diagnostics.error_count();
    const auto warnings = report.diagnostics.warning_count();
    std::string counts = std::to_string(errors) + (errors == 1 ? " error, " : " errors, ") +
                         std::to_string(warnings) + (warnings == 1 ? " warning" : " warnings");
    return (errors == 0 ? counts + ": the bundle is valid."
                        : counts + ": the bundle cannot be used until the errors are fixed.") +
           not_checked(report);
}

}  // namespace

std::string format_report_text(const ValidationReport& report) {
    std::ostringstream out;
    out << "Bundle " << report.folder.string();
    if (report.bundle) {
        const Exhibition& e = report.bundle->exhibition;
        const std::string* title = e.title.find("en");
        if (title == nullptr && !e.title.empty()) title = &e.title.entries().front().second;
        out << ": \"" << (title ? *title : e.id) << "\", version " << e.version << ", "
            << report.bundle->artifacts.size() << " artifacts";
        if (!report.left_out.empty()) out << " (" << report.left_out.size() << " more left out: see the end)";
        out << ", " << e.languages.size() << " languages";
    }
    out << "\n";

    std::string current_file = "\x01";
    for (const Diagnostic& d : report.diagnostics.items()) {
        if (d.file != current_file) {
            current_file = d.file;
            out << "\n" << d.file << "\n";
        }
        const std::string where = place(d);
        out << "  " << pad(where.empty() ? "-" : where, 7) << " " << pad(severity_name(d.severity), 8)
            << d.message << "\n";
        out << "  " << std::string(16, ' ') << "fix: " << d.fix << "\n";
    }

    if (!report.coverage.empty()) {
        out << "\nTranslation coverage (texts present in each language; the rest fall back)\n";
        out << "  " << pad("language", 24) << pad("titles", 9) << pad("stories", 9) << pad("narration", 11)
            << pad("subtitles", 11) << pad("alt texts", 11) << "falls back\n";
        for (const LanguageCoverage& row : report.coverage) {
            std::string falls;
            for (const std::string& id : row.falling_back) falls += (falls.empty() ? "" : ", ") + id;
            if (!row.derived_from.empty())
                falls += (falls.empty() ? "" : "; ") + ("written from " + row.derived_from);
            out << "  " << pad(row.language + " " + language_english_name(row.language), 24)
                << pad(fraction(row.titles, row.artifacts), 9) << pad(fraction(row.stories, row.artifacts), 9)
                << pad(fraction(row.narrations, row.narrated_artifacts), 11)
                << pad(fraction(row.subtitles, row.videos), 11)
                << pad(fraction(row.alt_texts, row.images), 11) << (falls.empty() ? "-" : falls) << "\n";
        }
    }
    out << "\n" << verdict(report) << "\n";
    return out.str();
}

std::string format_report_json(const ValidationReport& report) {
    using nlohmann::json;
    json root;
    root["bundle"] = report.folder.string();
    root["valid"] = !report.diagnostics.has_errors();
    root["errors"] = report.diagnostics.error_count();
    root["warnings"] = report.diagnostics.warning_count();
    if (report.bundle) {
        const Exhibition& e = report.bundle->exhibition;
        root["exhibition"] = {{"id", e.id},
                              {"version", e.version},
                              {"languages", e.languages},
                              {"artifacts", report.bundle->artifacts.size()}};
    } else {
        root["exhibition"] = nullptr;
    }
    json diagnostics = json::array();
    for (const Diagnostic& d : report.diagnostics.items()) {
        diagnostics.push_back({{"file", d.file},
                               {"line", d.line},
                               {"column", d.column},
                               {"severity", severity_name(d.severity)},
                               {"code", d.code},
                               {"message", d.message},
                               {"fix", d.fix}});
    }
    root["diagnostics"] = std::move(diagnostics);
    json left_out = json::array();
    for (const LeftOutArtifact& artifact : report.left_out)
        left_out.push_back({{"manifest", artifact.manifest}, {"reason", artifact.reason}});
    root["left_out"] = std::move(left_out);
    json coverage = json::array();
    for (const LanguageCoverage& row : report.coverage) {
        coverage.push_back({{"language", row.language},
                            {"artifacts", row.artifacts},
                            {"titles", row.titles},
                            {"stories", row.stories},
                            {"narrated_artifacts", row.narrated_artifacts},
                            {"narrations", row.narrations},
                            {"videos", row.videos},
                            {"subtitles", row.subtitles},
                            {"images", row.images},
                            {"alt_texts", row.alt_texts},
                            {"falling_back", row.falling_back},
                            {"derived_from", row.derived_from}});
    }
    root["coverage"] = std::move(coverage);
    // Replace invalid UTF-8 (a message may quote bytes from a broken file).
    return root.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace amanat
