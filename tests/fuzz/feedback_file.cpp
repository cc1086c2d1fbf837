#include "feedback_file.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace amanat::fuzzing {

namespace fs = std::filesystem;

namespace {

// Words the kiosk writes (core/visit/feedback_rows.hpp), and ids shaped like its own.
constexpr std::array<std::string_view, 32> kVocabulary = {"",
                                                          "session_start",
                                                          "session_end",
                                                          "language",
                                                          "text_size",
                                                          "contrast",
                                                          "artifact_view",
                                                          "narration",
                                                          "film",
                                                          "survey",
                                                          "idle",
                                                          "finished",
                                                          "offered",
                                                          "opened",
                                                          "large",
                                                          "high",
                                                          "en",
                                                          "kk",
                                                          "kk-Latn",
                                                          "ru",
                                                          "ko",
                                                          "overall",
                                                          "heard",
                                                          "friends",
                                                          "1",
                                                          "5",
                                                          "kobyz",
                                                          "kobyz/playing",
                                                          "kiosk-hall",
                                                          "Main hall",
                                                          "continuity-of-traditions",
                                                          "9f86d081884c7d659a2feaa0c55ad015"};

constexpr std::array<long long, 12> kEdges = {LLONG_MAX, LLONG_MIN, INT_MAX, INT_MIN,       -1,   0,
                                              1,         5,         6,       1'767'225'600, 3600, -720};

// The latest schema's columns of each table, in the recipe's order.
const std::vector<std::vector<const char*>> kColumns = {
    {"id", "kiosk_id", "venue", "bundle_id", "bundle_version", "session_id", "artifact_id", "rating",
     "language", "at", "utc_offset_minutes"},
    {"id", "kiosk_id", "venue", "bundle_id", "bundle_version", "session_id", "sequence", "kind", "subject",
     "value", "at", "utc_offset_minutes"},
    {"id", "kiosk_id", "venue", "bundle_id", "bundle_version", "session_id", "question_id", "answer",
     "language", "at", "utc_offset_minutes"},
};
constexpr std::array<const char*, 3> kTables = {"reactions", "engagement", "survey_answers"};

// Migration 1 exactly as the first release ran it (as tests/store/sqlite_file.hpp has it).
constexpr const char* kFirstRelease =
    "CREATE TABLE reactions("
    " id INTEGER PRIMARY KEY,"
    " kiosk_id TEXT NOT NULL, venue TEXT NOT NULL, bundle_id TEXT NOT NULL, bundle_version TEXT NOT NULL,"
    " session_id TEXT NOT NULL, artifact_id TEXT NOT NULL,"
    " rating INTEGER NOT NULL CHECK(rating BETWEEN 1 AND 5),"
    " language TEXT NOT NULL, at INTEGER NOT NULL);"
    "CREATE TABLE engagement("
    " id INTEGER PRIMARY KEY,"
    " kiosk_id TEXT NOT NULL, venue TEXT NOT NULL, bundle_id TEXT NOT NULL, bundle_version TEXT NOT NULL,"
    " session_id TEXT NOT NULL, kind TEXT NOT NULL, subject TEXT NOT NULL, value INTEGER NOT NULL,"
    " at INTEGER NOT NULL);"
    "PRAGMA user_version=1;";

// The latest columns, nothing else: no types, no NOT NULL, no UNIQUE, no CHECK.
constexpr const char* kUnconstrained =
    "CREATE TABLE reactions(id INTEGER PRIMARY KEY, kiosk_id, venue, bundle_id, bundle_version, session_id,"
    " artifact_id, rating, language, at, utc_offset_minutes);"
    "CREATE TABLE engagement(id INTEGER PRIMARY KEY, kiosk_id, venue, bundle_id, bundle_version, session_id,"
    " sequence, kind, subject, value, at, utc_offset_minutes);"
    "CREATE TABLE survey_answers(id INTEGER PRIMARY KEY, kiosk_id, venue, bundle_id, bundle_version,"
    " session_id, question_id, answer, language, at, utc_offset_minutes);"
    "CREATE INDEX engagement_visits ON engagement(at, utc_offset_minutes, venue, kiosk_id, session_id, kind)"
    " WHERE kind = 'session_start';"
    "PRAGMA user_version=2;";

// Reads the recipe's bytes; past the end, every read gives zeros.
class Recipe {
  public:
    explicit Recipe(std::string_view bytes) : m_bytes(bytes) {}
    bool done() const { return m_at >= m_bytes.size(); }
    std::uint8_t byte() { return done() ? 0 : static_cast<std::uint8_t>(m_bytes[m_at++]); }
    std::string_view take(std::size_t size) {
        const std::string_view part = m_bytes.substr(std::min(m_at, m_bytes.size()), size);
        m_at += size;
        return part;
    }
    template <typename T>
    T eight_bytes() {
        const std::string_view part = take(8);
        std::array<char, 8> raw{};
        std::copy(part.begin(), part.end(), raw.begin());
        T value;
        std::memcpy(&value, raw.data(), sizeof value);
        return value;
    }

  private:
    std::string_view m_bytes;
    std::size_t m_at = 0;
};

// Binds the recipe's next value to parameter `index` (or skips it when 0).
void bind_value(sqlite3_stmt* insert, int index, Recipe& recipe) {
    const std::uint8_t tag = recipe.byte() % 8;
    const auto bind_bytes = [&](bool blob) {
        const std::string_view bytes = recipe.take(recipe.byte());
        if (index == 0) return;
        if (blob) {
            sqlite3_bind_blob(insert, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
        } else {
            sqlite3_bind_text(insert, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
        }
    };
    switch (tag) {
        case 0:
            if (index != 0) sqlite3_bind_null(insert, index);
            break;
        case 1: {
            const auto value = static_cast<std::int8_t>(recipe.byte());
            if (index != 0) sqlite3_bind_int64(insert, index, value);
            break;
        }
        case 2: {
            const auto value = recipe.eight_bytes<long long>();
            if (index != 0) sqlite3_bind_int64(insert, index, value);
            break;
        }
        case 3: {
            const auto value = recipe.eight_bytes<double>();
            if (index != 0) sqlite3_bind_double(insert, index, value);
            break;
        }
        case 4:
        case 6:
            bind_bytes(tag == 6);
            break;
        case 5: {
            const std::string_view word = kVocabulary[recipe.byte() % kVocabulary.size()];
            if (index != 0)
                sqlite3_bind_text(insert, index, word.data(), static_cast<int>(word.size()), SQLITE_STATIC);
            break;
        }
        default: {
            const long long value = kEdges[recipe.byte() % kEdges.size()];
            if (index != 0) sqlite3_bind_int64(insert, index, value);
        }
    }
}

// The first release had neither the survey nor these two columns.
bool in_first_release(std::size_t table, const char* column) {
    return table != 2 && std::strcmp(column, "utc_offset_minutes") != 0 &&
           std::strcmp(column, "sequence") != 0;
}

// One prepared INSERT per table, over the columns this schema has; a column the
// schema lacks still takes its value from the recipe (parameter 0: skipped).
struct Inserts {
    std::array<sqlite3_stmt*, 3> statements{};
    std::array<std::vector<int>, 3> parameters;  // per recipe column: its parameter, or 0
    ~Inserts() {
        for (sqlite3_stmt* statement : statements) sqlite3_finalize(statement);
    }
};

void prepare_inserts(sqlite3* db, FeedbackSchema schema, Inserts& inserts) {
    for (std::size_t table = 0; table < kTables.size(); ++table) {
        std::string names;
        std::string marks;
        int parameter = 0;
        for (const char* column : kColumns[table]) {
            const bool present = schema != FeedbackSchema::first_release || in_first_release(table, column);
            inserts.parameters[table].push_back(present ? ++parameter : 0);
            if (!present) continue;
            names += (names.empty() ? "" : ", ") + std::string(column);
            marks += marks.empty() ? "?" : ", ?";
        }
        const std::string sql =
            "INSERT OR IGNORE INTO " + std::string(kTables[table]) + "(" + names + ") VALUES(" + marks + ")";
        // The first release has no survey table: its rows are read and dropped.
        sqlite3_prepare_v2(db, sql.c_str(), -1, &inserts.statements[table], nullptr);
    }
}

void insert_rows(sqlite3* db, FeedbackSchema schema, Recipe& recipe) {
    Inserts inserts;
    prepare_inserts(db, schema, inserts);
    for (int rows = 0; !recipe.done() && rows < 256; ++rows) {
        const std::size_t table = recipe.byte() % kTables.size();
        sqlite3_stmt* insert = inserts.statements[table];
        for (const int parameter : inserts.parameters[table])
            bind_value(insert, insert ? parameter : 0, recipe);
        if (insert == nullptr) continue;
        sqlite3_step(insert);
        sqlite3_reset(insert);
        sqlite3_clear_bindings(insert);
    }
}

}  // namespace

bool build_feedback_file(const fs::path& file, FeedbackSchema schema, std::string_view recipe_bytes,
                         const fs::path& latest) {
    std::error_code ec;
    fs::remove(file, ec);
    if (schema == FeedbackSchema::latest) {
        fs::copy_file(latest, file, ec);
        if (ec) return false;
    }
    sqlite3* db = nullptr;
    bool ok =
        sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) == SQLITE_OK;
    ok = ok && sqlite3_exec(db, "PRAGMA synchronous=OFF; BEGIN", nullptr, nullptr, nullptr) == SQLITE_OK;
    if (ok && schema == FeedbackSchema::first_release)
        ok = sqlite3_exec(db, kFirstRelease, nullptr, nullptr, nullptr) == SQLITE_OK;
    if (ok && schema == FeedbackSchema::unconstrained)
        ok = sqlite3_exec(db, kUnconstrained, nullptr, nullptr, nullptr) == SQLITE_OK;
    if (ok) {
        Recipe recipe(recipe_bytes);
        insert_rows(db, schema, recipe);
        ok = sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK;
    }
    sqlite3_close(db);
    return ok;
}

FeedbackRecipe& FeedbackRecipe::row(FeedbackTableName table) {
    m_bytes += static_cast<char>(table);
    return *this;
}

FeedbackRecipe& FeedbackRecipe::null() {
    m_bytes += '\0';
    return *this;
}

FeedbackRecipe& FeedbackRecipe::integer(long long value) {
    m_bytes += '\2';
    m_bytes.append(reinterpret_cast<const char*>(&value), sizeof value);
    return *this;
}

FeedbackRecipe& FeedbackRecipe::text(std::string_view value) {
    if (value.size() > 255) throw std::invalid_argument("a recipe's text is at most 255 bytes");
    m_bytes += '\4';
    m_bytes += static_cast<char>(value.size());
    m_bytes += value;
    return *this;
}

FeedbackRecipe& FeedbackRecipe::word(std::string_view value) {
    const auto found = std::find(kVocabulary.begin(), kVocabulary.end(), value);
    if (found == kVocabulary.end()) throw std::invalid_argument("not in the recipe's vocabulary");
    m_bytes += '\5';
    m_bytes += static_cast<char>(found - kVocabulary.begin());
    return *this;
}

int feedback_columns(FeedbackTableName table) {
    return static_cast<int>(kColumns[static_cast<std::size_t>(table)].size());
}

}  // namespace amanat::fuzzing
