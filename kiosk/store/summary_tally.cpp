#include "store/summary_tally.hpp"

#include <algorithm>
#include <ctime>

#include "core/files/json_record.hpp"

namespace amanat::store {

namespace {

// "YYYY-MM-DD" and "HH" of an hour counted from the epoch (in local time).
void day_and_hour(long long hour, std::string& day, std::string& hour_of_day) {
    std::time_t time = static_cast<std::time_t>(hour * 3600);
    std::tm tm{};
    gmtime_r(&time, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d", &tm);
    day = text;
    std::strftime(text, sizeof text, "%H", &tm);
    hour_of_day = text;
}

std::vector<FeedbackSummary::Count> as_counts(const std::map<std::string, long long>& counts) {
    std::vector<FeedbackSummary::Count> list;
    for (const auto& [key, count] : counts) list.push_back({key, count});
    return list;
}

}  // namespace

void SummaryTally::time(long long at) {
    if (!m_summary.first_at || at < *m_summary.first_at) m_summary.first_at = at;
    if (!m_summary.last_at || at > *m_summary.last_at) m_summary.last_at = at;
}

void SummaryTally::visitors(long long count) {
    m_summary.visitors = count;
}

SummaryTally::Venue& SummaryTally::venue(std::string_view venue, std::string_view kiosk) {
    Venue& tally = m_venues[valid_utf8(venue)];
    std::string id = valid_utf8(kiosk);
    if (std::find(tally.kiosks.begin(), tally.kiosks.end(), id) == tally.kiosks.end())
        tally.kiosks.push_back(std::move(id));
    return tally;
}

// A visit starts once, so it is in exactly one group: days, hours of the day
// and venues are sums of the groups.
void SummaryTally::visits_in_hour(long long hour, std::string_view venue_name, std::string_view kiosk,
                                  long long visits) {
    std::string day;
    std::string hour_of_day;
    day_and_hour(hour, day, hour_of_day);
    m_per_day[day] += visits;
    m_per_hour[hour_of_day] += visits;
    venue(venue_name, kiosk).visitors += visits;
}

void SummaryTally::language(std::string_view subject, long long visits) {
    m_summary.languages.push_back({valid_utf8(subject), visits});
}

void SummaryTally::session_end(std::string_view reason, long long visits) {
    m_summary.session_end_reasons.push_back({valid_utf8(reason), visits});
}

void SummaryTally::reactions(std::string_view venue_name, std::string_view kiosk,
                             std::string_view artifact_id, long long rating, long long count) {
    Venue& tally = venue(venue_name, kiosk);
    std::string id = valid_utf8(artifact_id);
    auto& artifact = m_artifacts[id];
    artifact.artifact_id = id;
    if (rating >= 1 && rating <= 5) artifact.ratings[rating - 1] += count;
    artifact.reactions += count;
    artifact.mean_rating += static_cast<double>(rating * count);  // a sum until divided in finish()
    tally.reactions += count;
    tally.rating_sum += rating * count;
}

// The median is the middle of each artifact's run; only one artifact's values are held at a time.
void SummaryTally::view(std::string_view artifact_id, long long dwell_ms) {
    // Runs are of the id as stored; the summary gets it as valid UTF-8.
    if (m_summary.by_dwell.empty() || m_run_id != artifact_id) {
        close_artifact();
        m_run_id = artifact_id;
        m_summary.by_dwell.push_back({valid_utf8(artifact_id), 0, 0, 0});
    }
    auto& artifact = m_summary.by_dwell.back();
    ++artifact.views;
    artifact.total_dwell_ms += dwell_ms;
    m_dwell.push_back(dwell_ms);
}

void SummaryTally::close_artifact() {
    if (m_dwell.empty()) return;
    const std::size_t n = m_dwell.size();
    // With an even number, the mean of the two middle values (rounded down).
    m_summary.by_dwell.back().median_dwell_ms =
        n % 2 == 1 ? m_dwell[n / 2] : m_dwell[n / 2 - 1] + (m_dwell[n / 2] - m_dwell[n / 2 - 1]) / 2;
    m_dwell.clear();
}

void SummaryTally::survey(std::string_view question, std::string_view answer, long long chosen) {
    m_summary.survey.push_back({valid_utf8(question), valid_utf8(answer), chosen});
}

void SummaryTally::answers_at(std::string_view venue_name, std::string_view kiosk, long long count) {
    venue(venue_name, kiosk).survey_answers += count;
}

FeedbackSummary SummaryTally::finish() {
    close_artifact();
    FeedbackSummary summary = std::move(m_summary);
    summary.visitors_per_day = as_counts(m_per_day);
    summary.visitors_per_hour = as_counts(m_per_hour);

    for (auto& [id, artifact] : m_artifacts) {
        if (artifact.reactions > 0) artifact.mean_rating /= static_cast<double>(artifact.reactions);
        summary.by_reactions.push_back(artifact);
    }
    std::sort(summary.by_reactions.begin(), summary.by_reactions.end(), [](const auto& a, const auto& b) {
        if (a.reactions != b.reactions) return a.reactions > b.reactions;
        if (a.mean_rating != b.mean_rating) return a.mean_rating > b.mean_rating;
        return a.artifact_id < b.artifact_id;
    });
    std::sort(summary.by_dwell.begin(), summary.by_dwell.end(), [](const auto& a, const auto& b) {
        if (a.total_dwell_ms != b.total_dwell_ms) return a.total_dwell_ms > b.total_dwell_ms;
        return a.artifact_id < b.artifact_id;
    });
    for (const auto& [name, tally] : m_venues) {
        const double mean = tally.reactions > 0 ? static_cast<double>(tally.rating_sum) / tally.reactions : 0;
        summary.venues.push_back({name, static_cast<long long>(tally.kiosks.size()), tally.visitors,
                                  tally.reactions, mean, tally.survey_answers});
    }
    std::sort(summary.venues.begin(), summary.venues.end(), [](const auto& a, const auto& b) {
        if (a.visitors != b.visitors) return a.visitors > b.visitors;
        return a.venue < b.venue;
    });
    return summary;
}

}  // namespace amanat::store
