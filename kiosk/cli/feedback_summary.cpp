#include "cli/feedback_summary.hpp"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>

#include "cli/command_line.hpp"
#include "cli/feedback_options.hpp"
#include "cli/terminal_table.hpp"
#include "core/files/json_record.hpp"
#include "core/files/utc_time.hpp"
#include "core/localisation/language_tag.hpp"
#include "store/feedback_archive.hpp"

namespace amanat::cli {
namespace {

const CommandText kText{
    .listing = "summary --db FILE...",
    .summary = "visitors per day and hour, languages, top artifacts, survey answers",
    .synopsis =
        "Usage: amanat feedback summary --db FILE... [--since DATE] [--until DATE] [--top N] [--json]\n",
    .description =
        "Summarises the visitors' feedback: visitors per day and per hour (at each venue's own\n"
        "time), the languages chosen, the artifacts with the most reactions and the longest\n"
        "looks, how visits ended, the survey's answers, and each venue. A visitor is one visit\n"
        "(a session that started at a kiosk), not a person.\n",
    .footer = std::string(kDateHelp) + "\nExit status: 0 done, 1 a file could not be read, 2 usage error.\n",
};

struct SummaryOptions {
    FeedbackSelection selection;
    bool json = false;
    std::size_t top = 10;
};

constexpr int kBarWidth = 30;

std::string count_text(long long value) {
    return std::to_string(value);
}

std::string mean_text(double mean, long long count) {
    if (count == 0) return "-";
    char text[16];
    std::snprintf(text, sizeof text, "%.2f", mean);
    return text;
}

// "850 ms", "45.2 s", "12 min 03 s", "2 h 05 min": a dwell time at a glance.
std::string duration_text(long long ms) {
    char text[32];
    if (ms < 1000) {
        std::snprintf(text, sizeof text, "%lld ms", ms);
    } else if (ms < 60'000) {
        std::snprintf(text, sizeof text, "%.1f s", static_cast<double>(ms) / 1000);
    } else if (ms < 3'600'000) {
        std::snprintf(text, sizeof text, "%lld min %02lld s", ms / 60'000, ms / 1000 % 60);
    } else {
        std::snprintf(text, sizeof text, "%lld h %02lld min", ms / 3'600'000, ms / 60'000 % 60);
    }
    return text;
}

// "2026-11-30 14:05 UTC" from the export's ISO form, for a sentence.
std::string minute_text(long long unix_seconds) {
    std::string iso = format_utc_time(unix_seconds);
    return iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC";
}

void section(std::string& out, const std::string& title, const TerminalTable& table,
             const std::string& note = {}) {
    out += "\n" + title + "\n";
    out += table.empty() ? "  (none)\n" : table.render();
    if (!note.empty()) out += "  " + note + "\n";
}

long long largest(const std::vector<store::FeedbackSummary::Count>& counts) {
    long long most = 0;
    for (const auto& c : counts) most = std::max(most, c.count);
    return most;
}

TerminalTable count_table(const std::vector<store::FeedbackSummary::Count>& counts) {
    TerminalTable table(
        {TerminalTable::Align::left, TerminalTable::Align::right, TerminalTable::Align::left});
    const long long most = largest(counts);
    for (const auto& c : counts) table.add({c.key, count_text(c.count), bar(c.count, most, kBarWidth)});
    return table;
}

// "Showing 10 of 42" when a list was cut.
// '(' as a char: GCC 12 at -O3 falsely warns (-Wrestrict, bug 105329) on "(" + std::string
std::string shown_note(std::size_t shown, std::size_t total) {
    return shown < total
               ? '(' + std::to_string(shown) + " of " + std::to_string(total) + "; --top N for more)"
               : std::string();
}

std::string format_text(const store::FeedbackSummary& s, const FeedbackSelection& selection,
                        std::size_t top) {
    using Align = TerminalTable::Align;
    std::string out;
    const std::size_t files = selection.files.size();
    out += "Feedback in " + std::to_string(files) + (files == 1 ? " file" : " files");
    if (!selection.since.empty()) out += ", since " + selection.since;
    if (!selection.until.empty()) out += ", until " + selection.until;
    out += "\n";
    if (!s.first_at) {
        const bool period = !selection.since.empty() || !selection.until.empty();
        out += period ? "No feedback was recorded in this period.\n" : "No feedback was recorded yet.\n";
        return out;
    }
    out += "Visitors: " + count_text(s.visitors) + ", from " + minute_text(*s.first_at) + " to " +
           minute_text(*s.last_at) + "\n";

    section(out, "Visitors per day (at the venue)", count_table(s.visitors_per_day));
    section(out, "Visitors per hour (at the venue)", count_table(s.visitors_per_hour));

    TerminalTable languages({Align::left, Align::left, Align::right, Align::left});
    const long long most_language = largest(s.languages);
    for (const auto& c : s.languages)
        languages.add({c.key, language_english_name(c.key), count_text(c.count),
                       bar(c.count, most_language, kBarWidth)});
    section(out, "Languages (the first chosen in each visit)", languages);
    section(out, "How visits ended", count_table(s.session_end_reasons));

    const std::size_t reacted = top == 0 ? s.by_reactions.size() : std::min(top, s.by_reactions.size());
    TerminalTable reactions({Align::left, Align::right, Align::right, Align::right, Align::right,
                             Align::right, Align::right, Align::right, Align::left});
    reactions.add({"artifact", "reactions", "mean", "1", "2", "3", "4", "5"});
    const long long most_reactions = s.by_reactions.empty() ? 0 : s.by_reactions.front().reactions;
    for (std::size_t i = 0; i < reacted; ++i) {
        const auto& a = s.by_reactions[i];
        reactions.add({a.artifact_id, count_text(a.reactions), mean_text(a.mean_rating, a.reactions),
                       count_text(a.ratings[0]), count_text(a.ratings[1]), count_text(a.ratings[2]),
                       count_text(a.ratings[3]), count_text(a.ratings[4]),
                       bar(a.reactions, most_reactions, kBarWidth / 2)});
    }
    if (s.by_reactions.empty()) reactions = TerminalTable({});
    section(out, "Artifacts by reactions (ratings 1 to 5)", reactions,
            shown_note(reacted, s.by_reactions.size()));

    const std::size_t looked = top == 0 ? s.by_dwell.size() : std::min(top, s.by_dwell.size());
    TerminalTable dwell({Align::left, Align::right, Align::right, Align::right, Align::left});
    dwell.add({"artifact", "views", "total", "median", ""});
    const long long most_dwell = s.by_dwell.empty() ? 0 : s.by_dwell.front().total_dwell_ms;
    for (std::size_t i = 0; i < looked; ++i) {
        const auto& a = s.by_dwell[i];
        dwell.add({a.artifact_id, count_text(a.views), duration_text(a.total_dwell_ms),
                   duration_text(a.median_dwell_ms), bar(a.total_dwell_ms, most_dwell, kBarWidth / 2)});
    }
    if (s.by_dwell.empty()) dwell = TerminalTable({});
    section(out, "Artifacts by time spent looking", dwell, shown_note(looked, s.by_dwell.size()));

    TerminalTable survey({Align::left, Align::left, Align::right, Align::left});
    long long most_answers = 0;
    for (const auto& a : s.survey) most_answers = std::max(most_answers, a.count);
    for (std::size_t i = 0; i < s.survey.size(); ++i) {
        const auto& a = s.survey[i];
        const bool new_question = i == 0 || s.survey[i - 1].question_id != a.question_id;
        survey.add({new_question ? a.question_id : "", a.answer, count_text(a.count),
                    bar(a.count, most_answers, kBarWidth)});
    }
    section(out, "Survey answers", survey);

    TerminalTable venues({Align::left, Align::right, Align::right, Align::right, Align::right, Align::right});
    venues.add({"venue", "kiosks", "visitors", "reactions", "mean", "survey answers"});
    for (const auto& v : s.venues)
        venues.add({v.venue, count_text(v.kiosks), count_text(v.visitors), count_text(v.reactions),
                    mean_text(v.mean_rating, v.reactions), count_text(v.survey_answers)});
    if (s.venues.empty()) venues = TerminalTable({});
    section(out, "Venues", venues);
    return out;
}

std::string counts_json(const std::vector<store::FeedbackSummary::Count>& counts, std::string_view key,
                        std::string_view count_name) {
    std::vector<std::string> items;
    JsonRecord record;
    for (const auto& c : counts)
        items.emplace_back(record.text(key, c.key).number(count_name, c.count).finish());
    return json_array(items);
}

std::string optional_time_json(const std::optional<long long>& at) {
    return at ? json_quoted(format_utc_time(*at)) : "null";
}

std::string format_json(const store::FeedbackSummary& s, const FeedbackSelection& selection) {
    JsonRecord record;
    std::vector<std::string> files;
    for (const auto& f : selection.files) files.push_back(json_quoted(f.string()));

    std::vector<std::string> by_reactions;
    for (const auto& a : s.by_reactions) {
        std::vector<std::string> ratings;
        for (long long r : a.ratings) ratings.push_back(std::to_string(r));
        record.text("artifact_id", a.artifact_id).number("reactions", a.reactions);
        if (a.reactions > 0)
            record.number("mean_rating", a.mean_rating);
        else
            record.raw("mean_rating", "null");
        by_reactions.emplace_back(record.raw("ratings", json_array(ratings)).finish());
    }
    std::vector<std::string> by_dwell;
    for (const auto& a : s.by_dwell)
        by_dwell.emplace_back(record.text("artifact_id", a.artifact_id)
                                  .number("views", a.views)
                                  .number("total_dwell_ms", a.total_dwell_ms)
                                  .number("median_dwell_ms", a.median_dwell_ms)
                                  .finish());
    std::vector<std::string> survey;
    for (const auto& a : s.survey)
        survey.emplace_back(record.text("question_id", a.question_id)
                                .text("answer", a.answer)
                                .number("count", a.count)
                                .finish());
    std::vector<std::string> venues;
    for (const auto& v : s.venues) {
        record.text("venue", v.venue)
            .number("kiosks", v.kiosks)
            .number("visitors", v.visitors)
            .number("reactions", v.reactions);
        if (v.reactions > 0)
            record.number("mean_rating", v.mean_rating);
        else
            record.raw("mean_rating", "null");
        venues.emplace_back(record.number("survey_answers", v.survey_answers).finish());
    }

    const std::optional<long long> since = selection.period.since;
    const std::optional<long long> until = selection.period.until;
    record.raw("files", json_array(files))
        .raw("since", optional_time_json(since))
        .raw("until", optional_time_json(until))
        .number("visitors", s.visitors)
        .raw("first_at", optional_time_json(s.first_at))
        .raw("last_at", optional_time_json(s.last_at))
        .raw("visitors_per_day", counts_json(s.visitors_per_day, "day", "visitors"))
        .raw("visitors_per_hour", counts_json(s.visitors_per_hour, "hour", "visitors"))
        .raw("languages", counts_json(s.languages, "language", "visitors"))
        .raw("session_end_reasons", counts_json(s.session_end_reasons, "reason", "visits"))
        .raw("artifacts_by_reactions", json_array(by_reactions))
        .raw("artifacts_by_dwell", json_array(by_dwell))
        .raw("survey", json_array(survey))
        .raw("venues", json_array(venues));
    return std::string(record.finish()) + "\n";
}

int summarise(const SummaryOptions& options, const Command& command) {
    const FeedbackSelection& selection = options.selection;
    std::string problem;
    if (!check_selection(selection, problem)) return command.usage_error(problem);
    if (!check_files_exist(selection, problem)) return command.input_error(problem);

    std::string error;
    const auto archive = store::FeedbackArchive::open(selection.files, error);
    if (!archive) return command.input_error(error);
    store::FeedbackSummary summary;
    if (!archive->summarise(selection.period, summary, error)) return command.input_error(error);
    const std::string text =
        options.json ? format_json(summary, selection) : format_text(summary, selection, options.top);
    std::fputs(text.c_str(), stdout);
    if (std::fflush(stdout) != 0) return command.input_error("cannot write to standard output");
    return 0;
}

}  // namespace

void add_feedback_summary(Command& feedback) {
    const auto options = std::make_shared<SummaryOptions>();
    Command& command =
        feedback.command("summary", kText, [options](const Command& c) { return summarise(*options, c); });
    command.value("--top", "N", "a number of artifacts, 0 for all",
                  "artifacts shown in each list (default 10; 0 shows all)",
                  [&top = options->top](const std::string& text, std::string&) {
                      return read_number(text, std::size_t{0}, top);
                  });
    command.flag("--json", options->json, "print everything (no --top limit) as one JSON document");
    add_selection_options(command, options->selection);
}

}  // namespace amanat::cli
