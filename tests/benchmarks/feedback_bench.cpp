// The feedback store and archive: how long a visitor's reaction takes to be on
// disk (committed, fsynced), and what organisers wait for on a season's worth of
// data: a million engagement events (70k visits at three venues over 60 days,
// with their reactions and survey answers) written, summarised, exported, merged.
// Files live in the temporary folder, on whatever disk that is.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string_view>
#include <vector>

#include "core/files/json_record.hpp"
#include "feedback_generator.hpp"
#include "store/feedback_archive.hpp"
#include "store/feedback_store.hpp"
#include "store/feedback_tables.hpp"
#include "synthetic_bundle.hpp"

using namespace amanat;

namespace {

constexpr long long SEASON_EVENTS = 1'000'000;

// A generated season of SEASON_EVENTS events, written once per process on first use.
const std::filesystem::path& season() {
    static testing::TemporaryFolder folder;
    static const std::filesystem::path path = [] {
        const std::filesystem::path p = folder.path() / "season.sqlite";
        testing::FeedbackSampleSpec spec;
        spec.engagement_events = SEASON_EVENTS;
        testing::FeedbackSampleCounts counts;
        std::string error;
        if (!testing::write_sample_feedback(p, spec, counts, error))
            std::fprintf(stderr, "%s\n", error.c_str());
        return p;
    }();
    return path;
}

double percentile(std::vector<double> samples, double p) {
    if (samples.empty()) return 0;
    std::sort(samples.begin(), samples.end());
    const auto index = static_cast<std::size_t>(p * static_cast<double>(samples.size() - 1) + 0.5);
    return samples[std::min(index, samples.size() - 1)];
}

// From record() to the done callback after COMMIT (WAL, synchronous=FULL: on
// disk), one reaction at a time, as a visitor tapping a face produces them.
void reaction_durable_write(benchmark::State& state) {
    testing::TemporaryFolder folder;
    std::vector<std::string> notes;
    std::string error;
    auto store = store::FeedbackStore::open(folder.path() / "feedback.sqlite",
                                            {"kiosk-bench", "bench", "bench", "1"}, notes, error);
    if (!store) {
        state.SkipWithError(error.c_str());
        return;
    }
    std::mutex mutex;
    std::condition_variable finished;
    std::vector<double> samples;
    long long n = 0;
    for (auto _ : state) {
        bool done = false;
        bool saved = false;
        const auto start = std::chrono::steady_clock::now();
        store->record(store::Reaction{"session-" + std::to_string(++n), "kobyz", 4, "kk", 1'767'225'600 + n},
                      [&](bool ok) {
                          std::lock_guard lock(mutex);
                          saved = ok;
                          done = true;
                          finished.notify_one();
                      });
        std::unique_lock lock(mutex);
        finished.wait(lock, [&] { return done; });
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (!saved) state.SkipWithError("a reaction was not saved");
        state.SetIterationTime(seconds);
        samples.push_back(seconds * 1000);
    }
    state.counters["p50_ms"] = percentile(samples, 0.50);
    state.counters["p99_ms"] = percentile(samples, 0.99);
    state.counters["max_ms"] = samples.empty() ? 0 : *std::max_element(samples.begin(), samples.end());
}
BENCHMARK(reaction_durable_write)->UseManualTime()->Iterations(1000)->Unit(benchmark::kMillisecond);

// A million events (and the visits' reactions and survey answers) in one
// transaction with SQLite directly, into the store's schema and indexes.
void insert_season_one_transaction(benchmark::State& state) {
    testing::TemporaryFolder folder;
    int n = 0;
    for (auto _ : state) {
        const auto file = folder.path() / ("season-" + std::to_string(++n) + ".sqlite");
        testing::FeedbackSampleSpec spec;
        spec.engagement_events = SEASON_EVENTS;
        testing::FeedbackSampleCounts counts;
        std::string error;
        if (!testing::write_sample_feedback(file, spec, counts, error)) state.SkipWithError(error.c_str());
        state.counters["events"] = static_cast<double>(counts.engagement);
        state.counters["reactions"] = static_cast<double>(counts.reactions);
        state.counters["survey_answers"] = static_cast<double>(counts.survey_answers);
        state.counters["MB"] = static_cast<double>(std::filesystem::file_size(file)) / 1e6;
    }
}
BENCHMARK(insert_season_one_transaction)->Iterations(1)->Unit(benchmark::kSecond);

void summarise_season(benchmark::State& state) {
    std::string error;
    auto archive = store::FeedbackArchive::open({season()}, error);
    if (!archive) {
        state.SkipWithError(error.c_str());
        return;
    }
    store::FeedbackSummary summary;
    for (auto _ : state) {
        if (!archive->summarise({}, summary, error)) state.SkipWithError(error.c_str());
        benchmark::DoNotOptimize(summary);
    }
    state.counters["visitors"] = static_cast<double>(summary.visitors);
}
BENCHMARK(summarise_season)->Unit(benchmark::kMillisecond);

// What `amanat feedback export` reads: every event, in time order, with its provenance.
void each_engagement_season(benchmark::State& state) {
    std::string error;
    auto archive = store::FeedbackArchive::open({season()}, error);
    if (!archive) {
        state.SkipWithError(error.c_str());
        return;
    }
    long long rows = 0;
    for (auto _ : state) {
        rows = 0;
        long long checksum = 0;
        if (!archive->each_engagement(
                {},
                [&](const store::EngagementRow& row) {
                    ++rows;
                    checksum += row.event.value + static_cast<long long>(row.from.kiosk_id.size());
                },
                error))
            state.SkipWithError(error.c_str());
        benchmark::DoNotOptimize(checksum);
    }
    state.counters["rows"] = static_cast<double>(rows);
    state.counters["rows_per_s"] = benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsRate);
}
BENCHMARK(each_engagement_season)->Unit(benchmark::kMillisecond);

// The engagement table as `amanat feedback export` writes it, CSV or JSON (one
// object per row, as the command's JsonRow), into a buffer handed on every MiB:
// the two formats' cost without the disk's. Issue 19: JSON took about twice
// CSV's time, more with text that is not ASCII.
class JsonColumns final : public store::RowSink {
  public:
    void text(std::string_view column, std::string_view value) override { m_record.text(column, value); }
    void number(std::string_view column, long long value) override { m_record.number(column, value); }
    std::string_view finish() { return m_record.finish(); }

  private:
    JsonRecord m_record;
};

// What an export hands to its output: counted, and dropped every MiB.
struct Written {
    std::string buffer;
    long long bytes = 0;
    void write(std::string_view piece) {
        buffer.append(piece);
        if (buffer.size() >= (1 << 20)) {
            bytes += static_cast<long long>(buffer.size());
            benchmark::DoNotOptimize(buffer.data());
            buffer.clear();
        }
    }
};

void export_engagement_season(benchmark::State& state) {
    const bool json = state.range(0) == 1;
    std::string error;
    auto archive = store::FeedbackArchive::open({season()}, error);
    if (!archive) {
        state.SkipWithError(error.c_str());
        return;
    }
    long long rows = 0;
    Written out;
    for (auto _ : state) {
        out = Written{};
        bool read = false;
        if (json) {
            JsonColumns row;
            read = archive->each_engagement(
                {},
                [&](const store::EngagementRow& r) {
                    store::columns(row, r);
                    out.write(row.finish());
                },
                error);
        } else {
            read = store::write_csv_table(
                *archive, store::FeedbackTable::engagement, {}, true,
                [&](std::string_view piece) { out.write(piece); }, rows, error);
        }
        if (!read) state.SkipWithError(error.c_str());
    }
    state.SetLabel(json ? "json" : "csv");
    state.counters["MB"] = static_cast<double>(out.bytes + static_cast<long long>(out.buffer.size())) / 1e6;
}
BENCHMARK(export_engagement_season)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// `amanat feedback merge` of the season into a new file (durable, WAL).
void merge_season(benchmark::State& state) {
    const auto& source = season();
    testing::TemporaryFolder folder;
    int n = 0;
    for (auto _ : state) {
        store::MergeCounts added;
        std::string error;
        const auto into = folder.path() / ("merged-" + std::to_string(++n) + ".sqlite");
        if (!store::merge_feedback(into, {source}, added, error)) state.SkipWithError(error.c_str());
        state.counters["events"] = static_cast<double>(added.engagement);
    }
}
BENCHMARK(merge_season)->Iterations(1)->Unit(benchmark::kSecond);

// Reading two files (the season and a copy of it) builds their merge in a
// temporary database first: what `amanat feedback summary a.sqlite b.sqlite` waits for.
void open_two_files(benchmark::State& state) {
    testing::TemporaryFolder folder;
    const auto copy = folder.path() / "copy.sqlite";
    std::filesystem::copy_file(season(), copy);
    for (auto _ : state) {
        std::string error;
        auto archive = store::FeedbackArchive::open({season(), copy}, error);
        if (!archive) state.SkipWithError(error.c_str());
        state.PauseTiming();
        archive.reset();  // deleting the temporary database is not part of it
        state.ResumeTiming();
    }
}
BENCHMARK(open_two_files)->Iterations(1)->Unit(benchmark::kSecond);

}  // namespace
