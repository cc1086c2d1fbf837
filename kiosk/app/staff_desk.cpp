#include "app/staff_desk.hpp"

#include <algorithm>
#include <utility>

#include "app/staff_exports.hpp"
#include "app/staff_status_page.hpp"
#include "app/staff_tests_page.hpp"
#include "app/staff_words.hpp"
#include "app/visitors_book.hpp"
#include "core/visit/visitor_session.hpp"

namespace amanat {

StaffDesk::StaffDesk(const KioskConfig& config, const ExhibitionSource& source, const Bundle& bundle,
                     platform::KioskWindow& window, StaffTasks& tasks, float corner_side, Millis now)
    : m_config(config),
      m_source(source),
      m_bundle(bundle),
      m_language([&] {
          const auto offered = offered_languages(bundle.exhibition, config);
          return offered.empty() ? std::string("en") : offered.front();
      }()),
      m_entrance(config, window, corner_side, now),
      m_tasks(tasks) {}

bool StaffDesk::watch_corner(const std::vector<Gesture>& gestures, float width, float height, Millis now) {
    const bool opened = m_entrance.watch_corner(gestures, width, height, now);
    if (opened) m_view.refused = false;
    return opened;
}

void StaffDesk::touch(const std::vector<Gesture>& gestures, float width, float height, Millis now) {
    m_entrance.touch(now);
    if (m_view.touch_test) staff::mark_touched_cells(gestures, width, height, m_view);
}

StaffDesk::Request StaffDesk::handle(const std::vector<ui::StaffAction>& actions, MediaDesk& media,
                                     const VisitorsBook& book, Millis now) {
    Request request = Request::Nothing;
    for (const ui::StaffAction& action : actions) {
        m_entrance.touch(now);
        const Request asked = carry_out(action, media, book, now);
        if (asked != Request::Nothing) request = asked;
    }
    return request;
}

// One action, to the part whose job it is.
StaffDesk::Request StaffDesk::carry_out(const ui::StaffAction& action, MediaDesk& media,
                                        const VisitorsBook& book, Millis now) {
    using Kind = ui::StaffAction::Kind;
    switch (action.kind) {
        case Kind::Digit:
            m_entrance.type_digit(static_cast<int>(action.index), now);
            break;
        case Kind::Erase:
            m_entrance.erase_digit(now);
            break;
        case Kind::Submit:
            m_entrance.submit(now);
            break;
        case Kind::Cancel:
            close("closed");
            return Request::Closed;
        case Kind::ShowPage:
            show_page(action.index);
            break;
        case Kind::InstallPack:
            install(action.index);
            break;
        case Kind::RollBack:
            roll_back();
            break;
        case Kind::ExportFeedback:
            export_feedback(action.index, book);
            break;
        case Kind::AudioTest:
            tell(staff::play_test_sound(media));
            break;
        case Kind::TouchTest:
            staff::start_touch_test(m_view);
            break;
        case Kind::Restart:
            staff::log("restarting the kiosk");
            return Request::Restart;
    }
    return Request::Nothing;
}

void StaffDesk::close(const char* why) {
    m_entrance.close(why);
    m_view.touch_test = false;
}

void StaffDesk::show_page(std::size_t page) {
    m_view.page = static_cast<ui::StaffView::Page>(std::min<std::size_t>(page, 3));
    m_view.touch_test = false;
    refresh_lists();
}

void StaffDesk::install(std::size_t index) {
    if (!m_source.packs_root()) {
        tell(staff::ended(false, "This kiosk was started with --bundle: it does not use installed packs."));
        return;
    }
    if (index >= m_packs.files.size()) return;
    const std::filesystem::path& file = m_packs.files[index];
    start(std::string("installing ") + file.filename().string(),
          staff::install_pack(m_config, m_source, m_language, file));
}

void StaffDesk::roll_back() {
    if (m_source.packs_root()) start("rolling back", staff::roll_back_pack(m_source));
}

void StaffDesk::export_feedback(std::size_t index, const VisitorsBook& book) {
    if (index >= m_export_targets.size()) return;
    const std::filesystem::path& folder = m_export_targets[index];
    start(std::string("exporting feedback to ") + folder.string(),
          staff::export_feedback(folder, book.database(), book.kiosk_id()));
}

void StaffDesk::start(const std::string& what, StaffTasks::Work work) {
    if (m_tasks.start(what, std::move(work)))
        staff::log(what);
    else
        staff::log(std::string("not started, another task runs: ") + what);
}

void StaffDesk::tell(StaffTaskOutcome outcome) {
    m_tasks.tell(outcome.ok, std::move(outcome.message), std::move(outcome.details));
}

StaffDesk::Request StaffDesk::update(const VisitorsBook& book, Millis now) {
    Request request = take_pin_answer(now);
    // An install or export under way keeps staff mode open: its outcome is what
    // staff are waiting to read (a large pack can take minutes to check).
    if (m_view.busy) m_entrance.touch(now);
    if (showing() && m_entrance.expired(now)) {
        close("closed after no touch for a while");
        request = Request::Closed;
    }
    m_entrance.describe(m_view, now);
    if (m_view.phase == ui::StaffView::Phase::Open && m_view.page == ui::StaffView::Page::Status)
        m_view.status = staff::status_rows(m_config, m_bundle, m_packs.active, book, m_language, now);
    take_task_state();
    return request;
}

// The PIN's answer from the entrance's worker, once it is there.
StaffDesk::Request StaffDesk::take_pin_answer(Millis now) {
    switch (m_entrance.take_pin_answer(now)) {
        case StaffEntrance::Answer::Accepted:
            m_view.refused = false;
            m_view.page = ui::StaffView::Page::Status;
            refresh_lists();
            return Request::Opened;
        case StaffEntrance::Answer::Refused:
            m_view.refused = true;
            break;
        case StaffEntrance::Answer::None:
            break;
    }
    return Request::Nothing;
}

// What StaffTasks' worker is doing or last did (copied under its mutex, never
// waiting for the work).
void StaffDesk::take_task_state() {
    StaffTasks::State task = m_tasks.state();
    const bool finished_now = m_view.busy && !task.busy;
    m_view.busy = task.busy;
    m_view.task = std::move(task.task);
    m_view.progress = task.progress;
    m_view.progress_text = std::move(task.progress_text);
    m_view.outcome = std::move(task.outcome);
    m_view.outcome_ok = task.outcome_ok;
    m_view.outcome_details = std::move(task.details);
    if (finished_now) refresh_lists();  // an install or rollback changed what is installed
}

// What the Packs and Feedback pages list, looked at afresh.
void StaffDesk::refresh_lists() {
    m_packs = staff::list_packs(m_config, m_source, m_language);
    m_view.pack_files.clear();
    for (const auto& file : m_packs.files) m_view.pack_files.push_back(file.string());
    m_view.installed = m_packs.installed;
    m_view.can_roll_back = m_packs.can_roll_back;
    m_export_targets = staff::export_targets(m_config);
    m_view.export_targets.clear();
    for (const auto& folder : m_export_targets) m_view.export_targets.push_back(folder.string());
}

}  // namespace amanat
