#include "app/staff_desk.hpp"

#include <sys/statvfs.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>

#include "app/media_desk.hpp"
#include "app/test_tone.hpp"
#include "app/visitors_book.hpp"
#include "core/exhibition/validation_report.hpp"
#include "core/localisation/locale_format.hpp"
#include "core/settings/kiosk_identity.hpp"
#include "core/staff/staff_pin.hpp"
#include "core/version.hpp"
#include "core/visit/visitor_session.hpp"
#include "store/feedback_tables.hpp"

namespace amanat {
namespace {

void log(const std::string& line) {
    std::fprintf(stderr, "amanat-kiosk: staff: %s\n", line.c_str());
}

std::int64_t wall_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string megabytes(unsigned long long bytes, const std::string& language) {
    const unsigned long long tenths = bytes * 10 / (1024 * 1024);
    return format_number(language, static_cast<double>(tenths) / 10.0) + " MB";
}

std::string duration_text(Millis ms) {
    const long long minutes = ms / 60'000;
    return std::to_string(minutes / 60) + " h " + std::to_string(minutes % 60) + " min";
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        if (end > start) lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

}  // namespace

std::vector<std::filesystem::path> usb_stick_folders() {
    // /media/LABEL (usbmount, older setups), /media/USER/LABEL and
    // /run/media/USER/LABEL (udisks): folders two levels down at most.
    std::vector<std::filesystem::path> folders;
    std::error_code ec;
    for (const char* base : {"/media", "/run/media"}) {
        for (const auto& first : std::filesystem::directory_iterator(base, ec)) {
            if (!first.is_directory(ec)) continue;
            bool has_folders = false;
            for (const auto& second : std::filesystem::directory_iterator(first.path(), ec)) {
                if (!second.is_directory(ec)) continue;
                has_folders = true;
                folders.push_back(second.path());
            }
            if (!has_folders) folders.push_back(first.path());
        }
    }
    std::sort(folders.begin(), folders.end());
    return folders;
}

StaffDesk::StaffDesk(const KioskConfig& config, const ExhibitionSource& source, const Bundle& bundle,
                     platform::KioskWindow& window, StaffTasks& tasks, float corner_side, Millis now)
    : m_config(config),
      m_source(source),
      m_bundle(bundle),
      m_window(window),
      m_language([&] {
          const auto offered = offered_languages(bundle.exhibition, config);
          return offered.empty() ? std::string("en") : offered.front();
      }()),
      m_door(
          [corner_side] {
              StaffDoorSettings settings;
              settings.corner_side = corner_side;
              return settings;
          }(),
          staff_pin_file(config), now, wall_ms()),
      m_tasks(tasks) {
    if (auto notice = m_door.take_notice()) log(*notice);
}

StaffDesk::~StaffDesk() {
    // A task still running is not waited for: m_tasks outlives the desk.
    if (m_pin_answer.valid()) m_pin_answer.wait();
}

bool StaffDesk::watch_corner(const std::vector<Gesture>& gestures, float width, float height, Millis now) {
    bool opened = false;
    for (const Gesture& g : gestures) {
        if (g.kind != Gesture::Kind::Tap && g.kind != Gesture::Kind::DoubleTap) continue;
        opened = m_door.tap(g.x, g.y, width, height, now) || opened;
    }
    if (auto notice = m_door.take_notice()) log(*notice);
    if (opened) {
        log("PIN pad opened");
        m_view.refused = false;
    }
    return opened;
}

void StaffDesk::touch(const std::vector<Gesture>& gestures, float width, float height, Millis now) {
    m_door.touch(now);
    if (!m_view.touch_test) return;
    for (const Gesture& g : gestures) {
        for (const auto& [x, y] : {std::pair{g.x, g.y}, std::pair{g.start_x, g.start_y}}) {
            const int column =
                std::clamp(static_cast<int>(x * ui::kTouchGridColumns / width), 0, ui::kTouchGridColumns - 1);
            const int row =
                std::clamp(static_cast<int>(y * ui::kTouchGridRows / height), 0, ui::kTouchGridRows - 1);
            m_view.touched_cells[static_cast<std::size_t>(row * ui::kTouchGridColumns + column)] = true;
        }
    }
}

void StaffDesk::start(std::string what, StaffTasks::Work work) {
    if (m_tasks.start(what, std::move(work)))
        log(what);
    else
        log("not started, another task runs: " + what);
}

// How a task ended, logged; the work returns it.
StaffTaskOutcome StaffDesk::ended(bool ok, std::string outcome, std::vector<std::string> details) {
    log((ok ? "done: " : "failed: ") + outcome);
    return StaffTaskOutcome{ok, std::move(outcome), std::move(details)};
}

// The outcome of something done on the render thread, logged and shown.
void StaffDesk::tell(bool ok, std::string outcome) {
    log((ok ? "done: " : "failed: ") + outcome);
    m_tasks.tell(ok, std::move(outcome));
}

StaffDesk::Request StaffDesk::handle(const std::vector<ui::StaffAction>& actions, MediaDesk& media,
                                     const VisitorsBook& book, Millis now) {
    using Kind = ui::StaffAction::Kind;
    Request request = Request::Nothing;
    for (const ui::StaffAction& action : actions) {
        m_door.touch(now);
        switch (action.kind) {
            case Kind::Digit:
                m_door.type_digit(static_cast<int>(action.index), now);
                break;
            case Kind::Erase:
                m_door.erase_digit(now);
                break;
            case Kind::Submit:
                if (auto check = m_door.submit(now)) {
                    // Argon2id takes a fraction of a second on purpose: off the render thread.
                    m_pin_check = std::move(check);
                    m_pin_answer = std::async(std::launch::async,
                                              [hash = m_pin_check->hash, pin = m_pin_check->pin, this] {
                                                  const bool right = verify_pin(hash, pin);
                                                  m_window.wake();
                                                  return right;
                                              });
                    m_pin_check->pin.clear();
                }
                break;
            case Kind::Cancel:
                m_door.close();
                m_view.touch_test = false;
                log("closed");
                request = Request::Closed;
                break;
            case Kind::ShowPage:
                m_view.page = static_cast<ui::StaffView::Page>(std::min<std::size_t>(action.index, 3));
                m_view.touch_test = false;
                refresh_lists();
                break;
            case Kind::InstallPack:
                if (action.index < m_pack_files.size() && m_source.packs_root()) {
                    const std::filesystem::path file = m_pack_files[action.index];
                    start("installing " + file.filename().string(),
                          [&config = m_config, &source = m_source, language = m_language,
                           file](const StaffTasks::Progress& report_progress) {
                              pack::Trust trust{config.trusted_keys, config.allow_unsigned_packs};
                              pack::Limits limits{config.pack_max_megabytes << 20, config.pack_max_files};
                              pack::InstalledPacks packs(*source.packs_root());
                              const pack::InstallOutcome outcome = packs.install(
                                  file, trust, limits,
                                  [&language, &report_progress](const pack::PackProgress& p) {
                                      const double share = p.bytes_total > 0
                                                               ? static_cast<double>(p.bytes_done) /
                                                                     static_cast<double>(p.bytes_total)
                                                               : -1.0;
                                      report_progress(
                                          share, p.stage + ": " +
                                                     megabytes(static_cast<unsigned long long>(p.bytes_done),
                                                               language) +
                                                     ", " + format_number(language, p.files_done) + " / " +
                                                     format_number(language, p.files_total) + " files");
                                  });
                              std::vector<std::string> details;
                              if (!outcome.ok) details = lines_of(format_report_text(outcome.validation));
                              return ended(outcome.ok, outcome.message, std::move(details));
                          });
                } else if (!m_source.packs_root()) {
                    tell(false, "This kiosk was started with --bundle: it does not use installed packs.");
                }
                break;
            case Kind::RollBack:
                if (m_source.packs_root()) {
                    start("rolling back", [&source = m_source](const StaffTasks::Progress&) {
                        std::string message;
                        const bool ok = pack::InstalledPacks(*source.packs_root()).rollback(message);
                        return ended(ok, message);
                    });
                }
                break;
            case Kind::ExportFeedback:
                if (action.index < m_export_targets.size()) {
                    const std::filesystem::path folder = m_export_targets[action.index];
                    const std::filesystem::path database = book.database();
                    const std::string kiosk = book.kiosk_id();
                    start("exporting feedback to " + folder.string(), [folder, database,
                                                                       kiosk](const StaffTasks::Progress&) {
                        store::ExportSummary result;
                        std::string error;
                        if (database.empty()) {
                            return ended(false,
                                         "Feedback is not being recorded on this kiosk: nothing to export.");
                        } else if (store::export_feedback_to_folder(database, folder, kiosk, result, error)) {
                            return ended(true,
                                         "Exported " + std::to_string(result.reactions) + " reactions, " +
                                             std::to_string(result.engagement) + " engagement events, " +
                                             std::to_string(result.survey_answers) +
                                             " survey answers and the database to " + result.folder.string());
                        } else {
                            return ended(false, error);
                        }
                    });
                }
                break;
            case Kind::AudioTest: {
                std::string error;
                const std::filesystem::path tone =
                    std::filesystem::temp_directory_path() / "amanat-test-tone.wav";
                if (write_test_tone(tone, error) && media.play_test_sound(tone))
                    tell(true, "Playing a test sound (a rising tone, 3 seconds).");
                else
                    tell(false, error.empty() ? "The sound cannot be played (see the kiosk's log)." : error);
                break;
            }
            case Kind::TouchTest:
                m_view.touch_test = true;
                m_view.touched_cells.assign(ui::kTouchGridColumns * ui::kTouchGridRows, false);
                break;
            case Kind::Restart:
                log("restarting the kiosk");
                request = Request::Restart;
                break;
        }
    }
    return request;
}

void StaffDesk::refresh_lists() {
    std::vector<std::filesystem::path> extra;
    if (m_config.pack_folder) extra.push_back(*m_config.pack_folder);
    m_pack_files = pack::find_pack_files(extra);
    m_view.pack_files.clear();
    for (const auto& file : m_pack_files) m_view.pack_files.push_back(file.string());
    m_export_targets = usb_stick_folders();
    if (m_config.export_folder) m_export_targets.push_back(*m_config.export_folder);
    m_view.export_targets.clear();
    for (const auto& folder : m_export_targets) m_view.export_targets.push_back(folder.string());
    m_view.installed.clear();
    m_view.can_roll_back = false;
    m_active_pack = m_source.packs_root() ? "none: the built-in exhibition" : "not used (--bundle)";
    if (m_source.packs_root()) {
        std::string error;
        for (const pack::InstalledPack& pack : pack::InstalledPacks(*m_source.packs_root()).list(error)) {
            std::string line = pack.bundle_id + " " + pack.bundle_version + "  (" + pack.name + ", " +
                               format_date(m_language, pack.installed_at, DateStyle::Medium) + ")";
            if (pack.active) {
                line += "  - active";
                m_active_pack = pack.name + ", " +
                                (pack.signer.empty() ? std::string("unsigned") : "signed by " + pack.signer);
            }
            if (pack.previous) {
                line += "  - previous";
                m_view.can_roll_back = true;
            }
            m_view.installed.push_back(std::move(line));
        }
        if (!error.empty()) m_view.installed.push_back(error);
    }
}

// Where visitors' feedback goes, and how it fares (VisitorsBook::state()).
std::string StaffDesk::feedback_text(const VisitorsBook& book) const {
    const std::string state = book.state();
    if (state == "off") return "off";
    if (state == "opening") return book.database().string() + " (opening: being checked)";
    if (state == "not recording")
        return std::string("NOT RECORDED (") + book.database().string() + " could not be opened)";
    std::error_code ec;
    const auto size = std::filesystem::file_size(book.database(), ec);
    return book.database().string() + ", " + megabytes(ec ? 0 : size, m_language) + ", " +
           format_number(m_language, book.rows_saved()) + " rows saved since start";
}

void StaffDesk::fill_status(const VisitorsBook& book, Millis now) {
    auto& rows = m_view.status;
    rows.clear();
    rows.push_back({"Amanat", kVersion});
    rows.push_back({"Exhibition", m_bundle.exhibition.id + " " + m_bundle.exhibition.version});
    rows.push_back({"Shown from", m_bundle.root.string()});
    rows.push_back({"Active pack", m_active_pack});
    rows.push_back(
        {"Venue", m_config.venue.empty() ? "(not set: [venue] name in the config)" : m_config.venue});
    rows.push_back({"Kiosk id", book.kiosk_id().empty() ? std::string("(none: feedback ") + book.state() + ")"
                                                        : book.kiosk_id()});
    rows.push_back({"Running for", duration_text(now)});
    const std::filesystem::path state = default_state_folder();
    struct statvfs disk {};
    if (statvfs(state.c_str(), &disk) == 0) {
        rows.push_back({"Disk free", megabytes(static_cast<unsigned long long>(disk.f_bavail) * disk.f_frsize,
                                               m_language) +
                                         " (" + state.string() + ")"});
    }
    rows.push_back({"Feedback", feedback_text(book)});
    rows.push_back({"Problems", book.problem().empty() ? std::string("none") : book.problem()});
}

StaffDesk::Request StaffDesk::update(const VisitorsBook& book, Millis now) {
    Request request = Request::Nothing;
    // The PIN's answer from the worker.
    if (m_pin_answer.valid() && m_pin_answer.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
        const bool right = m_pin_answer.get();
        if (m_pin_check) {
            if (right) {
                m_door.pin_accepted(m_pin_check->ticket, now);
                m_view.refused = false;
                m_view.page = ui::StaffView::Page::Status;
                log("staff mode opened");
                refresh_lists();
                request = Request::Opened;
            } else {
                m_door.pin_refused(m_pin_check->ticket, now);
                m_view.refused = true;
                log("a wrong PIN was entered");
            }
        }
        m_pin_check.reset();
        if (auto notice = m_door.take_notice()) log(*notice);
    }
    // An install or export under way keeps staff mode open: its outcome is what
    // staff are waiting to read (a large pack can take minutes to check).
    if (m_view.busy) m_door.touch(now);
    if (showing() && m_door.expired(now)) {
        m_door.close();
        m_view.touch_test = false;
        log("closed after no touch for a while");
        request = Request::Closed;
    }

    using Phase = ui::StaffView::Phase;
    switch (m_door.phase()) {
        case StaffDoor::Phase::Closed:
            m_view.phase = Phase::Closed;
            break;
        case StaffDoor::Phase::AskingPin:
            m_view.phase = Phase::Pin;
            break;
        case StaffDoor::Phase::Checking:
            m_view.phase = Phase::Checking;
            break;
        case StaffDoor::Phase::Open:
            m_view.phase = Phase::Open;
            break;
    }
    m_view.digits = m_door.digits_typed();
    m_view.can_submit = m_door.can_submit(now);
    m_view.attempts_left = m_door.attempts_left(now);
    m_view.lockout_left = m_door.lockout_left(now);
    if (m_view.phase == Phase::Open && m_view.page == ui::StaffView::Page::Status) fill_status(book, now);

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
    return request;
}

}  // namespace amanat
