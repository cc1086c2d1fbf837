#include "core/localisation/catalog.hpp"

#include <gettext-po.h>

#include <algorithm>
#include <cctype>
#include <csetjmp>
#include <cstdlib>
#include <mutex>
#include <system_error>
#include <unordered_set>

#include "core/files/showable_text.hpp"
#include "core/files/small_file.hpp"
#include "core/localisation/language_tag.hpp"
#include "core/localisation/message_pattern.hpp"

namespace amanat {

std::string PhraseKey::display() const {
    return context ? *context + "|" + msgid : msgid;
}

Phrasebook::Phrasebook(std::string language, std::vector<Phrase> phrases) : m_language(std::move(language)) {
    const auto key_of = [](const Phrase& phrase) {
        const std::optional<std::string>& context = phrase.key.context;
        return IndexKey{context.has_value(), context ? std::string_view(*context) : std::string_view{},
                        phrase.key.msgid};
    };
    // Choose the phrases to keep before moving any: the set holds views into `phrases`.
    std::vector<std::size_t> kept;
    {
        std::unordered_set<IndexKey, IndexKeyHash> seen;
        for (std::size_t i = 0; i < phrases.size(); ++i) {
            if (!phrases[i].translation.empty() && seen.insert(key_of(phrases[i])).second) kept.push_back(i);
        }
    }
    m_phrases.reserve(kept.size());
    for (const std::size_t i : kept) m_phrases.push_back(std::move(phrases[i]));
    // m_phrases does not change from here on, so the index may view its strings.
    for (std::size_t i = 0; i < m_phrases.size(); ++i) m_index.emplace(key_of(m_phrases[i]), i);
}

std::size_t Phrasebook::IndexKeyHash::operator()(const IndexKey& key) const {
    const std::size_t msgid = std::hash<std::string_view>{}(key.msgid);
    if (!key.has_context) return msgid;
    const std::size_t context = std::hash<std::string_view>{}(key.context);
    return msgid ^ (context + 0x9e3779b9 + (msgid << 6) + (msgid >> 2));
}

const std::string* Phrasebook::find(const IndexKey& key) const {
    if (m_index.empty()) return nullptr;
    const auto found = m_index.find(key);
    return found == m_index.end() ? nullptr : &m_phrases[found->second].translation;
}

const std::string* Phrasebook::find(std::string_view msgid) const {
    return find(IndexKey{false, {}, msgid});
}

const std::string* Phrasebook::find(std::string_view context, std::string_view msgid) const {
    return find(IndexKey{true, context, msgid});
}

const char* Phrasebook::tr(const char* msgid) const {
    if (msgid == nullptr) return "";
    const std::string* translation = find(IndexKey{false, {}, msgid});
    return translation != nullptr ? translation->c_str() : msgid;
}

const char* Phrasebook::trc(const char* context, const char* msgid) const {
    if (context == nullptr) return tr(msgid);
    if (msgid == nullptr) return "";
    const std::string* translation = find(IndexKey{true, context, msgid});
    return translation != nullptr ? translation->c_str() : msgid;
}

std::string Phrasebook::language_name() const {
    // TRANSLATORS: The name of THIS language written in itself (its autonym), e.g. Қазақша, Русский, 한국어 —
    // not the word "English" translated. Shown on the toolbar's language button, on the
    // language screen and on the small tag next to a text shown in another language. Keep
    // short.
    return trc("language name", "English");
}

namespace {

// A UI catalog is ~30 kB; anything much bigger is not one.
constexpr std::size_t kMaxCatalogBytes = 16u << 20;

// The language of the msgids: its PO file may leave msgstr empty.
constexpr std::string_view kSourceLanguage = "en";

std::string_view trim(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    return text;
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// ---- Where each entry starts -------------------------------------------------
// libgettextpo does not tell on which line of the PO file a message is, so the
// file is scanned once more, just for the line of each entry's msgctxt or msgid.

// How an entry is looked up in entry_lines(): msgctxt and msgid joined by EOT, as
// gettext itself does in compiled catalogs.
std::string entry_index(const PhraseKey& key) {
    return key.context ? *key.context + '\x04' + key.msgid : key.msgid;
}

// The first quoted C string on the line, escapes resolved; empty when there is none.
std::string quoted_text(std::string_view line) {
    std::string text;
    std::size_t i = line.find('"');
    if (i == std::string_view::npos) return text;
    for (++i; i < line.size() && line[i] != '"'; ++i) {
        if (line[i] != '\\' || i + 1 == line.size()) {
            text += line[i];
            continue;
        }
        switch (const char escaped = line[++i]) {
            case 'n':
                text += '\n';
                break;
            case 't':
                text += '\t';
                break;
            case 'r':
                text += '\r';
                break;
            case 'a':
                text += '\a';
                break;
            case 'b':
                text += '\b';
                break;
            case 'f':
                text += '\f';
                break;
            case 'v':
                text += '\v';
                break;
            default:
                text += escaped;
                break;
        }
    }
    return text;
}

// For each entry (not obsolete ones), entry_index() -> its 1-based first line.
std::unordered_map<std::string, int> entry_lines(std::string_view text) {
    std::unordered_map<std::string, int> lines;
    enum class Field { None, Context, Msgid, Other };
    Field field = Field::None;
    PhraseKey key;
    int entry_line = 0;
    int number = 0;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view line = trim(text.substr(start, end - start));
        start = end + 1;
        ++number;
        const auto is_keyword = [&line](std::string_view keyword) {
            return line.starts_with(keyword) &&
                   (line.size() == keyword.size() || line[keyword.size()] == ' ' ||
                    line[keyword.size()] == '\t' || line[keyword.size()] == '"');
        };
        if (is_keyword("msgctxt")) {
            key = PhraseKey{quoted_text(line), {}};
            entry_line = number;
            field = Field::Context;
        } else if (is_keyword("msgid")) {
            if (field != Field::Context) {
                key.context.reset();
                entry_line = number;
            }
            key.msgid = quoted_text(line);
            field = Field::Msgid;
        } else if (line.starts_with("msgid_plural") || line.starts_with("msgstr")) {
            if (field == Field::Msgid) lines.emplace(entry_index(key), entry_line);
            field = Field::Other;
        } else if (line.starts_with('"')) {
            if (field == Field::Context) *key.context += quoted_text(line);
            if (field == Field::Msgid) key.msgid += quoted_text(line);
        } else {
            field = Field::None;
        }
    }
    return lines;
}

// ---- Reading with libgettextpo -----------------------------------------------

struct PoEntry {
    PhraseKey key;
    std::string msgstr;
    bool fuzzy = false;
    bool plural = false;
    int line = 0;
};

struct PoFile {
    bool has_header = false;
    std::string header;
    int header_line = 0;
    std::vector<PoEntry> entries;  // the header and obsolete entries left out
};

// Where libgettextpo's callbacks report the problems of the file being read.
struct PoReadState {
    Diagnostics* out = nullptr;
    const std::string* file = nullptr;  // as reported, e.g. "localisation/kk.po"
    std::size_t errors = 0;
    std::jmp_buf on_fatal;
};

// libgettextpo reports problems through callbacks that get no user pointer and
// that it keeps in process-global variables, and its parser has global state too;
// the library is not thread-safe. So every use of it holds this mutex, and
// `current_po_read` (guarded by it) says where the callbacks report to.
std::mutex libgettextpo_mutex;
PoReadState* current_po_read = nullptr;

// libgettextpo's message texts may span lines and continue one another with "...".
std::string one_line(const char* text) {
    std::string out;
    for (const char* c = text != nullptr ? text : ""; *c != '\0'; ++c) out += *c == '\n' ? ' ' : *c;
    std::string_view view = trim(out);
    while (view.starts_with(".")) view.remove_prefix(1);
    while (view.ends_with(".")) view.remove_suffix(1);
    return std::string(trim(view));
}

int line_or_zero(const char* filename, std::size_t number) {
    return filename == nullptr || number == static_cast<std::size_t>(-1) ? 0 : static_cast<int>(number);
}

void report_po_problem(PoReadState& state, int severity, int line, int column, std::string message) {
    const std::string& file = *state.file;
    if (severity == PO_SEVERITY_WARNING) {
        state.out->warning(file, line, column, "po-warning", std::move(message),
                           "check the file with: msgfmt --check -o /dev/null " + file);
        return;
    }
    ++state.errors;
    state.out->error(file, line, column, "po-syntax", std::move(message),
                     "correct this line (compare it with the same entry in " +
                         std::string(TranslationCatalogs::kTemplateFileName) +
                         ") and check the file with: msgfmt --check -o /dev/null " + file +
                         "; until then the kiosk shows this language in English");
}

// Called back by libgettextpo, under libgettextpo_mutex, during po_file_read().
// It must not return after a fatal error, so it jumps back to read_po_or_null();
// its own frame holds nothing to destroy at that point.
void on_po_problem(int severity, po_message_t, const char* filename, std::size_t line, std::size_t column,
                   int, const char* text) noexcept {
    PoReadState& state = *current_po_read;
    report_po_problem(state, severity, line_or_zero(filename, line), line_or_zero(filename, column),
                      one_line(text));
    if (severity == PO_SEVERITY_FATAL_ERROR) std::longjmp(state.on_fatal, 1);
}

// The same for a problem that involves two messages, e.g. a duplicate definition.
void on_po_problem_pair(int severity, po_message_t, const char* filename1, std::size_t line1,
                        std::size_t column1, int, const char* text1, po_message_t, const char* filename2,
                        std::size_t line2, std::size_t, int, const char* text2) noexcept {
    PoReadState& state = *current_po_read;
    const int other_line = line_or_zero(filename2, line2);
    report_po_problem(state, severity, line_or_zero(filename1, line1), line_or_zero(filename1, column1),
                      one_line(text1) + "; " + one_line(text2) +
                          (other_line > 0 ? " (line " + std::to_string(other_line) + ")" : ""));
    if (severity == PO_SEVERITY_FATAL_ERROR) std::longjmp(state.on_fatal, 1);
}

const po_xerror_handler po_problem_handler = {on_po_problem, on_po_problem_pair};

// po_file_read(), or nullptr after a fatal error. Only C frames and the frame of a
// callback above lie between here and the longjmp, so no destructor is skipped;
// what libgettextpo had allocated for the file (and its open FILE) is lost, which
// is acceptable for a case that does not happen with a readable file.
po_file_t read_po_or_null(const char* path, PoReadState& state) {
    if (setjmp(state.on_fatal) != 0) return nullptr;
    return po_file_read(path, &po_problem_handler);
}

// Must be called with libgettextpo_mutex held.
void copy_messages(po_file_t po, PoFile& result) {
    const po_message_iterator_t iterator = po_message_iterator(po, nullptr);
    while (const po_message_t message = po_next_message(iterator)) {
        if (po_message_is_obsolete(message) != 0) continue;
        const char* context = po_message_msgctxt(message);
        const char* msgid = po_message_msgid(message);
        if (context == nullptr && *msgid == '\0') {
            result.has_header = true;
            result.header = po_message_msgstr(message);
            continue;
        }
        PoEntry entry;
        if (context != nullptr) entry.key.context = context;
        entry.key.msgid = msgid;
        entry.plural = po_message_msgid_plural(message) != nullptr;
        if (!entry.plural) entry.msgstr = po_message_msgstr(message);
        entry.fuzzy = po_message_is_fuzzy(message) != 0;
        result.entries.push_back(std::move(entry));
    }
    po_message_iterator_free(iterator);
}

// The file's entries, or nullopt when it cannot be read or has errors (reported).
std::optional<PoFile> read_po_file(const std::filesystem::path& path, const std::string& file,
                                   Diagnostics& out) {
    // Read here first (never blocking on a pipe put in its place), so that
    // libgettextpo, which opens the file again, only ever gets a regular file.
    std::string text;
    std::string problem;
    if (!read_small_file(path, kMaxCatalogBytes, text, problem)) {
        out.error(file, 0, 0, "unreadable", "the file cannot be read: " + problem,
                  "check that it is a PO file and that the kiosk's user account may read it");
        return std::nullopt;
    }
    PoFile result;
    PoReadState state;
    state.out = &out;
    state.file = &file;
    const std::string native_path = path.string();
    bool opened = false;
    {
        const std::lock_guard lock(libgettextpo_mutex);
        current_po_read = &state;
        if (const po_file_t po = read_po_or_null(native_path.c_str(), state)) {
            opened = true;
            copy_messages(po, result);
            po_file_free(po);
        }
        current_po_read = nullptr;
    }
    if (!opened && state.errors == 0) {
        out.error(file, 0, 0, "unreadable", "the file cannot be read",
                  "check that it exists and that the kiosk's user account may read it");
    }
    if (!opened || state.errors > 0) return std::nullopt;

    const auto lines = entry_lines(text);
    const auto header_line = lines.find("");
    result.header_line = header_line != lines.end() ? header_line->second : 1;
    for (PoEntry& entry : result.entries) {
        const auto found = lines.find(entry_index(entry.key));
        entry.line = found != lines.end() ? found->second : 0;
    }
    return result;
}

// A field of a PO header ("Language: kk\n..."), or nullopt.
std::optional<std::string> header_field(std::string_view header, std::string_view name) {
    std::size_t start = 0;
    while (start < header.size()) {
        std::size_t end = header.find('\n', start);
        if (end == std::string_view::npos) end = header.size();
        const std::string_view line = header.substr(start, end - start);
        if (line.size() > name.size() && line.starts_with(name) && line[name.size()] == ':') {
            return std::string(trim(line.substr(name.size() + 1)));
        }
        start = end + 1;
    }
    return std::nullopt;
}

bool declares_utf8(const PoFile& po) {
    const auto content_type = header_field(po.header, "Content-Type");
    if (!content_type) return false;
    const std::string value = lower(*content_type);
    const std::size_t charset = value.find("charset=");
    if (charset == std::string::npos) return false;
    const std::string_view name = trim(std::string_view(value).substr(charset + 8));
    return name == "utf-8" || name == "utf8";
}

// "pt_BR" (gettext's spelling) and "pt-BR" (BCP 47) name the same language.
bool same_language(std::string_view header_language, std::string_view tag) {
    std::string spelled = lower(header_language);
    std::replace(spelled.begin(), spelled.end(), '_', '-');
    return spelled == lower(tag);
}

std::string in_quotes(std::string_view text) {
    return "'" + std::string(text) + "'";
}

// The phrases of one language's PO file; its problems go to `out`.
std::vector<Phrase> phrases_of(const PoFile& po, const std::string& language, const std::string& file,
                               const std::vector<PhraseKey>& template_phrases, Diagnostics& out) {
    const std::string template_file = TranslationCatalogs::kTemplateFileName;
    if (const auto declared = header_field(po.header, "Language"); !declared || declared->empty()) {
        out.warning(file, po.header_line, 0, "language-mismatch",
                    "the header does not say the file's language",
                    "add the line \"Language: " + language +
                        "\\n\" to the header (in Poedit: Translation > "
                        "Properties > Language)");
    } else if (!same_language(*declared, language)) {
        out.warning(file, po.header_line, 0, "language-mismatch",
                    "the header says the language is " + in_quotes(*declared) + ", but the file name says " +
                        in_quotes(language),
                    "rename the file or correct the Language line of the header");
    }
    std::vector<Phrase> phrases;
    for (const PoEntry& entry : po.entries) {
        const std::string name = in_quotes(entry.key.display());
        if (!template_phrases.empty() && std::find(template_phrases.begin(), template_phrases.end(),
                                                   entry.key) == template_phrases.end()) {
            out.warning(
                file, entry.line, 0, "not-in-template",
                name + " is not in the template " + template_file + ", so the kiosk does not use it",
                "update the file from the template: in Poedit, Translation > Update from POT File; or "
                "msgmerge --update " +
                    file + " " + template_file);
        }
        if (entry.plural) {
            out.warning(file, entry.line, 0, "plural-unused",
                        name + " has plural forms, which the kiosk's UI does not use, so it is ignored",
                        "remove the entry, or update the file from the template " + template_file);
            continue;
        }
        if (entry.msgstr.empty()) continue;
        if (const auto found = find_unshowable(entry.msgstr)) {
            out.error(file, entry.line, 0, "unshowable-character",
                      "the translation of " + name + " holds " + found->describe() +
                          ", which the kiosk cannot show, so the kiosk shows the English text",
                      unshowable_fix(*found));
            continue;
        }
        if (entry.fuzzy) {
            out.warning(
                file, entry.line, 0, "fuzzy",
                "the translation of " + name +
                    " is marked fuzzy (it needs checking), so the kiosk shows the English text",
                "check the translation, then remove the fuzzy mark (in Poedit: turn off \"Needs work\")");
            continue;
        }
        if (is_message_pattern(entry.key.msgid)) {
            bool usable = true;
            for (const MessageProblem& problem :
                 check_message_translation(language, entry.key.msgid, entry.msgstr)) {
                const std::string message = "the translation of " + name + ": " + problem.message +
                                            (problem.error ? ", so the kiosk shows the English text" : "");
                if (problem.error) {
                    out.error(file, entry.line, 0, problem.code, message, problem.fix);
                    usable = false;
                } else {
                    out.warning(file, entry.line, 0, problem.code, message, problem.fix);
                }
            }
            if (!usable) continue;
        }
        phrases.push_back(Phrase{entry.key, entry.msgstr});
    }
    return phrases;
}

}  // namespace

TranslationCatalogs TranslationCatalogs::load(const std::filesystem::path& folder, Diagnostics& out) {
    TranslationCatalogs catalogs;
    std::error_code error;
    std::filesystem::path normal = std::filesystem::absolute(folder, error).lexically_normal();
    if (!normal.has_filename()) normal = normal.parent_path();
    const std::filesystem::path folder_label = normal.filename();
    const auto label = [&folder_label](const std::filesystem::path& file) {
        return (folder_label / file.filename()).generic_string();
    };

    std::vector<std::filesystem::path> po_files;
    for (std::filesystem::directory_iterator it(folder, error), end; !error && it != end;
         it.increment(error)) {
        if (it->path().extension() == ".po" && it->is_regular_file(error)) po_files.push_back(it->path());
    }
    if (error) {
        out.error(folder_label.generic_string(), 0, 0, "unreadable", "the translations folder cannot be read",
                  "check that the folder " + folder.string() + " exists and that the kiosk may read it");
        return catalogs;
    }
    std::sort(po_files.begin(), po_files.end());

    const std::filesystem::path template_path = folder / kTemplateFileName;
    if (!std::filesystem::exists(template_path, error)) {
        out.warning(label(template_path), 0, 0, "no-template",
                    "the template is missing, so translations cannot be checked for completeness",
                    "restore " + label(template_path) + " from the kiosk's source");
    } else if (const auto po = read_po_file(template_path, label(template_path), out)) {
        for (const PoEntry& entry : po->entries) catalogs.m_template.push_back(entry.key);
    }

    for (const std::filesystem::path& path : po_files) {
        const std::string file = label(path);
        std::string language = path.stem().string();
        if (const auto tag_problem = language_tag_problem(language)) {
            const std::string suggestion = did_you_mean_language(language);
            out.error(
                file, 0, 0, "bad-file-name", *tag_problem + " (a PO file is named after its language)",
                (suggestion.empty() ? std::string() : suggestion + " Otherwise ") +
                    "name the file after its language's BCP 47 tag, e.g. kk.po, kk-Latn.po or pt-BR.po");
            continue;
        }
        // Canonical case, as the bundle's tags: kk-latn.po is the catalog of kk-Latn.
        language = canonical_language_tag(language);
        const auto po = read_po_file(path, file, out);
        if (!po) continue;
        if (!declares_utf8(*po)) {
            out.error(
                file, po->header_line, 0, "not-utf8",
                "the header does not say the file is in UTF-8, so the kiosk shows this language in English",
                "save the file as UTF-8 with \"Content-Type: text/plain; charset=UTF-8\\n\" in the header "
                "(Poedit does this by default)");
            continue;
        }
        Phrasebook phrasebook(language, phrases_of(*po, language, file, catalogs.m_template, out));
        if (language != kSourceLanguage) {
            std::size_t missing = 0;
            std::size_t on_kiosk = 0;
            for (const PhraseKey& key : catalogs.m_template) {
                if (!shown_on_kiosk(key)) continue;
                ++on_kiosk;
                missing +=
                    (key.context ? phrasebook.find(*key.context, key.msgid) : phrasebook.find(key.msgid)) ? 0
                                                                                                          : 1;
            }
            if (missing > 0) {
                out.warning(file, 0, 0, "incomplete",
                            std::to_string(missing) + " of " + std::to_string(on_kiosk) +
                                " phrases have no usable translation, so they show in English",
                            "translate them (Poedit and Weblate list untranslated and fuzzy entries first)");
            }
        }
        catalogs.m_phrasebooks.emplace(language, std::move(phrasebook));
    }
    return catalogs;
}

const Phrasebook& TranslationCatalogs::phrasebook(std::string_view language) const {
    const auto found = m_phrasebooks.find(language);
    return found != m_phrasebooks.end() ? found->second : m_source;
}

std::vector<std::string> TranslationCatalogs::languages() const {
    std::vector<std::string> tags;
    for (const auto& [language, phrasebook] : m_phrasebooks) tags.push_back(language);
    return tags;
}

std::vector<std::string> TranslationCatalogs::untranslated(std::string_view language) const {
    const Phrasebook& book = phrasebook(language);
    std::vector<std::string> missing;
    for (const PhraseKey& key : m_template) {
        if (!shown_on_kiosk(key)) continue;
        const std::string* translation =
            key.context ? book.find(*key.context, key.msgid) : book.find(key.msgid);
        if (translation == nullptr) missing.push_back(key.display());
    }
    return missing;
}

}  // namespace amanat
