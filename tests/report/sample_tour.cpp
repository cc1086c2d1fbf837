#include "sample_tour.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

#include <stb_image_write.h>

namespace amanat::report::sample {
namespace {

// The same every run: a small linear congruential generator.
class Dice {
  public:
    explicit Dice(std::uint32_t seed) : m_state(seed) {}
    double next() {
        m_state = m_state * 1664525u + 1013904223u;
        return static_cast<double>(m_state >> 8) / static_cast<double>(1u << 24);
    }
    long long up_to(long long most) { return static_cast<long long>(next() * static_cast<double>(most + 1)); }

  private:
    std::uint32_t m_state;
};

Share wilson(long long hits, long long of) {
    Share share{hits, of, 0, 0, 0};
    if (of == 0) return share;
    const double z = 1.959964, n = static_cast<double>(of), p = static_cast<double>(hits) / n;
    const double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
    const double half = z * std::sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n);
    share.value = p;
    share.low = std::max(0.0, centre - half);
    share.high = std::min(1.0, centre + half);
    return share;
}

ArtifactCell cell(long long ratings, double liking, Dice& dice) {
    ArtifactCell c;
    c.ratings = ratings;
    long long sum = 0;
    for (long long i = 0; i < ratings; ++i) {
        const double roll = dice.next() * 0.6 + liking * 0.55;
        const int stars = std::clamp(static_cast<int>(roll * 5.0) + 1, 1, 5);
        ++c.by_rating[static_cast<std::size_t>(stars - 1)];
        sum += stars;
    }
    c.mean_rating = ratings > 0 ? static_cast<double>(sum) / static_cast<double>(ratings) : 0;
    c.positive = wilson(c.by_rating[3] + c.by_rating[4], ratings);
    c.judged = ratings >= kRatingsToJudge;
    c.views = ratings * 3 + dice.up_to(20);
    c.median_look_ms = 20000 + dice.up_to(60000);
    c.narrations = ratings / 2 + dice.up_to(5);
    c.narration_heard = 0.4 + dice.next() * 0.5;
    c.films = ratings / 4;
    c.film_watched = c.films > 0 ? 0.3 + dice.next() * 0.6 : 0;
    return c;
}

void add(ArtifactCell& total, const ArtifactCell& part) {
    total.ratings += part.ratings;
    for (std::size_t i = 0; i < 5; ++i) total.by_rating[i] += part.by_rating[i];
    total.views += part.views;
    total.narrations += part.narrations;
    total.films += part.films;
}

void finish(ArtifactCell& total) {
    long long sum = 0;
    for (std::size_t i = 0; i < 5; ++i) sum += total.by_rating[i] * static_cast<long long>(i + 1);
    total.mean_rating = total.ratings > 0 ? static_cast<double>(sum) / static_cast<double>(total.ratings) : 0;
    total.positive = wilson(total.by_rating[3] + total.by_rating[4], total.ratings);
    total.judged = total.ratings >= kRatingsToJudge;
    total.median_look_ms = 41000;
    total.narration_heard = 0.62;
    total.film_watched = total.films > 0 ? 0.55 : 0;
}

void append_bytes(void* context, void* data, int size) {
    static_cast<std::string*>(context)->append(static_cast<const char*>(data),
                                               static_cast<std::size_t>(size));
}

std::string base64(const std::string& bytes) {
    static const char* letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        std::uint32_t group = static_cast<unsigned char>(bytes[i]) << 16;
        if (i + 1 < bytes.size()) group |= static_cast<unsigned char>(bytes[i + 1]) << 8;
        if (i + 2 < bytes.size()) group |= static_cast<unsigned char>(bytes[i + 2]);
        out += letters[(group >> 18) & 63];
        out += letters[(group >> 12) & 63];
        out += i + 1 < bytes.size() ? letters[(group >> 6) & 63] : '=';
        out += i + 2 < bytes.size() ? letters[group & 63] : '=';
    }
    return out;
}

// A 48x48 thumbnail: a warm ground with a darker motif, different per artifact,
// as a JPEG data URI (what the tally makes of a bundle's picture).
std::string thumbnail(int seed) {
    const int size = 48;
    std::string pixels(static_cast<std::size_t>(size * size * 3), '\0');
    for (int y = 0; y < size; ++y) {
        for (int x = 0; x < size; ++x) {
            const double dx = x - size / 2.0, dy = y - size / 2.0;
            const double ring = std::sin(std::sqrt(dx * dx + dy * dy) / (2.0 + seed % 3) + seed);
            const double motif = 0.5 + 0.5 * ring * std::cos((x + seed * 5) / 7.0);
            const std::size_t at = static_cast<std::size_t>((y * size + x) * 3);
            pixels[at] = static_cast<char>(120 + 100 * motif);
            pixels[at + 1] = static_cast<char>(70 + 60 * motif + seed * 6);
            pixels[at + 2] = static_cast<char>(40 + 30 * motif + seed * 9);
        }
    }
    std::string jpeg;
    stbi_write_jpg_to_func(append_bytes, &jpeg, size, size, 3, pixels.data(), 75);
    return "data:image/jpeg;base64," + base64(jpeg);
}

std::string day_after(const std::string& first, int days) {
    // Good enough for the sample's months: none crosses a year.
    static const int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int month = std::stoi(first.substr(5, 2)), day = std::stoi(first.substr(8, 2)) + days;
    while (day > lengths[month - 1]) day -= lengths[month++ - 1];
    char text[16];
    std::snprintf(text, sizeof text, "%s-%02d-%02d", first.substr(0, 4).c_str(), month, day);
    return text;
}

struct VenuePlan {
    const char* name;
    const char* kiosk;
    const char* first_day;
    int first_weekday;  // 0 = Monday
    int days;
    int offset_minutes;
    double busy;
};

VenueFigures venue(const VenuePlan& plan, Dice& dice, bool quiet_spell) {
    VenueFigures v;
    v.name = plan.name;
    v.first_day = plan.first_day;
    v.last_day = day_after(plan.first_day, plan.days - 1);
    v.kiosks.push_back({plan.kiosk, v.first_day, v.last_day, 0});
    v.utc_offsets_minutes = {plan.offset_minutes};
    for (int d = 0; d < plan.days; ++d) {
        const int weekday = (plan.first_weekday + d) % 7;
        long long visits =
            weekday == 0
                ? 0
                : static_cast<long long>(plan.busy * (weekday >= 5 ? 1.8 : 1.0) * (0.6 + dice.next()));
        if (quiet_spell && d >= 14 && d <= 19) visits = 0;
        v.visits_per_day.push_back({day_after(plan.first_day, d), visits});
        v.visits += visits;
        for (long long i = 0; i < visits; ++i) {
            const int hour =
                10 + static_cast<int>(std::min(7.99, std::abs(dice.next() + dice.next() - 0.8) * 6));
            ++v.visits_by_weekday_hour[static_cast<std::size_t>(weekday)][static_cast<std::size_t>(hour)];
        }
    }
    if (quiet_spell) {
        v.quiet_spells.push_back(
            {plan.kiosk, day_after(plan.first_day, 15), day_after(plan.first_day, 19), 5});
    }
    v.kiosks.front().visits = v.visits;
    v.opening_weekdays = {1, 2, 3, 4, 5, 6};
    v.median_visit_ms = 150000 + dice.up_to(120000);
    v.went_past_first_screen = wilson(v.visits * 7 / 10, v.visits);
    return v;
}

}  // namespace

TourFigures sample_tour() {
    Dice dice(20);
    TourFigures f;
    f.files = {"amsterdam/ams-entrance.feedback.db", "seoul/sel-hall-2.feedback.db",
               "paris/par-1.feedback.db"};
    f.report_language = "en";
    f.bundle_id = "continuity-of-traditions";
    f.bundle_title = "Continuity of Traditions: Kazakh Heritage on Tour";
    f.bundle_version = "2026.3";
    f.attendance_given = true;
    f.notes = {
        "The artifact 'ер-тұрман' is not in the bundle given: it is listed by its id.",
        "Seoul: the kiosk's clock was set back by 3 minutes on 2026-05-12; visits before that are counted "
        "as recorded."};

    const VenuePlan plans[] = {
        {"Amsterdam, De Nieuwe Kerk", "ams-entrance", "2026-03-02", 0, 42, 60, 26},
        {"\uc11c\uc6b8 \uad6d\ub9bd\ubbfc\uc18d\ubc15\ubb3c\uad00 (Seoul)", "sel-hall-2", "2026-05-04", 0, 42,
         540, 34},
        {"Paris, Mus\u00e9e du quai Branly", "par-1", "2026-07-01", 2, 40, 120, 20},
    };
    for (int i = 0; i < 3; ++i) f.venues.push_back(venue(plans[i], dice, i == 0));
    f.venues[0].attendance = 48200;
    f.venues[0].visits_per_thousand = 1000.0 * static_cast<double>(f.venues[0].visits) / 48200.0;
    f.venues[2].attendance = 61750;
    f.venues[2].visits_per_thousand = 1000.0 * static_cast<double>(f.venues[2].visits) / 61750.0;
    f.venues[0].languages = {{"nl", 402}, {"en", 311}, {"kk", 54}, {"ru", 41}, {"tr", 29}};
    f.venues[1].languages = {{"ko", 980}, {"en", 120}, {"kk", 61}, {"ru", 33}};
    f.venues[2].languages = {{"en", 210}, {"kk-Latn", 45}, {"ru", 38}, {"kk", 20}};
    f.venues[0].versions = {{"2026.2", 512}, {"2026.3", 320}};
    f.venues[1].versions = {{"2026.3", 1190}};
    f.venues[2].versions = {{"2026.3", 480}};
    f.languages = {{"ko", 980}, {"en", 641},     {"nl", 402}, {"kk", 135},
                   {"ru", 112}, {"kk-Latn", 45}, {"tr", 29}};
    for (const VenueFigures& v : f.venues) f.visits += v.visits;
    f.first_day = f.venues.front().first_day;
    f.last_day = f.venues.back().last_day;

    struct Plan {
        const char* id;
        const char* title;
        double liking;
        long long ratings;
        bool picture;
    };
    const Plan artifacts[] = {
        {"kobyz", "\u049a\u043e\u0431\u044b\u0437", 0.92, 60, true},
        {"dombyra", "\u0414\u043e\u043c\u0431\u044b\u0440\u0430", 0.80, 84, true},
        {"saukele", "\u0421\u04d9\u0443\u043a\u0435\u043b\u0435", 0.85, 33, true},
        {"kebeje", "\u041a\u0435\u0431\u0435\u0436\u0435", 0.55, 45, true},
        {"tuskiiz", "\u0422\u04b1\u0441\u043a\u0438\u0456\u0437", 0.62, 27, false},
        {"korean-test", "\ud55c\uad6d\uc5b4 \uc81c\ubaa9 \uc2dc\ud5d8", 0.70, 39, true},
        {"besik", "\u0411\u0435\u0441\u0456\u043a", 0.95, 3, true},
        {"\u0435\u0440-\u0442\u04b1\u0440\u043c\u0430\u043d",
         "\u0435\u0440-\u0442\u04b1\u0440\u043c\u0430\u043d", 0.5, 2, false},
    };
    int seed = 0;
    for (const Plan& plan : artifacts) {
        ArtifactFigures a;
        a.id = plan.id;
        a.title = plan.title;
        a.in_bundle = a.id != a.title;
        if (plan.picture) a.picture = thumbnail(seed);
        ++seed;
        for (std::size_t v = 0; v < f.venues.size(); ++v) {
            const long long ratings =
                std::max<long long>(0, plan.ratings / 3 + static_cast<long long>(v) * 2 - 2);
            a.by_venue.push_back(cell(ratings, plan.liking, dice));
            add(a.everywhere, a.by_venue.back());
        }
        for (std::size_t l = 0; l < f.languages.size(); ++l) {
            const long long share =
                std::max<long long>(0, a.everywhere.ratings * (7 - static_cast<long long>(l)) / 28);
            a.by_language.push_back(cell(share, plan.liking, dice));
        }
        finish(a.everywhere);
        a.score = a.everywhere.positive.low;
        f.ratings += a.everywhere.ratings;
        f.artifacts.push_back(a);
    }
    std::stable_sort(
        f.artifacts.begin(), f.artifacts.end(), [](const ArtifactFigures& a, const ArtifactFigures& b) {
            if (a.everywhere.judged != b.everywhere.judged) return a.everywhere.judged;
            return a.everywhere.judged ? a.score > b.score : a.everywhere.ratings > b.everywhere.ratings;
        });
    int rank = 0;
    for (ArtifactFigures& a : f.artifacts) a.rank = a.everywhere.judged ? ++rank : 0;

    const char* question_texts[] = {"How did you like the exhibition?", "What brought you here today?"};
    const std::vector<std::pair<const char*, const char*>> options[] = {
        {{"1", "1"}, {"2", "2"}, {"3", "3"}, {"4", "4"}, {"5", "5"}},
        {{"poster", "A poster in the street"},
         {"friends", "Friends or family"},
         {"school", "A school or university visit"},
         {"passing", "I was passing by"}},
    };
    for (int q = 0; q < 2; ++q) {
        QuestionFigures question;
        question.id = q == 0 ? "overall" : "reason";
        question.text = question_texts[q];
        for (const VenueFigures& v : f.venues)
            question.visits_answered_by_venue.push_back(v.visits / (5 + q * 2));
        for (const long long n : question.visits_answered_by_venue) question.visits_answered += n;
        for (std::size_t o = 0; o < options[q].size(); ++o) {
            AnswerFigures answer;
            answer.id = options[q][o].first;
            answer.label = options[q][o].second;
            const double weight = q == 0 ? 0.03 + 0.09 * static_cast<double>(o * o) / 4.0
                                         : 0.15 + 0.1 * static_cast<double>(o % 3);
            long long hits = 0;
            for (const long long n : question.visits_answered_by_venue) {
                const long long venue_hits =
                    static_cast<long long>(static_cast<double>(n) * weight * (0.8 + 0.4 * dice.next()));
                answer.by_venue.push_back(wilson(venue_hits, n));
                hits += venue_hits;
            }
            answer.share = wilson(hits, question.visits_answered);
            question.answers.push_back(answer);
            f.survey_answers += hits;
        }
        f.questions.push_back(question);
    }
    return f;
}

TourFigures empty_tour() {
    TourFigures f;
    f.files = {"amsterdam/ams-entrance.feedback.db"};
    f.report_language = "en";
    f.since = "2027-01-01";
    f.bundle_title = "Continuity of Traditions: Kazakh Heritage on Tour";
    f.notes = {"No bundle was given: artifacts are listed by their ids."};
    return f;
}

}  // namespace amanat::report::sample
