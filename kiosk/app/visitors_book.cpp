#include "app/visitors_book.hpp"
#include "app/problem_log.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <type_traits>

#include "core/settings/kiosk_identity.hpp"

namespace amanat {
namespace {

long long unix_seconds() {
    return static_cast<long long>(std::time(nullptr));
}

void log(const std::string& line) {
    std::fprintf(stderr, "amanat-kiosk: %s\n", line.c_str());
}

// Where the config sends the feedback.
std::filesystem::path feedback_database(const KioskConfig& config) {
    return config.feedback_database.value_or(default_state_folder() / "feedback.sqlite");
}

// Opens the kiosk's database (its id first). Runs on a thread of its own: on a
// kiosk that has kept months of feedback, SQLite's integrity check of the file
// takes a noticeable time, which visitors must not wait for.
OpenedStore open_store(const KioskConfig& config, const Exhibition& exhibition) {
    const std::filesystem::path folder = default_state_folder();
    const std::filesystem::path database = feedback_database(config);
    std::string note;
    std::string error;
    const auto kiosk_id = load_kiosk_id(folder / "kiosk-id", note, error);
    if (!note.empty()) log("feedback: " + note);
    if (!kiosk_id) {
        log_problem("feedback: not recorded: " + error);
        return {nullptr, error, database, {}};
    }
    std::vector<std::string> notes;
    auto store = store::FeedbackStore::open(
        database, store::Provenance{*kiosk_id, config.venue, exhibition.id, exhibition.version}, notes,
        error);
    for (const std::string& line : notes) log("feedback: " + line);
    if (!store) {
        log_problem(
            "feedback: not recorded: " + error +
            "; visitors can still use the kiosk. Check the folder's permissions and free space, or set "
            "[feedback] database in the config");
        return {nullptr, error, database, *kiosk_id};
    }
    log("feedback: recording to " + database.string() + " as kiosk " + *kiosk_id +
        (config.venue.empty() ? std::string(" (no [venue] name in the config)") : " at " + config.venue));
    return {std::move(store), {}, database, *kiosk_id};
}

}  // namespace

VisitorsBook::VisitorsBook(const Bundle& bundle, const KioskConfig& config, platform::KioskWindow& window)
    : m_window(window),
      m_recorder(
          bundle, [this](FeedbackRow row) { write(std::move(row)); }, random_identifier) {
    m_view.asking = config.feedback;
    if (!config.feedback || bundle.artifacts.empty()) {
        if (!config.feedback) log("feedback: off ([feedback] enabled = false in the config)");
        return;
    }
    // Known before the file is opened, so that the status file names it at once.
    m_database = feedback_database(config);
    m_opening = std::async(std::launch::async, [config, &exhibition = bundle.exhibition, &window] {
        auto opened = open_store(config, exhibition);
        window.wake();  // rows may be waiting for it
        return opened;
    });
}

VisitorsBook::~VisitorsBook() {
    take_store();  // waits for the opening, and writes what waited for it
    // The store's destructor writes what is queued; its callbacks touch m_mutex,
    // which outlives it (members are destroyed after this body, m_store first
    // because it is reset here).
    m_store.reset();
}

void VisitorsBook::take_store() {
    if (!m_opening.valid()) return;
    auto opened = m_opening.get();  // invalidates m_opening
    m_store = std::move(opened.store);
    m_open_problem = std::move(opened.error);
    m_database = std::move(opened.database);
    m_kiosk_id = std::move(opened.kiosk_id);
    std::vector<FeedbackRow> waiting;
    waiting.swap(m_waiting);
    for (FeedbackRow& row : waiting) write(std::move(row));
}

const char* VisitorsBook::state() const {
    if (m_opening.valid()) return "opening";
    if (m_store) return "recording";
    return m_database.empty() ? "off" : "not recording";
}

void VisitorsBook::observe(const VisitorSession& session, const PlaybackProgress& playing, Millis now,
                           Millis last_touch) {
    if (m_opening.valid() && m_opening.wait_for(std::chrono::seconds(0)) == std::future_status::ready)
        take_store();
    m_recorder.observe(session, playing, now, last_touch, unix_seconds());
}

void VisitorsBook::write(FeedbackRow row) {
    if (m_opening.valid()) {
        m_waiting.push_back(std::move(row));  // written as soon as the database is open
        return;
    }
    if (!m_store) {
        // Nothing is kept, but the visitor still gets their thank-you.
        if (const auto* reaction = std::get_if<Reaction>(&row)) {
            std::lock_guard lock(m_mutex);
            m_saved_reactions.push_back(reaction->artifact_id);
        }
        return;
    }
    std::visit(
        [this](auto&& value) {
            using Row = std::decay_t<decltype(value)>;
            std::string artifact;
            bool answer = false;
            if constexpr (std::is_same_v<Row, Reaction>) artifact = value.artifact_id;
            if constexpr (std::is_same_v<Row, SurveyAnswer>) {
                answer = true;
                std::lock_guard lock(m_mutex);
                ++m_answers_pending;
            }
            bool visit_ended = false;
            if constexpr (std::is_same_v<Row, EngagementEvent>) visit_ended = value.kind == "session_end";
            m_store->record(std::move(value), [this, artifact = std::move(artifact), answer](bool ok) {
                finished(ok, artifact, answer);
            });
            // Between visits the kiosk is quiet: the file itself is brought up to
            // date, so a copy of it alone (taken without its -wal) holds every
            // finished visit.
            if (visit_ended) m_store->checkpoint_soon();
        },
        std::move(row));
}

void VisitorsBook::finished(bool ok, std::string artifact, bool answer) {
    {
        std::lock_guard lock(m_mutex);
        if (!artifact.empty()) m_saved_reactions.push_back(std::move(artifact));
        if (answer) --m_answers_pending;
        m_write_failed = !ok;
        if (ok) ++m_rows_saved;
    }
    m_window.wake();
}

ui::FeedbackView VisitorsBook::view(Millis now) {
    std::lock_guard lock(m_mutex);
    if (!m_saved_reactions.empty()) {
        m_view.thanked_artifact = m_saved_reactions.back();
        m_view.thanked_at = now;
        m_saved_reactions.clear();
    }
    // Answers still waiting for the database to open are not saved either.
    m_view.answers_saved = m_answers_pending == 0 &&
                           std::none_of(m_waiting.begin(), m_waiting.end(), [](const FeedbackRow& row) {
                               return std::holds_alternative<SurveyAnswer>(row);
                           });
    if (!m_open_problem.empty()) {
        m_view.problem = m_open_problem;
    } else if (m_write_failed) {
        m_view.problem = m_store->last_error();  // set before the failure was reported
    } else {
        m_view.problem.clear();
    }
    return m_view;
}

}  // namespace amanat
