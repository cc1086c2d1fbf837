#include "app/upkeep.hpp"

#include <utility>

#include "app/fleet_courier.hpp"
#include "app/problem_log.hpp"
#include "app/visitors_book.hpp"
#include "core/version.hpp"

namespace amanat {

namespace {

// What the fleet courier did last: the inbox's last pack, the outbox's problem.
void add_fleet_facts(const Upkeep& upkeep, HealthFacts& facts) {
    if (!upkeep.courier) return;
    facts.fleet = true;
    if (const auto verdict = upkeep.courier->inbox_verdict()) {
        facts.fleet_pack_file = verdict->file;
        facts.fleet_pack_installed = verdict->installed;
        facts.fleet_pack_message = verdict->message;
        facts.fleet_pack_at = verdict->at;
    }
    facts.fleet_outbox_problem = upkeep.courier->outbox_problem();
}

}  // namespace

void publish_health(Upkeep& upkeep, const Bundle& bundle, const ExhibitionSource& source,
                    const VisitorsBook& book, const std::string& showing, Millis now) {
    // A minute on screen: this pack does not stop the kiosk as it starts.
    if (!upkeep.start_settled && now - upkeep.shown_since >= pack::kSettleSeconds * 1000) {
        upkeep.crash_guard.settled();
        upkeep.start_settled = true;
    }
    HealthFacts facts;
    facts.version = kVersion;
    facts.started_at = upkeep.started_at;
    facts.uptime_ms = now;  // the loop's clock starts with the kiosk
    facts.starts = upkeep.starts;
    facts.exhibition_id = bundle.exhibition.id;
    facts.exhibition_version = bundle.exhibition.version;
    facts.exhibition_folder = bundle.root.string();
    facts.active_pack = source.pack_name(bundle.root);
    if (const auto fallback = upkeep.crash_guard.last_fallback(facts.active_pack)) {
        facts.crash_fallback = fallback->message;
        facts.crash_fallback_at = fallback->at;
    }
    facts.showing = showing;
    facts.screen_asleep = upkeep.asleep;
    facts.drawing = upkeep.drawing;
    facts.speech = upkeep.speech;
    facts.display_fallbacks = upkeep.fallbacks;
    facts.feedback_state = book.state();
    facts.feedback_database = book.database().string();
    facts.feedback_rows_saved = book.rows_saved();
    facts.feedback_problem = book.problem();
    facts.recent_problems = recent_problems();
    facts.kiosk_id = upkeep.kiosk_id;
    facts.venue = upkeep.venue;
    add_fleet_facts(upkeep, facts);
    std::string json = health_json(facts, upkeep.state_folder);
    if (upkeep.courier) {
        // Published at once when the exhibition changed, at closing time (the
        // screen falls asleep), once the kiosk has its id (its feedback can then
        // go), and when the inbox refused or installed a pack: what the
        // organisers most want to know.
        std::string published = facts.kiosk_id + ' ' + facts.exhibition_id + ' ' + facts.exhibition_version +
                                ' ' + facts.active_pack + (facts.screen_asleep ? " asleep" : "") + ' ' +
                                facts.fleet_pack_file + ' ' + std::to_string(facts.fleet_pack_at);
        const bool changed = published != upkeep.published_showing;
        upkeep.published_showing = std::move(published);
        upkeep.courier->offer_status(json, facts.kiosk_id, changed);
    }
    upkeep.health.publish(std::move(json), now);
}

void report_no_display(Upkeep& upkeep, const Bundle& bundle, const std::string& error, Millis now) {
    log_problem(error);
    HealthFacts facts;
    facts.version = kVersion;
    facts.started_at = upkeep.started_at;
    facts.starts = upkeep.starts;
    facts.exhibition_id = bundle.exhibition.id;
    facts.exhibition_version = bundle.exhibition.version;
    facts.exhibition_folder = bundle.root.string();
    facts.showing = "nothing";
    facts.display_problem = error;
    facts.recent_problems = recent_problems();
    upkeep.health.publish(health_json(facts, upkeep.state_folder), now);
}

}  // namespace amanat
