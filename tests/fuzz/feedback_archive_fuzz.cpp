// Kiosks' feedback files, as organisers hand them to `amanat feedback`, read back
// by store/feedback_archive: every row of the three tables exported as CSV (the
// export's own columns: local times from each row's offset), the summary, and the
// file read twice over, which goes through the same merge as `amanat feedback
// merge` (into a temporary file). The input is the file itself or a recipe for
// one (feedback_file.hpp).
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

#include "feedback_file.hpp"
#include "fuzz_support.hpp"
#include "store/feedback_archive.hpp"
#include "store/feedback_tables.hpp"

using namespace amanat;
namespace fs = std::filesystem;

namespace {

// An empty file at the latest schema, made by the store's own migrations.
const fs::path& latest_schema() {
    static const fs::path file = [] {
        const fs::path made = fuzzing::scratch_folder() / "latest.sqlite";
        store::MergeCounts added;
        std::string error;
        fuzzing::expect(store::merge_feedback(made, {}, added, error), "cannot make an empty feedback file");
        return made;
    }();
    return file;
}

// Rows of each table, as `amanat feedback export` writes them (CSV).
struct RowCounts {
    long long reactions = 0, engagement = 0, survey = 0;
    bool operator==(const RowCounts&) const = default;
};

RowCounts export_rows(const store::FeedbackArchive& archive) {
    RowCounts counts;
    std::string error;
    std::size_t bytes = 0;
    const auto write = [&bytes](std::string_view piece) { bytes += piece.size(); };
    store::write_csv_table(archive, store::FeedbackTable::reactions, {}, true, write, counts.reactions,
                           error);
    store::write_csv_table(archive, store::FeedbackTable::engagement, {}, true, write, counts.engagement,
                           error);
    store::write_csv_table(archive, store::FeedbackTable::survey, {}, true, write, counts.survey, error);
    return counts;
}

// `amanat feedback summary`, over everything and over one day.
void summarise(const store::FeedbackArchive& archive) {
    std::string error;
    for (const store::Period& period : {store::Period{}, store::Period{1'767'225'600, 1'767'312'000}}) {
        store::FeedbackSummary summary;
        if (!archive.summarise(period, summary, error)) continue;
        for (const auto& artifact : summary.by_reactions)
            fuzzing::expect(artifact.reactions >= 0, "an artifact has fewer than no reactions");
    }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    latest_schema();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input = fuzzing::text_of(data, size);
    const fs::path file = fuzzing::scratch_folder() / "kiosk.sqlite";
    for (const char* companion : {"-wal", "-shm", "-journal"}) fs::remove(file.string() + companion);
    // Files with the store's own constraints (a kiosk's); a hand-made file
    // without them may hold duplicates or ratings of 9 that only a merge leaves out.
    bool made_by_a_kiosk = false;
    if (input.starts_with('S')) {
        fuzzing::write_bytes(file, input);
    } else if (!input.empty()) {
        const auto schema = static_cast<fuzzing::FeedbackSchema>(input[0] % 3);
        if (!fuzzing::build_feedback_file(file, schema, input.substr(1), latest_schema())) return 0;
        made_by_a_kiosk = schema != fuzzing::FeedbackSchema::unconstrained;
    } else {
        return 0;
    }
    std::string error;
    const auto archive = store::FeedbackArchive::open({file}, error);
    if (!archive) {
        fuzzing::expect(!error.empty(), "a feedback file is refused without saying why");
        return 0;
    }
    const RowCounts rows = export_rows(*archive);
    summarise(*archive);
    // The file given twice is read as the merge of the two (the store's UNIQUE
    // keys), so nothing counts twice: what `amanat feedback merge` relies on.
    const auto twice = store::FeedbackArchive::open({file, file}, error);
    if (made_by_a_kiosk) {
        fuzzing::expect(twice != nullptr, "a kiosk's file that opens alone does not open twice");
        fuzzing::expect(export_rows(*twice) == rows, "a file given twice counts rows twice");
    } else if (twice) {
        export_rows(*twice);
    }
    return 0;
}
