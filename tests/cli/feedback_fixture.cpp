// feedback-fixture ROWS.json FOLDER: records the known rows of ROWS.json (see
// feedback-rows.json) into one feedback database per kiosk in FOLDER, through
// the kiosk's own FeedbackStore, so the `amanat feedback` tests read files made
// the way a kiosk makes them. Each kiosk's rows are written under its own TZ,
// which is where the store takes utc_offset_minutes from.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "store/feedback_store.hpp"

using nlohmann::json;
namespace store = amanat::store;

namespace {

int fail(const std::string& message) {
    std::fprintf(stderr, "feedback-fixture: %s\n", message.c_str());
    return 1;
}

std::string text(const json& row, const char* key) {
    return row.at(key).get<std::string>();
}

long long number(const json& row, const char* key) {
    return row.at(key).get<long long>();
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) return fail("usage: feedback-fixture ROWS.json FOLDER");
    std::ifstream input(argv[1]);
    const json rows = json::parse(input, nullptr, false);
    if (rows.is_discarded()) return fail(std::string("cannot parse ") + argv[1]);

    for (const json& kiosk : rows.at("kiosks")) {
        // Before the store's thread starts: the time zone is process-wide.
        setenv("TZ", kiosk.at("tz").get<std::string>().c_str(), 1);
        tzset();
        const json& from = kiosk.at("provenance");
        store::Provenance provenance{text(from, "kiosk_id"), text(from, "venue"), text(from, "bundle_id"),
                                     text(from, "bundle_version")};
        const std::string file = std::string(argv[2]) + "/" + kiosk.at("file").get<std::string>();
        std::vector<std::string> notes;
        std::string error;
        auto feedback = store::FeedbackStore::open(file, provenance, notes, error);
        if (!feedback) return fail(error);

        std::atomic<bool> saved = true;  // set on the store's thread, read after flush()
        const auto done = [&saved](bool ok) {
            if (!ok) saved = false;
        };
        // The rows in time order across tables, as a kiosk records them (a
        // replaced reaction must come after the one it replaces).
        std::vector<std::pair<long long, std::function<void()>>> queue;
        for (const json& r : kiosk.at("reactions"))
            queue.emplace_back(number(r, "at"), [&, r] {
                feedback->record(store::Reaction{text(r, "session_id"), text(r, "artifact_id"),
                                                 static_cast<int>(number(r, "rating")), text(r, "language"),
                                                 number(r, "at")},
                                 done);
            });
        for (const json& e : kiosk.at("engagement"))
            queue.emplace_back(number(e, "at"), [&, e] {
                feedback->record(
                    store::EngagementEvent{text(e, "session_id"), number(e, "sequence"), text(e, "kind"),
                                           text(e, "subject"), number(e, "value"), number(e, "at")},
                    done);
            });
        for (const json& s : kiosk.at("survey"))
            queue.emplace_back(number(s, "at"), [&, s] {
                feedback->record(store::SurveyAnswer{text(s, "session_id"), text(s, "question_id"),
                                                     s.at("answers").get<std::vector<std::string>>(),
                                                     text(s, "language"), number(s, "at")},
                                 done);
            });
        std::stable_sort(queue.begin(), queue.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        for (const auto& [at, record] : queue) record();
        feedback->flush();
        if (!saved) return fail("a row was not saved in " + file + ": " + feedback->last_error());
    }
    return 0;
}
