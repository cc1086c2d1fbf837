#include "report/tour_tally.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <unordered_set>
#include <vector>

#include "report/tour_statistics.hpp"

namespace amanat::report {

namespace {

// Opening days in a row without a visit before a kiosk is said to have been off.
constexpr int kQuietOpeningDays = 3;
// "Languages used" are kept as bits, per visit: the first 64 languages met.
constexpr int kLanguageBits = 64;

long long floor_div(long long a, long long b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

// Days since 1970-01-01 of the venue-local time of `at`.
long long local_day(long long at, int offset_minutes) {
    return floor_div(at + 60LL * offset_minutes, 86400);
}

// 0 = Monday (1970-01-01 was a Thursday).
int weekday_of(long long day) {
    return static_cast<int>(((day + 3) % 7 + 7) % 7);
}

// "YYYY-MM-DD" of a day number (Howard Hinnant's civil-from-days).
std::string day_text(long long day) {
    const long long z = day + 719468;
    const long long era = floor_div(z, 146097);
    const long long doe = z - era * 146097;
    const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long long mp = (5 * doy + 2) / 153;
    const long long d = doy - (153 * mp + 2) / 5 + 1;
    const long long m = mp < 10 ? mp + 3 : mp - 9;
    const long long y = yoe + era * 400 + (m <= 2);
    char text[64];
    std::snprintf(text, sizeof text, "%04lld-%02lld-%02lld", y, m, d);
    return text;
}

// What one artifact gathered in one venue, one language, or everywhere.
struct CellTally {
    std::array<long long, 5> by_rating{};
    long long views = 0;
    // ms; a 4-byte value halves the biggest thing held. Kept per venue and per
    // language only: everywhere's are the venues' together, gathered at the end.
    std::vector<std::uint32_t> looks;
    long long narrations = 0;
    long long narration_percent = 0;
    long long films = 0;
    long long film_percent = 0;

    void rating(int value) {
        if (value >= 1 && value <= 5) ++by_rating[static_cast<std::size_t>(value - 1)];
    }
    void view(long long ms, bool keep_look) {
        ++views;
        if (keep_look) looks.push_back(static_cast<std::uint32_t>(std::clamp(ms, 0LL, 4'000'000'000LL)));
    }
    void narration(long long percent) {
        ++narrations;
        narration_percent += std::clamp(percent, 0LL, 100LL);
    }
    void film(long long percent) {
        ++films;
        film_percent += std::clamp(percent, 0LL, 100LL);
    }
    ArtifactCell figures();
};

ArtifactCell CellTally::figures() {
    ArtifactCell cell;
    cell.by_rating = by_rating;
    long long sum = 0;
    for (int r = 0; r < 5; ++r) {
        cell.ratings += by_rating[static_cast<std::size_t>(r)];
        sum += (r + 1) * by_rating[static_cast<std::size_t>(r)];
    }
    cell.mean_rating = cell.ratings > 0 ? static_cast<double>(sum) / static_cast<double>(cell.ratings) : 0;
    cell.positive = wilson_share(by_rating[3] + by_rating[4], cell.ratings);
    cell.judged = cell.ratings >= kRatingsToJudge;
    cell.views = views;
    cell.median_look_ms = median_of(looks);
    cell.narrations = narrations;
    cell.narration_heard = narrations > 0 ? static_cast<double>(narration_percent) / (100.0 * narrations) : 0;
    cell.films = films;
    cell.film_watched = films > 0 ? static_cast<double>(film_percent) / (100.0 * films) : 0;
    return cell;
}

struct ArtifactTally {
    std::string id;
    CellTally everywhere;
    std::vector<CellTally> by_venue;
    std::vector<CellTally> by_language;
};

struct KioskTally {
    std::string id;
    std::map<long long, long long> visits_per_day;
};

struct VenueTally {
    std::string name;
    std::vector<KioskTally> kiosks;
    std::map<long long, long long> visits_per_day;
    std::array<std::array<long long, 24>, 7> by_weekday_hour{};
    long long visits = 0;
    long long ratings = 0;
    long long past_first_screen = 0;
    std::vector<long long> visit_lengths;
    std::map<std::string, long long> versions;
    std::map<long long, long long> languages;  // language index -> visits that used it
    std::vector<int> offsets;
};

struct QuestionTally {
    std::string id;
    std::unordered_set<std::uint32_t> visits;
    std::vector<long long> visits_by_venue;
    std::map<std::string, std::pair<long long, std::vector<long long>>, std::less<>>
        answers;  // all, by venue
};

struct VisitState {
    std::uint64_t languages = 0;
    std::int32_t venue = -1;
    std::int32_t language = -1;  // the language the visit has now
    bool started = false;        // its session_start is in the period
    bool past_first_screen = false;
};

// Names to small numbers, in the order met.
int index_of(std::map<std::string, int, std::less<>>& names, std::string_view name) {
    auto it = names.find(name);
    if (it == names.end()) it = names.emplace(std::string(name), static_cast<int>(names.size())).first;
    return it->second;
}

class Tally {
  public:
    Tally(store::FeedbackUnion& files) : m_files(files) {}
    void event(const store::UnionEvent& event);
    void reaction(const store::UnionReaction& reaction);
    void answer(const store::UnionAnswer& answer);
    void finish(const Attendance* attendance, TourFigures& figures);

  private:
    VisitState& visit(std::uint32_t index);
    int venue_of(std::uint32_t origin);
    int kiosk_of(std::uint32_t origin);
    ArtifactTally& artifact(std::string_view id);
    CellTally* cell(ArtifactTally& artifact, int venue, int language, int which);
    void visit_started(VisitState& visit, const store::UnionEvent& event);

    std::vector<VenueFigures> venue_figures(const Attendance* attendance, std::vector<std::size_t>& order);
    VenueFigures venue_figures(VenueTally& venue, const Attendance* attendance);
    std::vector<ArtifactFigures> artifact_figures(const std::vector<std::size_t>& venue_order,
                                                  const std::vector<std::size_t>& language_order);
    std::vector<QuestionFigures> question_figures(const std::vector<std::size_t>& venue_order);

    store::FeedbackUnion& m_files;
    std::vector<VisitState> m_visits;
    std::vector<int> m_origin_venue;
    std::vector<int> m_origin_kiosk;
    std::map<std::string, int, std::less<>> m_venue_index;
    std::vector<VenueTally> m_venues;
    std::map<std::string, int, std::less<>> m_language_index;
    std::map<std::string, int, std::less<>> m_artifact_index;
    std::vector<ArtifactTally> m_artifacts;
    int m_last_artifact = -1;
    std::map<std::string, int, std::less<>> m_question_index;
    std::vector<QuestionTally> m_questions;
    long long m_answers = 0;
};

VisitState& Tally::visit(std::uint32_t index) {
    if (index >= m_visits.size()) m_visits.resize(std::max<std::size_t>(index + 1, m_visits.size() * 3 / 2));
    return m_visits[index];
}

int Tally::venue_of(std::uint32_t origin) {
    while (m_origin_venue.size() <= origin) {
        const store::RowOrigin& next = m_files.origins()[m_origin_venue.size()];
        const int venue = index_of(m_venue_index, next.venue);
        if (venue == static_cast<int>(m_venues.size())) {
            m_venues.emplace_back();
            m_venues.back().name = next.venue;
        }
        VenueTally& tally = m_venues[static_cast<std::size_t>(venue)];
        auto kiosk = std::find_if(tally.kiosks.begin(), tally.kiosks.end(),
                                  [&](const KioskTally& k) { return k.id == next.kiosk_id; });
        if (kiosk == tally.kiosks.end()) kiosk = tally.kiosks.insert(kiosk, {next.kiosk_id, {}});
        m_origin_venue.push_back(venue);
        m_origin_kiosk.push_back(static_cast<int>(kiosk - tally.kiosks.begin()));
    }
    return m_origin_venue[origin];
}

int Tally::kiosk_of(std::uint32_t origin) {
    venue_of(origin);
    return m_origin_kiosk[origin];
}

ArtifactTally& Tally::artifact(std::string_view id) {
    // A visit's page view, narration and film name the same artifact in a row.
    if (m_last_artifact >= 0 && id == m_artifacts[static_cast<std::size_t>(m_last_artifact)].id)
        return m_artifacts[static_cast<std::size_t>(m_last_artifact)];
    const int index = index_of(m_artifact_index, id);
    m_last_artifact = index;
    if (index == static_cast<int>(m_artifacts.size())) {
        m_artifacts.emplace_back();
        m_artifacts.back().id = std::string(id);
    }
    return m_artifacts[static_cast<std::size_t>(index)];
}

// `which`: 0 everywhere, 1 the venue's, 2 the language's (null without one).
CellTally* Tally::cell(ArtifactTally& artifact, int venue, int language, int which) {
    if (which == 0) return &artifact.everywhere;
    std::vector<CellTally>& cells = which == 1 ? artifact.by_venue : artifact.by_language;
    const int index = which == 1 ? venue : language;
    if (index < 0) return nullptr;
    if (cells.size() <= static_cast<std::size_t>(index)) cells.resize(static_cast<std::size_t>(index) + 1);
    return &cells[static_cast<std::size_t>(index)];
}

void Tally::visit_started(VisitState& state, const store::UnionEvent& event) {
    state.started = true;
    state.venue = venue_of(event.origin);
    VenueTally& venue = m_venues[static_cast<std::size_t>(state.venue)];
    const long long day = local_day(event.at, event.utc_offset_minutes);
    const long long local = event.at + 60LL * event.utc_offset_minutes;
    ++venue.visits;
    ++venue.visits_per_day[day];
    ++venue.kiosks[static_cast<std::size_t>(kiosk_of(event.origin))].visits_per_day[day];
    venue.by_weekday_hour[static_cast<std::size_t>(weekday_of(day))]
                         [static_cast<std::size_t>(floor_div(local, 3600) - day * 24)]++;
    ++venue.versions[m_files.origins()[event.origin].bundle_version];
    if (std::find(venue.offsets.begin(), venue.offsets.end(), event.utc_offset_minutes) ==
        venue.offsets.end())
        venue.offsets.push_back(event.utc_offset_minutes);
}

void Tally::event(const store::UnionEvent& event) {
    using store::EventKind;
    VisitState& state = visit(event.visit);
    switch (event.kind) {
        case EventKind::session_start:
            visit_started(state, event);
            return;
        case EventKind::session_end:
            if (state.started)
                m_venues[static_cast<std::size_t>(state.venue)].visit_lengths.push_back(
                    std::max(0LL, event.value));
            return;
        case EventKind::language:
            state.language = index_of(m_language_index, event.subject);
            if (state.language < kLanguageBits) state.languages |= std::uint64_t{1} << state.language;
            return;
        case EventKind::survey:
            if (event.subject == "opened") state.past_first_screen = true;
            return;
        case EventKind::artifact_view:
        case EventKind::narration:
        case EventKind::film:
            break;
        default:
            return;
    }
    // A film's subject is "artifact/video".
    const std::string_view id =
        event.kind == EventKind::film ? event.subject.substr(0, event.subject.find('/')) : event.subject;
    ArtifactTally& tally = artifact(id);
    const int venue = venue_of(event.origin);
    if (event.kind == EventKind::artifact_view) state.past_first_screen = true;
    for (int which = 0; which < 3; ++which) {
        CellTally* cell = this->cell(tally, venue, state.language, which);
        if (cell == nullptr) continue;
        if (event.kind == EventKind::artifact_view) cell->view(event.value, which != 0);
        if (event.kind == EventKind::narration) cell->narration(event.value);
        if (event.kind == EventKind::film) cell->film(event.value);
    }
}

void Tally::reaction(const store::UnionReaction& reaction) {
    visit(reaction.visit);
    ArtifactTally& tally = artifact(reaction.artifact_id);
    const int venue = venue_of(reaction.origin);
    const int language = index_of(m_language_index, reaction.language);
    ++m_venues[static_cast<std::size_t>(venue)].ratings;
    for (int which = 0; which < 3; ++which) {
        if (CellTally* cell = this->cell(tally, venue, language, which)) cell->rating(reaction.rating);
    }
}

void Tally::answer(const store::UnionAnswer& answer) {
    ++m_answers;
    const int index = index_of(m_question_index, answer.question_id);
    if (index == static_cast<int>(m_questions.size())) {
        m_questions.emplace_back();
        m_questions.back().id = std::string(answer.question_id);
    }
    QuestionTally& question = m_questions[static_cast<std::size_t>(index)];
    const auto venue = static_cast<std::size_t>(venue_of(answer.origin));
    if (question.visits_by_venue.size() <= venue) question.visits_by_venue.resize(venue + 1);
    if (question.visits.insert(answer.visit).second) ++question.visits_by_venue[venue];
    auto it = question.answers.find(answer.answer);
    if (it == question.answers.end())
        it = question.answers
                 .emplace(std::string(answer.answer), std::pair<long long, std::vector<long long>>{})
                 .first;
    ++it->second.first;
    if (it->second.second.size() <= venue) it->second.second.resize(venue + 1);
    ++it->second.second[venue];
}

// Weekdays with a visit in at least half of the venue's weeks: its opening days.
std::vector<int> opening_weekdays(const std::map<long long, long long>& visits_per_day, long long first,
                                  long long last) {
    std::array<int, 7> weeks{};
    std::array<int, 7> open{};
    for (long long day = first; day <= last; ++day) {
        const auto weekday = static_cast<std::size_t>(weekday_of(day));
        ++weeks[weekday];
        if (visits_per_day.contains(day)) ++open[weekday];
    }
    std::vector<int> weekdays;
    for (int w = 0; w < 7; ++w) {
        const auto i = static_cast<std::size_t>(w);
        if (open[i] > 0 && 2 * open[i] >= weeks[i]) weekdays.push_back(w);
    }
    return weekdays;
}

// Runs of kQuietOpeningDays or more opening days without a visit at a kiosk,
// within the venue's dates.
void find_quiet_spells(const KioskTally& kiosk, const std::vector<int>& weekdays, long long first,
                       long long last, std::vector<QuietSpell>& spells) {
    long long run_start = 0;
    int run = 0;
    long long run_end = 0;
    auto close = [&] {
        if (run >= kQuietOpeningDays)
            spells.push_back({kiosk.id, day_text(run_start), day_text(run_end), run});
        run = 0;
    };
    for (long long day = first; day <= last; ++day) {
        if (std::find(weekdays.begin(), weekdays.end(), weekday_of(day)) == weekdays.end()) continue;
        if (kiosk.visits_per_day.contains(day)) {
            close();
            continue;
        }
        if (run == 0) run_start = day;
        run_end = day;
        ++run;
    }
    close();
}

std::vector<NameCount> most_first(const std::map<std::string, long long>& counts) {
    std::vector<NameCount> list;
    for (const auto& [name, count] : counts) list.push_back({name, count});
    std::stable_sort(list.begin(), list.end(),
                     [](const NameCount& a, const NameCount& b) { return a.count > b.count; });
    return list;
}

VenueFigures Tally::venue_figures(VenueTally& venue, const Attendance* attendance) {
    VenueFigures figures;
    figures.name = venue.name;
    figures.visits = venue.visits;
    figures.ratings = venue.ratings;
    figures.median_visit_ms = median_of(venue.visit_lengths);
    figures.went_past_first_screen = wilson_share(venue.past_first_screen, venue.visits);
    std::map<std::string, long long> languages;
    for (const auto& [language, visits] : venue.languages) {
        for (const auto& [name, index] : m_language_index)
            if (index == language) languages[name] = visits;
    }
    figures.languages = most_first(languages);
    figures.versions = most_first(venue.versions);
    figures.utc_offsets_minutes = venue.offsets;
    figures.visits_by_weekday_hour = venue.by_weekday_hour;
    if (venue.visits_per_day.empty()) return figures;
    const long long first = venue.visits_per_day.begin()->first;
    const long long last = venue.visits_per_day.rbegin()->first;
    figures.first_day = day_text(first);
    figures.last_day = day_text(last);
    for (long long day = first; day <= last; ++day) {
        const auto it = venue.visits_per_day.find(day);
        figures.visits_per_day.push_back({day_text(day), it != venue.visits_per_day.end() ? it->second : 0});
    }
    figures.opening_weekdays = opening_weekdays(venue.visits_per_day, first, last);
    // By id, not in the order the files were given: the report must not depend on it.
    std::sort(venue.kiosks.begin(), venue.kiosks.end(),
              [](const KioskTally& a, const KioskTally& b) { return a.id < b.id; });
    for (const KioskTally& kiosk : venue.kiosks) {
        KioskFigures k{kiosk.id, {}, {}, 0};
        for (const auto& [day, visits] : kiosk.visits_per_day) k.visits += visits;
        if (!kiosk.visits_per_day.empty()) {
            k.first_day = day_text(kiosk.visits_per_day.begin()->first);
            k.last_day = day_text(kiosk.visits_per_day.rbegin()->first);
        }
        figures.kiosks.push_back(k);
        find_quiet_spells(kiosk, figures.opening_weekdays, first, last, figures.quiet_spells);
    }
    const auto days = attendance != nullptr ? attendance->find(venue.name) : Attendance::const_iterator();
    if (attendance != nullptr && days != attendance->end()) {
        long long visitors = 0;
        long long visits = 0;
        for (const auto& [day, count] : days->second) {
            if (day < figures.first_day || day > figures.last_day) continue;
            visitors += count;
            for (const DayCount& d : figures.visits_per_day)
                if (d.day == day) visits += d.visits;
        }
        figures.attendance = visitors;
        if (visitors > 0)
            figures.visits_per_thousand =
                1000.0 * static_cast<double>(visits) / static_cast<double>(visitors);
    }
    return figures;
}

// Venues in the order the tour reached them; `order[i]` is the tally index of
// the i-th venue shown.
std::vector<VenueFigures> Tally::venue_figures(const Attendance* attendance,
                                               std::vector<std::size_t>& order) {
    std::vector<VenueFigures> all;
    for (VenueTally& venue : m_venues) all.push_back(venue_figures(venue, attendance));
    order.resize(all.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        // A venue without visits (only ratings, say) goes last.
        const bool a_empty = all[a].first_day.empty();
        const bool b_empty = all[b].first_day.empty();
        if (a_empty != b_empty) return b_empty;
        if (all[a].first_day != all[b].first_day) return all[a].first_day < all[b].first_day;
        return all[a].name < all[b].name;
    });
    std::vector<VenueFigures> sorted;
    for (std::size_t index : order) sorted.push_back(std::move(all[index]));
    return sorted;
}

std::vector<ArtifactCell> cells_in_order(std::vector<CellTally>& cells,
                                         const std::vector<std::size_t>& order) {
    std::vector<ArtifactCell> figures;
    for (std::size_t index : order)
        figures.push_back(index < cells.size() ? cells[index].figures() : ArtifactCell{});
    return figures;
}

// Ranked by the lower end of the share of 4-5 ratings' interval, then by the
// share and the number of ratings; the unranked after them, most rated first.
std::vector<ArtifactFigures> Tally::artifact_figures(const std::vector<std::size_t>& venue_order,
                                                     const std::vector<std::size_t>& language_order) {
    std::vector<ArtifactFigures> artifacts;
    for (ArtifactTally& tally : m_artifacts) {
        ArtifactFigures figures;
        figures.id = tally.id;
        figures.title = tally.id;
        for (const CellTally& venue : tally.by_venue)
            tally.everywhere.looks.insert(tally.everywhere.looks.end(), venue.looks.begin(),
                                          venue.looks.end());
        figures.everywhere = tally.everywhere.figures();
        tally.everywhere.looks = {};
        figures.score = figures.everywhere.positive.low;
        figures.by_venue = cells_in_order(tally.by_venue, venue_order);
        figures.by_language = cells_in_order(tally.by_language, language_order);
        artifacts.push_back(std::move(figures));
    }
    std::sort(artifacts.begin(), artifacts.end(), [](const ArtifactFigures& a, const ArtifactFigures& b) {
        if (a.everywhere.judged != b.everywhere.judged) return a.everywhere.judged;
        if (a.everywhere.judged) {
            if (a.score != b.score) return a.score > b.score;
            if (a.everywhere.positive.value != b.everywhere.positive.value)
                return a.everywhere.positive.value > b.everywhere.positive.value;
        }
        if (a.everywhere.ratings != b.everywhere.ratings) return a.everywhere.ratings > b.everywhere.ratings;
        if (a.everywhere.views != b.everywhere.views) return a.everywhere.views > b.everywhere.views;
        return a.id < b.id;
    });
    int rank = 0;
    for (ArtifactFigures& artifact : artifacts)
        if (artifact.everywhere.judged) artifact.rank = ++rank;
    return artifacts;
}

std::vector<QuestionFigures> Tally::question_figures(const std::vector<std::size_t>& venue_order) {
    std::vector<QuestionFigures> questions;
    for (QuestionTally& tally : m_questions) {
        QuestionFigures question;
        question.id = tally.id;
        question.text = tally.id;
        question.visits_answered = static_cast<long long>(tally.visits.size());
        auto by_venue = [&](const std::vector<long long>& counts, std::size_t venue) {
            return venue < counts.size() ? counts[venue] : 0;
        };
        for (std::size_t venue : venue_order)
            question.visits_answered_by_venue.push_back(by_venue(tally.visits_by_venue, venue));
        for (const auto& [id, counts] : tally.answers) {
            AnswerFigures answer{id, id, wilson_share(counts.first, question.visits_answered), {}};
            for (std::size_t i = 0; i < venue_order.size(); ++i)
                answer.by_venue.push_back(wilson_share(by_venue(counts.second, venue_order[i]),
                                                       question.visits_answered_by_venue[i]));
            question.answers.push_back(std::move(answer));
        }
        questions.push_back(std::move(question));
    }
    std::sort(questions.begin(), questions.end(),
              [](const QuestionFigures& a, const QuestionFigures& b) { return a.id < b.id; });
    return questions;
}

void Tally::finish(const Attendance* attendance, TourFigures& figures) {
    // What each visit did, now that all its events are in.
    std::vector<long long> language_visits(m_language_index.size());
    for (const VisitState& state : m_visits) {
        if (!state.started) continue;
        VenueTally& venue = m_venues[static_cast<std::size_t>(state.venue)];
        if (state.past_first_screen) ++venue.past_first_screen;
        for (int bit = 0; bit < kLanguageBits && (state.languages >> bit) != 0; ++bit) {
            if (((state.languages >> bit) & 1U) == 0) continue;
            ++venue.languages[bit];
            ++language_visits[static_cast<std::size_t>(bit)];
        }
    }
    std::vector<std::size_t> venue_order;
    figures.venues = venue_figures(attendance, venue_order);

    std::vector<std::pair<std::string, std::size_t>> languages;
    for (const auto& [name, index] : m_language_index)
        languages.emplace_back(name, static_cast<std::size_t>(index));
    std::stable_sort(languages.begin(), languages.end(), [&](const auto& a, const auto& b) {
        return language_visits[a.second] > language_visits[b.second];
    });
    std::vector<std::size_t> language_order;
    for (const auto& [name, index] : languages) {
        figures.languages.push_back({name, language_visits[index]});
        language_order.push_back(index);
    }

    figures.artifacts = artifact_figures(venue_order, language_order);
    figures.questions = question_figures(venue_order);
    figures.survey_answers = m_answers;
    for (const VenueFigures& venue : figures.venues) {
        figures.visits += venue.visits;
        figures.ratings += venue.ratings;
        if (venue.first_day.empty()) continue;
        if (figures.first_day.empty() || venue.first_day < figures.first_day)
            figures.first_day = venue.first_day;
        if (venue.last_day > figures.last_day) figures.last_day = venue.last_day;
    }
}

}  // namespace

bool tally_tour(store::FeedbackUnion& files, const store::Period& period, const Attendance* attendance,
                TourFigures& figures, std::string& error) {
    Tally tally(files);
    store::UnionReader reader;
    reader.event = [&](const store::UnionEvent& event) { tally.event(event); };
    reader.reaction = [&](const store::UnionReaction& reaction) { tally.reaction(reaction); };
    reader.answer = [&](const store::UnionAnswer& answer) { tally.answer(answer); };
    if (!files.read(period, reader, error)) return false;
    tally.finish(attendance, figures);
    return true;
}

}  // namespace amanat::report
