// fleet-bytes [FOLDER [PUBLICATIONS]]: what Syncthing would send in a day for a kiosk with a
// season of feedback (issue 21), with the kiosk's day files
// (store/feedback_publication.hpp) against one snapshot of the whole database.
//
// A season (180 days, ~800,000 engagement rows, one kiosk) is generated, then a
// busy day (300 visits) is recorded through the kiosk's own store in 40 steps
// (PUBLICATIONS), one per publication (every 15 minutes over 10 opening hours). After each
// publication, every file that changed is compared with its previous version in
// Syncthing's 128 KiB blocks: a block whose bytes differ (or a new file's every
// block) is sent. Syncthing compares blocks by hash at fixed offsets, as this does.
// Prints the bytes for both designs. Not a test; BENCHMARKS.md section 10.
#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "feedback_generator.hpp"
#include "store/feedback_publication.hpp"
#include "store/feedback_store.hpp"

namespace fs = std::filesystem;
using namespace amanat;

namespace {

constexpr std::size_t kBlock = 128 * 1024;

std::string read_bytes(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The bytes Syncthing sends to bring `before` to `after`: the changed blocks.
long long changed_bytes(const std::string& before, const std::string& after) {
    long long sent = 0;
    for (std::size_t at = 0; at < after.size(); at += kBlock) {
        const std::size_t length = std::min(kBlock, after.size() - at);
        if (at >= before.size() || before.compare(at, length, after, at, length) != 0)
            sent += static_cast<long long>(length);
    }
    return sent;
}

// The other design: a consistent copy of the whole live database (SQLite's
// backup, page for page, the WAL's pages included), as a snapshot would be.
std::string whole_snapshot(const fs::path& live, const fs::path& copy) {
    sqlite3* from = nullptr;
    sqlite3* to = nullptr;
    sqlite3_open_v2(live.c_str(), &from, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_open(copy.c_str(), &to);
    sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
    if (backup != nullptr) {
        sqlite3_backup_step(backup, -1);
        sqlite3_backup_finish(backup);
    }
    sqlite3_close(to);
    sqlite3_close(from);
    return read_bytes(copy);
}

// One visit of the day, as a kiosk records it.
void record_visit(store::FeedbackStore& store, int number, long long at) {
    char id[40];
    std::snprintf(id, sizeof id, "%032x", 0x5000000 + number);
    int sequence = 0;
    store.record(EngagementEvent{id, ++sequence, "session_start", "", 0, at});
    store.record(EngagementEvent{id, ++sequence, "language", number % 3 == 0 ? "ko" : "en", 0, at + 2});
    for (int artifact = 0; artifact < 8; ++artifact)
        store.record(EngagementEvent{id, ++sequence, "artifact_view", "artifact-" + std::to_string(artifact),
                                     9000 + 500 * artifact, at + 10 + 20 * artifact});
    store.record(Reaction{id, "artifact-1", 1 + number % 5, "en", at + 60});
    store.record(Reaction{id, "artifact-4", 1 + (number + 2) % 5, "en", at + 140});
    store.record(SurveyAnswer{id, "enjoyed", {std::to_string(1 + number % 5)}, "en", at + 170});
    store.record(EngagementEvent{id, ++sequence, "session_end", "finished", 0, at + 180});
}

}  // namespace

int main(int argc, char** argv) {
    const fs::path folder = argc > 1 ? fs::path(argv[1]) : fs::temp_directory_path() / "amanat-fleet-bytes";
    const int publications = argc > 2 ? std::max(1, std::atoi(argv[2])) : 40;
    fs::remove_all(folder);
    fs::create_directories(folder / "outbox");
    const fs::path live = folder / "feedback.sqlite";
    testing::FeedbackSampleSpec spec;
    spec.engagement_events = 800'000;
    spec.days = 180;
    spec.kiosks = 1;
    testing::FeedbackSampleCounts counts;
    std::string error;
    if (!testing::write_sample_feedback(live, spec, counts, error)) {
        std::fprintf(stderr, "fleet-bytes: %s\n", error.c_str());
        return 1;
    }
    const long long day = spec.first_day_unix + 200LL * 86400 + 9 * 3600;  // a day after the season, 9:00
    std::vector<store::PublishedDay> published;
    if (!store::publish_feedback_days(live, "kiosk-1", folder / "outbox", 0, published, error)) {
        std::fprintf(stderr, "fleet-bytes: %s\n", error.c_str());
        return 1;
    }
    long long season_files = 0;
    for (const auto& entry : fs::directory_iterator(folder / "outbox")) season_files += entry.file_size();
    std::printf(
        "season: %lld visits, %lld engagement rows; database %.1f MB; %zu day files, %.1f MB in all "
        "(sent once, when the kiosk first joins)\n",
        counts.sessions, counts.engagement, static_cast<double>(fs::file_size(live)) / 1e6, published.size(),
        static_cast<double>(season_files) / 1e6);

    std::vector<std::string> notes;
    auto store =
        store::FeedbackStore::open(live, {"kiosk-1", "Seoul", "continuity-of-traditions", "1"}, notes, error);
    if (!store) {
        std::fprintf(stderr, "fleet-bytes: %s\n", error.c_str());
        return 1;
    }
    std::map<fs::path, std::string> last;  // each day file's bytes as last sent
    const fs::path snapshot = folder / "whole-snapshot.sqlite";
    std::string whole_before = whole_snapshot(live, snapshot);
    long long day_files_sent = 0;
    long long whole_sent = 0;
    long long last_publication = day;
    const long long interval = 36000 / publications;  // 10 opening hours
    int visits = 0;
    for (int step = 0; step < publications; ++step) {
        const long long now = day + (step + 1) * interval;
        const int until = 300 * (step + 1) / publications;  // 300 visits spread over the day
        for (; visits < until; ++visits) record_visit(*store, visits, now - interval + (visits % 10) * 30);
        store->flush();
        std::vector<store::PublishedDay> days;
        if (!store::publish_feedback_days(live, "kiosk-1", folder / "outbox", last_publication - 3600, days,
                                          error)) {
            std::fprintf(stderr, "fleet-bytes: %s\n", error.c_str());
            return 1;
        }
        last_publication = now;
        for (const store::PublishedDay& changed : days) {
            if (changed.rows_added == 0) continue;
            std::string bytes = read_bytes(changed.file);
            day_files_sent += changed_bytes(last[changed.file], bytes);
            last[changed.file] = std::move(bytes);
        }
        const std::string whole = whole_snapshot(live, snapshot);
        whole_sent += changed_bytes(whole_before, whole);
        whole_before = whole;
    }
    long long today_size = 0;
    for (const auto& [file, bytes] : last) today_size += static_cast<long long>(bytes.size());
    std::printf(
        "a day of %d visits in %d publications: day files %.2f MB sent (today's file ends at %.2f MB); "
        "whole-database snapshots %.2f MB sent\n",
        visits, publications, static_cast<double>(day_files_sent) / 1e6,
        static_cast<double>(today_size) / 1e6, static_cast<double>(whole_sent) / 1e6);
    return 0;
}
