// Robustness of the manifest readers: load_bundle and validate_bundle are fed many
// broken manifests (truncated, edited at random, replaced by noise, deeply nested,
// huge, not files at all, links out of the bundle, values of the wrong type).
// Every call must return: no crash, no exception, no sanitizer report, and no hang
// (a hang shows as this test's CTest timeout, so no clock is needed here). Every
// input known to be broken must give at least one error that names the manifest,
// and every diagnostic must say what is wrong, how to fix it, and in which file.
//
// The randomness comes from std::mt19937 with fixed seeds: its output is fixed by
// the standard (the std:: distributions are not, so they are not used), so a failing
// input is the same on every machine and the INFO lines say which one it was.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/exhibition/bundle_loader.hpp"
#include "core/exhibition/bundle_validator.hpp"
#include "synthetic_bundle.hpp"

using namespace amanat;
using namespace amanat::testing;
namespace fs = std::filesystem;

namespace {

// What is known about a mutated manifest before it is read.
enum class Expect {
    Anything,  // may still be valid (a changed letter in a title): only the general rules apply
    Error,     // certainly broken: some error must name the mutated manifest
};

// One manifest of the base bundle: its bundle-relative path (as diagnostics name
// it) and its valid text.
struct Manifest {
    std::string relative;
    std::string original;
};

// The valid one-artifact bundle (spec defaults: en and kk, narration and a film)
// that every input of a test case starts from. It is written once per test case,
// and each input overwrites one manifest while the other stays valid, which keeps
// the hundreds of inputs fast.
class MutationBench {
  public:
    MutationBench() { write_synthetic_bundle(m_folder.path(), m_spec); }

    const fs::path& folder() const { return m_folder.path(); }
    Manifest exhibition() const { return {"exhibition.toml", synthetic_exhibition_toml(m_spec)}; }
    Manifest artifact() const {
        return {"artifacts/artifact-1/artifact.toml", synthetic_artifact_toml(m_spec, 0)};
    }
    std::vector<Manifest> manifests() const { return {exhibition(), artifact()}; }
    fs::path path_of(const Manifest& manifest) const { return m_folder.path() / manifest.relative; }

    // Whatever the manifest is now (a file, a folder, a link, a pipe), makes it
    // a file holding `content`.
    void put(const Manifest& manifest, const std::string& content) {
        clear(manifest);
        write_file(path_of(manifest), content);
    }
    void restore(const Manifest& manifest) { put(manifest, manifest.original); }
    // Removes the manifest; remove_all removes a link itself, never its target.
    void clear(const Manifest& manifest) { fs::remove_all(path_of(manifest)); }

  private:
    SyntheticBundleSpec m_spec;
    TemporaryFolder m_folder;
};

// std::mt19937 with a fixed seed, used without std:: distributions so that the
// sequence of inputs is the same with every standard library.
class Random {
  public:
    explicit Random(std::uint32_t seed) : m_engine(seed) {}
    // 0 <= result < count (count > 0); the modulo bias is irrelevant here.
    std::size_t below(std::size_t count) { return static_cast<std::size_t>(m_engine() % count); }
    char byte() { return static_cast<char>(m_engine() & 0xFF); }

  private:
    std::mt19937 m_engine;
};

// A byte that no TOML document may hold where the base manifests are pure ASCII:
// any byte of 0x80 and above on its own is invalid UTF-8, and control characters
// other than tab, line feed and carriage return are allowed nowhere in TOML.
bool never_valid_in_ascii_toml(char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte >= 0x80 || byte == 0x7F || (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r');
}

bool is_ascii(std::string_view text) {
    for (char c : text) {
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    }
    return true;
}

// Strict UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view text) {
    static constexpr std::uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const std::size_t length = lead < 0x80           ? 1
                                   : (lead >> 5) == 0x06 ? 2
                                   : (lead >> 4) == 0x0E ? 3
                                   : (lead >> 3) == 0x1E ? 4
                                                         : 0;
        if (length == 0 || i + length > text.size()) return false;
        std::uint32_t code_point = length == 1 ? lead : lead & (0x7Fu >> length);
        for (std::size_t k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0) != 0x80) return false;
            code_point = (code_point << 6) | (next & 0x3Fu);
        }
        if (code_point < kSmallest[length] || code_point > 0x10FFFF ||
            (code_point >= 0xD800 && code_point <= 0xDFFF))
            return false;
        i += length;
    }
    return true;
}

// `text` made printable for a failure message: escapes, and cut after `limit` bytes.
std::string shown(std::string_view text, std::size_t limit = 120) {
    std::string out;
    for (std::size_t i = 0; i < text.size() && i < limit; ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte == '\n') {
            out += "\\n";
        } else if (byte >= 0x20 && byte < 0x7F) {
            out += static_cast<char>(byte);
        } else {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\x%02X", byte);
            out += escaped;
        }
    }
    if (text.size() > limit) out += "... (" + std::to_string(text.size()) + " bytes in all)";
    return out;
}

// The text around byte `at`, for failure messages about an edit there.
std::string around(std::string_view text, std::size_t at) {
    const std::size_t from = at > 30 ? at - 30 : 0;
    return "..." + shown(text.substr(from, 60)) + "...";
}

std::string repeated(std::string_view part, int times) {
    std::string out;
    out.reserve(part.size() * static_cast<std::size_t>(times));
    for (int i = 0; i < times; ++i) out += part;
    return out;
}

std::string listing(const Diagnostics& diagnostics) {
    std::string out;
    for (const Diagnostic& d : diagnostics.items()) {
        out += std::string(severity_name(d.severity)) + " " + d.file + ":" + std::to_string(d.line) + ":" +
               std::to_string(d.column) + " [" + d.code + "] " + shown(d.message, 300) +
               " / fix: " + shown(d.fix, 200) + "\n";
    }
    return out.empty() ? "(nothing)\n" : out;
}

std::size_t errors_naming(const Diagnostics& diagnostics, const std::string& file) {
    std::size_t count = 0;
    for (const Diagnostic& d : diagnostics.items()) {
        if (d.severity == Severity::Error && d.file == file) ++count;
    }
    return count;
}

// Why a diagnostic is not something staff can act on, or empty when it is.
std::string incompleteness(const Diagnostic& d) {
    if (d.file.empty()) return "no file";
    if (d.code.empty()) return "no code";
    if (d.message.empty()) return "no message";
    if (d.fix.empty()) return "no fix";
    if (d.line < 0 || d.column < 0) return "a negative line or column";
    // Messages are printed and put in JSON reports: no raw bytes of the input.
    if (!is_valid_utf8(d.message) || !is_valid_utf8(d.fix)) return "text that is not UTF-8";
    return {};
}

// Every diagnostic, broken input or not, is complete. One CHECK for them all: an
// input can give tens of thousands of diagnostics.
void check_diagnostics_are_complete(const Diagnostics& diagnostics) {
    std::size_t incomplete = 0;
    std::string first;
    for (const Diagnostic& d : diagnostics.items()) {
        const std::string problem = incompleteness(d);
        if (problem.empty()) continue;
        if (incomplete++ == 0)
            first = problem + ": " + d.file + ":" + std::to_string(d.line) + " [" + d.code + "] " +
                    shown(d.message, 300) + " / fix: " + shown(d.fix, 200);
    }
    INFO("first incomplete diagnostic: " << first);
    CHECK(incomplete == 0);
}

// What the two entry points said about the bundle as it is now on disk.
struct Outcome {
    std::optional<LoadedBundle> loaded;
    std::optional<ValidationReport> report;
};

// Reads the bundle with load_bundle and validate_bundle and checks the rules every
// answer follows; with Expect::Error, both must report an error in `mutated`.
Outcome read_and_check(const MutationBench& bench, const Manifest& mutated, Expect expect) {
    Outcome outcome;
    CHECK_NOTHROW(outcome.loaded.emplace(load_bundle(bench.folder())));
    CHECK_NOTHROW(outcome.report.emplace(validate_bundle(bench.folder())));
    if (!outcome.loaded || !outcome.report) return outcome;
    const LoadedBundle& loaded = *outcome.loaded;
    const ValidationReport& report = *outcome.report;
    INFO("load_bundle said:\n" << listing(loaded.diagnostics));
    INFO("validate_bundle said:\n" << listing(report.diagnostics));
    check_diagnostics_are_complete(loaded.diagnostics);
    check_diagnostics_are_complete(report.diagnostics);
    // Nothing is left out silently: a missing bundle or artifact has an error saying why.
    if (!loaded.bundle || loaded.bundle->artifacts.empty()) CHECK(loaded.diagnostics.has_errors());
    if (!report.bundle) CHECK(report.diagnostics.has_errors());
    // The validator starts from the loader's findings, so it never has fewer errors.
    CHECK(report.diagnostics.error_count() >= loaded.diagnostics.error_count());
    if (expect == Expect::Error) {
        CHECK(errors_naming(loaded.diagnostics, mutated.relative) > 0);
        CHECK(errors_naming(report.diagnostics, mutated.relative) > 0);
    }
    return outcome;
}

// Writes `content` as the manifest, then reads and checks the bundle.
Outcome try_manifest(MutationBench& bench, const Manifest& manifest, const std::string& content,
                     Expect expect) {
    bench.put(manifest, content);
    return read_and_check(bench, manifest, expect);
}

// True when cutting `text` at `cut` leaves a line cut short, as opposed to
// removing whole lines (or only a line's end). Every line of the synthetic
// manifests ends in a closing quote or bracket, or in a number whose first digits
// alone are out of range (60 -> 6) or one digit long, so a line cut short is
// always broken; removing whole lines may leave a valid manifest (an optional
// translation gone).
bool cuts_a_line_short(std::string_view text, std::size_t cut) {
    if (cut == 0 || text[cut - 1] == '\n') return false;
    const std::size_t end = text.find('\n', cut);
    const std::string_view rest = text.substr(cut, end == std::string_view::npos ? end : end - cut);
    return rest.find_first_not_of(" \t") != std::string_view::npos;
}

void check_truncations(MutationBench& bench, const Manifest& manifest) {
    // Every fourth byte keeps the run short while still cutting every line somewhere inside.
    constexpr std::size_t kStep = 4;
    const std::string& text = manifest.original;
    std::vector<std::size_t> cuts;
    for (std::size_t cut = 0; cut < text.size(); cut += kStep) cuts.push_back(cut);
    cuts.push_back(text.size() - 1);  // only the final line feed gone
    for (const std::size_t cut : cuts) {
        INFO(manifest.relative << " truncated to its first " << cut
                               << " bytes, ending with: " << around(text, cut > 30 ? cut - 30 : 0));
        const bool broken = cut == 0 || cuts_a_line_short(text, cut);
        try_manifest(bench, manifest, text.substr(0, cut), broken ? Expect::Error : Expect::Anything);
    }
    bench.restore(manifest);
}

// One random change of one byte: a flipped bit, an inserted, a deleted or a
// replaced byte.
struct Edit {
    std::string label;
    std::string content;
    Expect expect = Expect::Anything;
};

Edit random_byte_edit(const std::string& text, Random& random) {
    Edit edit;
    edit.content = text;
    const std::size_t at = random.below(text.size());
    std::string& out = edit.content;
    switch (random.below(4)) {
        case 0: {
            const auto bit = static_cast<unsigned>(random.below(8));
            out[at] = static_cast<char>(static_cast<unsigned char>(out[at]) ^ (1u << bit));
            edit.label = "bit " + std::to_string(bit) + " of byte " + std::to_string(at) + " flipped";
            if (never_valid_in_ascii_toml(out[at])) edit.expect = Expect::Error;
            break;
        }
        case 1: {
            const char inserted = random.byte();
            out.insert(at, 1, inserted);
            edit.label = "byte " + shown(std::string(1, inserted)) + " inserted at " + std::to_string(at);
            if (never_valid_in_ascii_toml(inserted)) edit.expect = Expect::Error;
            break;
        }
        case 2:
            out.erase(at, 1);
            edit.label = "byte " + std::to_string(at) + " deleted";
            break;
        default: {
            const char replacement = random.byte();
            out[at] = replacement;
            edit.label = "byte " + std::to_string(at) + " replaced by " + shown(std::string(1, replacement));
            if (never_valid_in_ascii_toml(replacement)) edit.expect = Expect::Error;
            break;
        }
    }
    edit.label += ", now: " + around(out, at);
    return edit;
}

// The lines of `text`, each with its line feed.
std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        end = end == std::string::npos ? text.size() : end + 1;
        lines.push_back(text.substr(start, end - start));
        start = end;
    }
    return lines;
}

std::string joined(const std::vector<std::string>& lines) {
    std::string out;
    for (const std::string& line : lines) out += line;
    return out;
}

bool is_blank(std::string_view line) {
    return line.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// One random change of whole lines. A repeated line is always broken: a key
// defined twice, a table opened twice, or an array-of-tables entry (one of
// [[sections]], [[images]] ...) left without its required id or file.
Edit random_line_edit(const std::string& text, Random& random) {
    std::vector<std::string> lines = lines_of(text);
    Edit edit;
    const std::size_t at = random.below(lines.size());
    switch (random.below(3)) {
        case 0:
            edit.label = "line " + std::to_string(at + 1) + " repeated: " + shown(lines[at]);
            if (!is_blank(lines[at])) edit.expect = Expect::Error;
            lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(at), lines[at]);
            break;
        case 1:
            edit.label = "line " + std::to_string(at + 1) + " deleted: " + shown(lines[at]);
            lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(at));
            break;
        default: {
            const std::size_t other = random.below(lines.size());
            edit.label = "lines " + std::to_string(at + 1) + " and " + std::to_string(other + 1) +
                         " swapped: " + shown(lines[at]) + " <-> " + shown(lines[other]);
            std::swap(lines[at], lines[other]);
            break;
        }
    }
    edit.content = joined(lines);
    return edit;
}

// Noise instead of a manifest: uniformly random bytes, always holding a NUL and an
// invalid UTF-8 byte somewhere.
std::string random_bytes(Random& random) {
    std::string bytes(1 + random.below(2048), '\0');
    for (char& c : bytes) c = random.byte();
    bytes[random.below(bytes.size())] = '\0';
    bytes[random.below(bytes.size())] = '\xFF';
    return bytes;
}

// Noise made of TOML's own tokens, more likely to get deep into the parser than
// bytes. Even when it parses, the manifest's required keys are missing.
std::string random_toml_tokens(Random& random) {
    // The line breaks come last: clang-format starts a new line after each of them.
    static const char* const kTokens[] = {
        "id",   "title", "format",   "en",          "kk-Latn", " = ",
        "=",    "\"",    "\"text\"", "'lit'",       "[",       "]",
        "[[",   "]]",    "{",        "}",           ",",       ".",
        "1",    "-0x1F", " ",        "\t",          "#",       "\"\"\"",
        "'''",  "\\",    "\\u00e9",  "\\UFFFFFFFF", "true",    "1979-05-27T07:32:00Z",
        "inf",  "nan",   "+",        "_",           "1e400",   "\xD0\x94",
        "\r\n", "\n"};
    constexpr std::size_t kTokenCount = sizeof kTokens / sizeof kTokens[0];
    std::string out;
    const std::size_t count = 1 + random.below(300);
    for (std::size_t i = 0; i < count; ++i) out += kTokens[random.below(kTokenCount)];
    return out;
}

// `title.en = "..."` (or `en = "..."` under [title]) with its text replaced by `text`.
std::string with_english_title(const std::string& manifest, const std::string& text) {
    std::string out = manifest;
    const std::size_t line = out.find("en = \"");
    REQUIRE(line != std::string::npos);
    const std::size_t open = line + 5;
    const std::size_t close = out.find('"', open + 1);
    out.replace(open + 1, close - open - 1, text);
    return out;
}

// One value of each TOML type: list, table, whole number, decimal number,
// true/false, date and text. The caller skips the one that may be right.
const std::vector<std::string>& wrong_values() {
    static const std::vector<std::string> values = {
        "[1, 2]", "{ wrong = 1 }", "42", "-3.5", "true", "1979-05-27T07:32:00Z", "\"text\"",
    };
    return values;
}

// The name of a `[table]` or `[[table]]` header line, or empty.
std::string header_name(std::string_view line) {
    if (line.empty() || line.front() != '[') return {};
    const std::size_t open = line.find_first_not_of('[');
    const std::size_t close = line.find(']');
    return std::string(line.substr(open, close - open));
}

}  // namespace

TEST_CASE("robustness: the base bundle is valid so that every broken input is broken by its mutation") {
    MutationBench bench;
    for (const Manifest& manifest : bench.manifests()) {
        INFO(manifest.relative);
        // The expectations below rely on pure-ASCII manifests.
        CHECK(is_ascii(manifest.original));
        const Outcome outcome = read_and_check(bench, manifest, Expect::Anything);
        REQUIRE(outcome.report);
        CHECK(outcome.report->diagnostics.items().empty());
        REQUIRE(outcome.report->bundle);
        CHECK(outcome.report->bundle->artifacts.size() == 1);
    }
}

TEST_CASE("robustness: truncated exhibition manifests") {
    MutationBench bench;
    check_truncations(bench, bench.exhibition());
}

TEST_CASE("robustness: truncated artifact manifests") {
    MutationBench bench;
    check_truncations(bench, bench.artifact());
}

TEST_CASE("robustness: random byte and line edits to the manifests") {
    constexpr std::uint32_t kSeed = 20260417;
    constexpr int kByteEdits = 100;
    constexpr int kLineEdits = 40;
    MutationBench bench;
    Random random(kSeed);
    for (const Manifest& manifest : bench.manifests()) {
        for (int i = 0; i < kByteEdits + kLineEdits; ++i) {
            const Edit edit = i < kByteEdits ? random_byte_edit(manifest.original, random)
                                             : random_line_edit(manifest.original, random);
            INFO(manifest.relative << ", seed " << kSeed << ", edit " << i << ": " << edit.label);
            try_manifest(bench, manifest, edit.content, edit.expect);
        }
        bench.restore(manifest);
    }
}

TEST_CASE("robustness: random bytes and random TOML tokens instead of a manifest") {
    constexpr std::uint32_t kSeed = 7341;
    constexpr int kInputs = 40;
    MutationBench bench;
    Random random(kSeed);
    for (const Manifest& manifest : bench.manifests()) {
        for (int i = 0; i < kInputs; ++i) {
            const std::string noise = i % 2 == 0 ? random_bytes(random) : random_toml_tokens(random);
            INFO(manifest.relative << ", seed " << kSeed << ", input " << i << ": " << shown(noise, 400));
            try_manifest(bench, manifest, noise, Expect::Error);
        }
        bench.restore(manifest);
    }
}

TEST_CASE("robustness: invalid UTF-8 and NUL bytes inside an otherwise valid manifest") {
    // Each bad byte is followed by a space, which also ends the hex escape.
    const std::vector<std::pair<std::string, std::string>> bad_texts = {
        {"NUL", std::string("A\0 B", 4)},          {"lone continuation byte", "A\x80 B"},
        {"overlong '/'", "A\xC0\xAF B"},           {"UTF-16 surrogate", "A\xED\xA0\x80 B"},
        {"above U+10FFFF", "A\xF4\x90\x80\x80 B"}, {"sequence cut short", "A\xE2\x82 B"},
        {"0xFE and 0xFF", "A\xFE\xFF B"},          {"Latin-1 instead of UTF-8", "Caf\xE9 B"},
        {"terminal escape", "A\x1B[31m B"},        {"DEL", "A\x7F B"},
    };
    MutationBench bench;
    for (const Manifest& manifest : bench.manifests()) {
        for (const auto& [name, text] : bad_texts) {
            {
                INFO(manifest.relative << ": " << name << " in the English title");
                try_manifest(bench, manifest, with_english_title(manifest.original, text), Expect::Error);
            }
            {
                INFO(manifest.relative << ": " << name << " in a comment");
                try_manifest(bench, manifest, "# " + text + "\n" + manifest.original, Expect::Error);
            }
        }
        bench.restore(manifest);
    }
}

TEST_CASE("robustness: deeply nested values and keys") {
    constexpr int kDepth = 10000;
    const std::vector<std::pair<std::string, std::string>> nestings = {
        {"unclosed arrays", "a = " + std::string(kDepth, '[')},
        {"closed arrays", "a = " + std::string(kDepth, '[') + std::string(kDepth, ']')},
        {"closed inline tables", "a = " + repeated("{ b = ", kDepth) + "1" + repeated(" }", kDepth)},
        {"unclosed inline tables", "a = " + repeated("{ b = ", kDepth)},
        {"arrays of inline tables", "a = " + repeated("[{ b = ", kDepth) + "1" + repeated("}]", kDepth)},
        {"a title nested in itself",
         "title = " + repeated("{ en = ", kDepth) + "\"x\"" + repeated("}", kDepth)},
        {"dotted key", "a" + repeated(".b", kDepth) + " = 1"},
        {"table header", "[a" + repeated(".b", kDepth) + "]"},
        {"array-of-tables header", "[[a" + repeated(".b", kDepth) + "]]"},
    };
    MutationBench bench;
    for (const Manifest& manifest : bench.manifests()) {
        for (const auto& [name, text] : nestings) {
            {
                INFO(manifest.relative << ": " << name << ", " << kDepth << " deep, as the whole manifest");
                try_manifest(bench, manifest, text + "\n", Expect::Error);
            }
            {
                INFO(manifest.relative << ": " << name << ", " << kDepth << " deep, before the valid text");
                try_manifest(bench, manifest, text + "\n" + manifest.original, Expect::Error);
            }
        }
        bench.restore(manifest);
    }
}

TEST_CASE("robustness: huge values and very many keys") {
    constexpr std::size_t kHugeText = 900 * 1000;
    MutationBench bench;
    for (const Manifest& manifest : bench.manifests()) {
        // A huge title must load whole, or be refused with an error.
        const std::vector<std::pair<std::string, std::string>> titles = {
            {"ASCII", std::string(kHugeText, 'x')},
            {"Cyrillic", repeated("\xD3\x98", static_cast<int>(kHugeText / 2))},  // U+04D8, 2 bytes
        };
        for (const auto& [name, title] : titles) {
            INFO(manifest.relative << ": a " << title.size() << "-byte " << name << " title.en");
            const Outcome outcome =
                try_manifest(bench, manifest, with_english_title(manifest.original, title), Expect::Anything);
            if (outcome.loaded && !outcome.loaded->diagnostics.has_errors()) {
                REQUIRE(outcome.loaded->bundle);
                const Bundle& bundle = *outcome.loaded->bundle;
                const LanguageMap& map = manifest.relative == "exhibition.toml"
                                             ? bundle.exhibition.title
                                             : bundle.artifacts.at(0).title;
                REQUIRE(map.find("en") != nullptr);
                CHECK(*map.find("en") == title);
            }
        }
        {
            INFO(manifest.relative << ": a 16 KiB unknown key");
            try_manifest(bench, manifest, std::string(16 * 1024, 'k') + " = 1\n" + manifest.original,
                         Expect::Error);
        }
        {
            INFO(manifest.relative << ": 2000 unknown keys");
            std::string many_keys;
            for (int i = 0; i < 2000; ++i) many_keys += "unknown" + std::to_string(i) + " = 1\n";
            try_manifest(bench, manifest, many_keys + manifest.original, Expect::Error);
        }
        bench.restore(manifest);
    }

    // Languages offered 2000 times each: repeating a language is only a warning.
    const Manifest exhibition = bench.exhibition();
    const std::string languages = "languages = [\"en\", \"kk\"]";
    std::string text = exhibition.original;
    REQUIRE(text.find(languages) != std::string::npos);
    text.replace(text.find(languages), languages.size(),
                 "languages = [" + repeated("\"en\", \"kk\", ", 2000) + "]");
    INFO("exhibition.toml: en and kk offered 2000 times each");
    try_manifest(bench, exhibition, text, Expect::Anything);
    bench.restore(exhibition);
}

TEST_CASE("robustness: manifests at and over the size limit") {
    // A comment pads a valid manifest to exactly `size` bytes.
    const auto padded = [](const std::string& manifest, std::size_t size) {
        const std::size_t filler = size - manifest.size() - 3;  // "# " and the final line feed
        return manifest + "# " + std::string(filler, 'x') + "\n";
    };
    MutationBench bench;
    for (const Manifest& manifest : bench.manifests()) {
        {
            INFO(manifest.relative << " of exactly kMaxManifestBytes");
            const std::string at_limit = padded(manifest.original, kMaxManifestBytes);
            REQUIRE(at_limit.size() == kMaxManifestBytes);
            const Outcome fits = try_manifest(bench, manifest, at_limit, Expect::Anything);
            REQUIRE(fits.report);
            CHECK_FALSE(fits.report->diagnostics.has_errors());
        }
        INFO(manifest.relative << " one byte over kMaxManifestBytes");
        const Outcome refused =
            try_manifest(bench, manifest, padded(manifest.original, kMaxManifestBytes + 1), Expect::Error);
        REQUIRE(refused.loaded);
        bool says_why = false;
        for (const Diagnostic& d : refused.loaded->diagnostics.items())
            says_why |= d.file == manifest.relative &&
                        d.message.find(std::to_string(kMaxManifestBytes)) != std::string::npos;
        CHECK(says_why);
        if (manifest.relative == "exhibition.toml") {
            CHECK_FALSE(refused.loaded->bundle);
        } else {
            REQUIRE(refused.loaded->bundle);
            CHECK(refused.loaded->bundle->artifacts.empty());
        }
        bench.restore(manifest);
    }
}

TEST_CASE("robustness: empty manifests and manifests that are not files") {
    MutationBench bench;
    for (const Manifest& manifest : bench.manifests()) {
        const std::vector<std::pair<std::string, std::string>> contents = {
            {"empty", ""},
            {"of blank lines and comments", "\n  \n\t\n# nothing here\n\r\n"},
            {"only a UTF-8 byte order mark", "\xEF\xBB\xBF"},
        };
        for (const auto& [name, content] : contents) {
            INFO(manifest.relative << " " << name);
            try_manifest(bench, manifest, content, Expect::Error);
        }
        {
            INFO(manifest.relative << " a folder");
            bench.clear(manifest);
            fs::create_directories(bench.path_of(manifest) / "inside");
            read_and_check(bench, manifest, Expect::Error);
        }
        {
            // Opening a pipe for reading would wait forever for a writer.
            INFO(manifest.relative << " a named pipe");
            bench.clear(manifest);
            REQUIRE(mkfifo(bench.path_of(manifest).c_str(), 0600) == 0);
            read_and_check(bench, manifest, Expect::Error);
        }
        // A missing artifact.toml is reported on its folder ("the folder ... has no
        // artifact.toml"), which is what staff must fix; so is a link to nothing.
        const std::string reported_on =
            manifest.relative == "exhibition.toml" ? manifest.relative : "artifacts/artifact-1";
        {
            INFO(manifest.relative << " a link to nothing");
            bench.clear(manifest);
            fs::create_symlink("nothing-here.toml", bench.path_of(manifest));
            const Outcome outcome = read_and_check(bench, manifest, Expect::Anything);
            REQUIRE(outcome.loaded);
            CHECK(errors_naming(outcome.loaded->diagnostics, reported_on) > 0);
        }
        {
            INFO(manifest.relative << " missing");
            bench.clear(manifest);
            const Outcome outcome = read_and_check(bench, manifest, Expect::Anything);
            REQUIRE(outcome.loaded);
            CHECK(errors_naming(outcome.loaded->diagnostics, reported_on) > 0);
        }
        bench.restore(manifest);
    }
}

TEST_CASE("robustness: a manifest that links outside the bundle is refused and not read") {
    // Were the outside file read, its id and its unknown key would show the marker
    // in a diagnostic (bad-id, unknown-key) or in the loaded bundle.
    const std::string marker = "LeakedSecretMarker";
    const auto outside_copy = [&](const std::string& manifest) {
        std::string text = manifest;
        const std::size_t id = text.find("id = \"");
        REQUIRE(id != std::string::npos);
        const std::size_t close = text.find('"', id + 6);
        text.replace(id + 6, close - id - 6, marker);
        return marker + " = 1\n" + text;
    };
    const auto check_not_read = [&](const Outcome& outcome) {
        REQUIRE(outcome.loaded);
        REQUIRE(outcome.report);
        for (const Diagnostics* diagnostics : {&outcome.loaded->diagnostics, &outcome.report->diagnostics}) {
            for (const Diagnostic& d : diagnostics->items()) {
                INFO(d.file << ": " << d.message);
                CHECK(d.message.find(marker) == std::string::npos);
                CHECK(d.fix.find(marker) == std::string::npos);
                CHECK(d.file.find(marker) == std::string::npos);
            }
        }
        if (const auto& bundle = outcome.loaded->bundle) {
            CHECK(bundle->exhibition.id != marker);
            CHECK(bundle->find_artifact(marker) == nullptr);
        }
    };
    // The refusal says the file leads outside (the code is checked separately below).
    const auto says_outside = [](const Diagnostics& diagnostics, const std::string& file) {
        for (const Diagnostic& d : diagnostics.items()) {
            if (d.severity == Severity::Error && d.file == file &&
                d.message.find("outside the bundle") != std::string::npos)
                return true;
        }
        return false;
    };

    MutationBench bench;
    TemporaryFolder outside;
    for (const Manifest& manifest : bench.manifests()) {
        const fs::path secret =
            outside.path() / ("secret-" + fs::path(manifest.relative).filename().string());
        write_file(secret, outside_copy(manifest.original));
        const fs::path relative_target = fs::relative(secret, bench.path_of(manifest).parent_path());
        for (const fs::path& target : {fs::path(secret), relative_target}) {
            INFO(manifest.relative << " a link to " << target.string());
            bench.clear(manifest);
            fs::create_symlink(target, bench.path_of(manifest));
            const Outcome outcome = read_and_check(bench, manifest, Expect::Error);
            check_not_read(outcome);
            CHECK(says_outside(outcome.loaded->diagnostics, manifest.relative));
            if (manifest.relative == "exhibition.toml") {
                CHECK_FALSE(outcome.loaded->bundle);
            } else {
                REQUIRE(outcome.loaded->bundle);
                CHECK(outcome.loaded->bundle->artifacts.empty());
            }
        }
        INFO(manifest.relative << " a link to /dev/zero (endless if read)");
        bench.clear(manifest);
        fs::create_symlink("/dev/zero", bench.path_of(manifest));
        read_and_check(bench, manifest, Expect::Error);
        bench.restore(manifest);
    }

    // A whole artifact folder linked from outside.
    const Manifest linked{"artifacts/artifact-2/artifact.toml", ""};
    write_file(outside.path() / "artifact-folder" / "artifact.toml", outside_copy(bench.artifact().original));
    write_file(outside.path() / "artifact-folder" / "picture.png", tiny_png());
    fs::create_directory_symlink(outside.path() / "artifact-folder",
                                 bench.folder() / "artifacts" / "artifact-2");
    INFO("artifacts/artifact-2 a link to a folder outside the bundle");
    const Outcome outcome = read_and_check(bench, linked, Expect::Error);
    check_not_read(outcome);
    CHECK(says_outside(outcome.loaded->diagnostics, linked.relative));
    REQUIRE(outcome.loaded->bundle);
    CHECK(outcome.loaded->bundle->artifacts.size() == 1);
}

TEST_CASE("robustness: wrong types in every place") {
    MutationBench bench;
    for (const Manifest& manifest : bench.manifests()) {
        const std::vector<std::string> lines = lines_of(manifest.original);
        for (std::size_t i = 0; i < lines.size(); ++i) {
            const std::string& line = lines[i];
            const std::size_t equals = line.find(" = ");
            if (equals == std::string::npos || line.front() == '[') continue;
            const std::string value = line.substr(equals + 3, line.size() - equals - 4);
            for (const std::string& wrong : wrong_values()) {
                // Text for text, or a whole number for a whole number, may be right.
                const bool is_number = std::isdigit(static_cast<unsigned char>(value.front())) != 0;
                if ((wrong == "\"text\"" && value.front() == '"') || (wrong == "42" && is_number)) continue;
                std::vector<std::string> edited = lines;
                edited[i] = line.substr(0, equals + 3) + wrong + "\n";
                INFO(manifest.relative << " line " << i + 1 << ": " << shown(edited[i]));
                try_manifest(bench, manifest, joined(edited), Expect::Error);
            }
        }

        // A table where a list of tables belongs, and the other way round.
        for (std::size_t i = 0; i < lines.size(); ++i) {
            if (header_name(lines[i]).empty()) continue;
            std::vector<std::string> edited = lines;
            const std::string name = header_name(lines[i]);
            edited[i] = lines[i].starts_with("[[") ? "[" + name + "]\n" : "[[" + name + "]]\n";
            INFO(manifest.relative << " line " << i + 1 << ": " << shown(lines[i]) << " became "
                                   << shown(edited[i]));
            try_manifest(bench, manifest, joined(edited), Expect::Error);
        }

        // A whole table (with its sub-tables and dotted lines) replaced by one value.
        std::vector<std::string> tables;
        for (const std::string& line : lines) {
            std::string name = header_name(line);
            if (name.empty() && line.find('.') != std::string::npos && line.find('.') < line.find(" = ") &&
                tables.empty())
                name = line.substr(0, line.find('.'));  // a dotted line before the first header
            name = name.substr(0, name.find('.'));
            if (!name.empty() && std::find(tables.begin(), tables.end(), name) == tables.end())
                tables.push_back(name);
        }
        for (const std::string& table : tables) {
            std::vector<std::string> kept;
            bool inside = false;
            for (const std::string& line : lines) {
                const std::string header = header_name(line);
                if (!header.empty()) inside = header == table || header.starts_with(table + ".");
                if (!inside && !line.starts_with(table + ".")) kept.push_back(line);
            }
            for (const char* wrong : {"42", "\"text\"", "[1, 2]", "true"}) {
                const std::string replaced = table + " = " + wrong + "\n" + joined(kept);
                INFO(manifest.relative << ": the table '" << table << "' replaced by " << wrong);
                try_manifest(bench, manifest, replaced, Expect::Error);
            }
        }
        bench.restore(manifest);
    }
}

// Not a crash: the refusal is there and says why, but under the generic code
// "unreadable", while a picture or an artifact folder that links out of the
// bundle gets "path-escape". Programs reading `amanat pack validate --json` should
// see one code for one problem. Skipped until the loader reports it so (see the
// report of the robustness work).
TEST_CASE("robustness: a manifest linking outside the bundle is reported as path-escape" * doctest::skip()) {
    MutationBench bench;
    TemporaryFolder outside;
    for (const Manifest& manifest : bench.manifests()) {
        write_file(outside.path() / "elsewhere.toml", manifest.original);
        bench.clear(manifest);
        fs::create_symlink(outside.path() / "elsewhere.toml", bench.path_of(manifest));
        const LoadedBundle loaded = load_bundle(bench.folder());
        bool path_escape = false;
        for (const Diagnostic& d : loaded.diagnostics.items())
            path_escape |= d.file == manifest.relative && d.code == "path-escape";
        INFO(manifest.relative << ", load_bundle said:\n" << listing(loaded.diagnostics));
        CHECK(path_escape);
        bench.restore(manifest);
    }
}

// Not a crash: when a list holds an item of the wrong type, the problems of the
// items after it are reported at the place of an earlier item. The loader pairs
// the i-th *text* of the list with the i-th *node* (bundle_loader.cpp, languages
// in read_exhibition and [attract] images), and the two differ once a non-text
// item has been skipped. Here 'xx-bad' (column 26) is reported at the '2'
// (column 17). Skipped until the loader keeps the node of each text.
TEST_CASE("robustness: an item after a wrong-typed list item is reported at its own place" *
          doctest::skip()) {
    MutationBench bench;
    const Manifest exhibition = bench.exhibition();
    std::string text = exhibition.original;
    const std::string languages = "languages = [\"en\", \"kk\"]";
    REQUIRE(text.find(languages) != std::string::npos);
    const std::string edited = "languages = [1, 2, \"en\", \"xx-bad\", \"kk\"]";
    text.replace(text.find(languages), languages.size(), edited);
    bench.put(exhibition, text);
    const LoadedBundle loaded = load_bundle(bench.folder());
    INFO("load_bundle said:\n" << listing(loaded.diagnostics));
    bool found = false;
    for (const Diagnostic& d : loaded.diagnostics.items()) {
        if (d.code != "bad-language-tag") continue;
        found = true;
        CHECK(d.column == static_cast<int>(edited.find("\"xx-bad\"")) + 1);
    }
    CHECK(found);
}
