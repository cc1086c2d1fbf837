// Staff mode's door (the corner gesture, the PIN pad, the lockout, the session's
// timeout) and the PIN's storage, headless, with the clock passed in. The PIN is
// hashed and verified for real (Argon2id, a few tens of milliseconds each).
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <fstream>
#include <iterator>
#include <string>

#include "core/settings/kiosk_config.hpp"
#include "core/staff/staff_door.hpp"
#include "core/staff/staff_pin.hpp"
#include "synthetic_bundle.hpp"

namespace fs = std::filesystem;
using amanat::Millis;
using amanat::PinCheck;
using amanat::StaffDoor;
using amanat::StaffDoorSettings;
using amanat::testing::TemporaryFolder;

namespace {

constexpr float kWidth = 1920;
constexpr float kHeight = 1080;
constexpr std::int64_t kWallStart = 1'795'996'800'000;  // 2026-11-30T00:00:00Z, in ms

StaffDoorSettings settings() {
    StaffDoorSettings s;
    s.corner_side = 72;  // 20 mm at 3.6 px/mm
    return s;
}

std::string read_text(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A folder with the PIN 2468 set, as `amanat staff set-pin` sets it.
struct PinFolder {
    TemporaryFolder folder;
    fs::path pin_file = folder.path() / "staff-pin";
    PinFolder() {
        std::string error;
        REQUIRE_MESSAGE(amanat::store_pin(pin_file, "2468", error), error);
    }
};

// Five taps in the corner, 200 ms apart from `at` on; returns the time of the last.
Millis open_pad(StaffDoor& door, Millis at) {
    for (int i = 0; i < 5; ++i) {
        const bool opened = door.tap(10, 10, kWidth, kHeight, at + 200 * i);
        CHECK(opened == (i == 4));
    }
    REQUIRE(door.phase() == StaffDoor::Phase::AskingPin);
    return at + 800;
}

PinCheck type_and_submit(StaffDoor& door, const std::string& pin, Millis at) {
    for (const char c : pin) door.type_digit(c - '0', at);
    auto check = door.submit(at);
    REQUIRE(check.has_value());
    CHECK(door.phase() == StaffDoor::Phase::Checking);
    CHECK(door.digits_typed() == 0);
    return *check;
}

// What the kiosk's worker does with a check, then the render thread with the answer.
void answer(StaffDoor& door, const PinCheck& check, Millis at) {
    if (amanat::verify_pin(check.hash, check.pin))
        door.pin_accepted(check.ticket, at);
    else
        door.pin_refused(check.ticket, at);
}

void wrong_pin(StaffDoor& door, Millis at) {
    const PinCheck check = type_and_submit(door, "0000", at);
    door.pin_refused(check.ticket, at);
}

}  // namespace

TEST_CASE("staff door: five taps in the corner within three seconds open the PIN pad") {
    PinFolder pin;
    StaffDoor door(settings(), pin.pin_file, 0, kWallStart);
    CHECK(door.enabled());
    CHECK(door.phase() == StaffDoor::Phase::Closed);
    for (int i = 0; i < 4; ++i) CHECK_FALSE(door.tap(5.0f + i, 60, kWidth, kHeight, 1'000 + 700 * i));
    CHECK(door.phase() == StaffDoor::Phase::Closed);           // four are not enough
    CHECK(door.tap(70, 3, kWidth, kHeight, 1'000 + 700 * 4));  // the fifth, 2.8 s after the first
    CHECK(door.phase() == StaffDoor::Phase::AskingPin);
    CHECK(door.digits_typed() == 0);
    CHECK_FALSE(door.take_notice().has_value());
}

TEST_CASE("staff door: slow taps, taps outside the corner and a tap elsewhere do not open it") {
    PinFolder pin;
    StaffDoor door(settings(), pin.pin_file, 0, kWallStart);

    SUBCASE("five taps over more than three seconds") {
        for (int i = 0; i < 5; ++i) CHECK_FALSE(door.tap(10, 10, kWidth, kHeight, 1'000 + 800 * i));
        CHECK_FALSE(door.tap(10, 10, kWidth, kHeight, 1'000 + 800 * 5));
        // Five quicker ones do.
        for (int i = 0; i < 5; ++i) CHECK(door.tap(10, 10, kWidth, kHeight, 10'000 + 600 * i) == (i == 4));
    }
    SUBCASE("a tap elsewhere starts the count again") {
        for (int i = 0; i < 4; ++i) door.tap(10, 10, kWidth, kHeight, 1'000 + 100 * i);
        CHECK_FALSE(door.tap(960, 540, kWidth, kHeight, 1'400));
        for (int i = 0; i < 4; ++i) CHECK_FALSE(door.tap(10, 10, kWidth, kHeight, 1'500 + 100 * i));
        CHECK(door.tap(10, 10, kWidth, kHeight, 1'900));
    }
    SUBCASE("just outside the corner square") {
        for (int i = 0; i < 5; ++i) CHECK_FALSE(door.tap(72, 10, kWidth, kHeight, 1'000 + 100 * i));
        for (int i = 0; i < 5; ++i) CHECK_FALSE(door.tap(10, 72, kWidth, kHeight, 2'000 + 100 * i));
    }
    SUBCASE("other corners") {
        for (int i = 0; i < 5; ++i) CHECK_FALSE(door.tap(kWidth - 5, 5, kWidth, kHeight, 1'000 + 100 * i));
        for (int i = 0; i < 5; ++i) CHECK_FALSE(door.tap(5, kHeight - 5, kWidth, kHeight, 2'000 + 100 * i));
    }
    SUBCASE("a corner side too big for the screen is limited to a quarter of its shorter side") {
        StaffDoorSettings huge = settings();
        huge.corner_side = 2000;
        StaffDoor wide(huge, pin.pin_file, 0, kWallStart);
        for (int i = 0; i < 5; ++i) CHECK_FALSE(wide.tap(300, 300, kWidth, kHeight, 1'000 + 100 * i));
        for (int i = 0; i < 5; ++i) CHECK(wide.tap(260, 260, kWidth, kHeight, 2'000 + 100 * i) == (i == 4));
    }
    CHECK(door.phase() != StaffDoor::Phase::Open);
}

TEST_CASE("staff door: the right PIN opens staff mode, a wrong one goes back to the pad") {
    PinFolder pin;
    StaffDoor door(settings(), pin.pin_file, 0, kWallStart);
    Millis now = open_pad(door, 1'000);

    SUBCASE("wrong") {
        const PinCheck check = type_and_submit(door, "1357", now);
        CHECK(check.pin == "1357");
        CHECK(check.hash == read_text(pin.pin_file).substr(0, check.hash.size()));
        answer(door, check, now + 100);
        CHECK(door.phase() == StaffDoor::Phase::AskingPin);
        CHECK(door.wrong_pins() == 1);
        CHECK(door.attempts_left(now + 100) == 4);
        // Then the right one, which resets the count.
        answer(door, type_and_submit(door, "2468", now + 200), now + 300);
        CHECK(door.phase() == StaffDoor::Phase::Open);
        CHECK(door.wrong_pins() == 0);
        CHECK(door.attempts_left(now + 300) == 5);
    }
    SUBCASE("right") {
        answer(door, type_and_submit(door, "2468", now), now + 100);
        CHECK(door.phase() == StaffDoor::Phase::Open);
    }
    SUBCASE("a PIN that starts with the right one is wrong") {
        answer(door, type_and_submit(door, "24680", now), now + 100);
        CHECK(door.phase() == StaffDoor::Phase::AskingPin);
    }
}

TEST_CASE("staff door: the pad takes 4 to 8 digits, erases and clears") {
    PinFolder pin;
    StaffDoor door(settings(), pin.pin_file, 0, kWallStart);
    Millis now = open_pad(door, 1'000);
    for (int d : {1, 2, 3}) door.type_digit(d, now);
    CHECK(door.digits_typed() == 3);
    CHECK_FALSE(door.can_submit(now));
    CHECK_FALSE(door.submit(now).has_value());  // too few: kept, to type on
    CHECK(door.digits_typed() == 3);
    door.type_digit(4, now);
    CHECK(door.can_submit(now));
    for (int d : {5, 6, 7, 8, 9, 0}) door.type_digit(d, now);
    CHECK(door.digits_typed() == 8);  // the ninth and tenth are ignored
    door.type_digit(10, now);
    door.type_digit(-1, now);
    CHECK(door.digits_typed() == 8);
    door.erase_digit(now);
    CHECK(door.digits_typed() == 7);
    door.clear_digits(now);
    CHECK(door.digits_typed() == 0);
    door.erase_digit(now);
    CHECK(door.digits_typed() == 0);
    for (int d : {2, 4, 6, 8, 1}) door.type_digit(d, now);
    door.erase_digit(now);
    const auto check = door.submit(now);
    REQUIRE(check.has_value());
    CHECK(check->pin == "2468");
}

TEST_CASE("staff door: five wrong PINs lock the pad for five minutes, then it takes PINs again") {
    PinFolder pin;
    StaffDoor door(settings(), pin.pin_file, 0, kWallStart);
    Millis now = open_pad(door, 1'000);
    for (int i = 0; i < 4; ++i) {
        wrong_pin(door, now);
        CHECK(door.attempts_left(now) == 4 - i);
        CHECK(door.lockout_left(now) == 0);
    }
    wrong_pin(door, now);  // the fifth
    CHECK(door.phase() == StaffDoor::Phase::AskingPin);
    CHECK(door.attempts_left(now) == 0);
    CHECK(door.lockout_left(now) == 5 * 60'000);
    CHECK(door.lockout_left(now + 60'000) == 4 * 60'000);
    const auto notice = door.take_notice();  // for the log: someone may be guessing
    REQUIRE(notice.has_value());
    CHECK(notice->find("5 wrong staff PINs in a row") != std::string::npos);

    // Locked: the right PIN is refused without being checked, and typing does nothing.
    now += 1'000;
    for (int d : {2, 4, 6, 8}) door.type_digit(d, now);
    CHECK(door.digits_typed() == 0);
    CHECK_FALSE(door.can_submit(now));
    CHECK_FALSE(door.submit(now).has_value());
    CHECK(door.phase() == StaffDoor::Phase::AskingPin);
    // The pad counts down in whole seconds.
    CHECK(door.next_deadline(now) == now + 1'000);
    CHECK(door.next_deadline(now + 400) == now + 1'000);

    // Closing and opening the pad again does not help.
    door.close();
    now = open_pad(door, now + 10'000);
    CHECK(door.lockout_left(now) > 0);

    // Five minutes after the fifth wrong PIN: as many tries as at first.
    const Millis unlocked = 1'800 + 5 * 60'000;
    CHECK(door.lockout_left(unlocked - 1) == 1);
    CHECK(door.lockout_left(unlocked) == 0);
    CHECK(door.expired(unlocked));  // the pad had closed itself meanwhile
    door.close();
    now = open_pad(door, unlocked);
    CHECK(door.attempts_left(now) == 5);
    answer(door, type_and_submit(door, "2468", now), now);
    CHECK(door.phase() == StaffDoor::Phase::Open);
}

TEST_CASE("staff door: the wrong-PIN count and a lockout survive a restart of the kiosk") {
    PinFolder pin;
    const fs::path record = amanat::staff_lockout_file(pin.pin_file);
    {
        StaffDoor door(settings(), pin.pin_file, 50'000, kWallStart);
        open_pad(door, 51'000);
        wrong_pin(door, 52'000);
        wrong_pin(door, 52'000);
    }
    REQUIRE(fs::exists(record));
    CHECK((fs::status(record).permissions() & fs::perms::all) ==
          (fs::perms::owner_read | fs::perms::owner_write));
    {
        // After a power cut: the monotonic clock starts again near 0.
        StaffDoor door(settings(), pin.pin_file, 300, kWallStart + 60'000);
        CHECK(door.wrong_pins() == 2);
        CHECK(door.attempts_left(300) == 3);
        open_pad(door, 1'000);
        wrong_pin(door, 2'000);
        wrong_pin(door, 2'000);
        wrong_pin(door, 2'000);  // the fifth in a row, across the restart
        CHECK(door.lockout_left(2'000) == 5 * 60'000);
    }
    // Locked at wall time kWallStart + 60'000 + 1'700: until 5 minutes after.
    const std::int64_t locked_at = kWallStart + 60'000 + 1'700;
    SUBCASE("restarted a minute later: four minutes left") {
        StaffDoor door(settings(), pin.pin_file, 100, locked_at + 60'000);
        CHECK(door.lockout_left(100) == 4 * 60'000);
        open_pad(door, 1'000);
        CHECK_FALSE(door.submit(1'000).has_value());
    }
    SUBCASE("restarted after the lockout ended: unlocked") {
        StaffDoor door(settings(), pin.pin_file, 100, locked_at + 5 * 60'000);
        CHECK(door.lockout_left(100) == 0);
        CHECK(door.attempts_left(100) == 5);
    }
    SUBCASE("a wall clock set back an hour locks no longer than one period") {
        StaffDoor door(settings(), pin.pin_file, 100, locked_at - 3'600'000);
        CHECK(door.lockout_left(100) == 5 * 60'000);
    }
    SUBCASE("a damaged record locks for one period, and says so") {
        {
            std::ofstream out(record, std::ios::trunc);
            out << "garbage\n";
        }
        StaffDoor door(settings(), pin.pin_file, 100, locked_at + 3'600'000);
        CHECK(door.lockout_left(100) == 5 * 60'000);
        const auto notice = door.take_notice();
        REQUIRE(notice.has_value());
        CHECK(notice->find("damaged") != std::string::npos);
        // Replaced by a sound record of that lockout: after it, no lockout at the next start.
        StaffDoor later(settings(), pin.pin_file, 100, locked_at + 3'600'000 + 5 * 60'000);
        CHECK(later.lockout_left(100) == 0);
        CHECK_FALSE(later.take_notice().has_value());
    }
    SUBCASE("a new PIN clears the count and the lockout") {
        std::string error;
        REQUIRE_MESSAGE(amanat::store_pin(pin.pin_file, "97531", error), error);
        CHECK_FALSE(fs::exists(record));
        StaffDoor door(settings(), pin.pin_file, 100, locked_at + 60'000);
        CHECK(door.lockout_left(100) == 0);
        CHECK(door.attempts_left(100) == 5);
    }
}

TEST_CASE("staff door: a new PIN set while the kiosk runs clears a lockout in memory too") {
    PinFolder pin;
    StaffDoor door(settings(), pin.pin_file, 0, kWallStart);
    Millis now = open_pad(door, 1'000);
    for (int i = 0; i < 5; ++i) wrong_pin(door, now);
    REQUIRE(door.lockout_left(now) > 0);
    door.close();
    std::string error;
    REQUIRE_MESSAGE(amanat::store_pin(pin.pin_file, "1122", error), error);
    now = open_pad(door, now + 1'000);  // the PIN file is read again here
    CHECK(door.lockout_left(now) == 0);
    answer(door, type_and_submit(door, "1122", now), now);
    CHECK(door.phase() == StaffDoor::Phase::Open);
}

TEST_CASE("staff door: staff mode closes itself after two minutes without a touch") {
    PinFolder pin;
    StaffDoor door(settings(), pin.pin_file, 0, kWallStart);
    Millis now = open_pad(door, 1'000);
    answer(door, type_and_submit(door, "2468", now), now);
    REQUIRE(door.phase() == StaffDoor::Phase::Open);
    CHECK_FALSE(door.expired(now + 119'999));
    CHECK(door.next_deadline(now) == now + 120'000);

    SUBCASE("untouched") {
        CHECK(door.expired(now + 120'000));
        door.close();
        CHECK(door.phase() == StaffDoor::Phase::Closed);
        CHECK_FALSE(door.expired(now + 500'000));
        CHECK(door.next_deadline(now + 500'000) == -1);
    }
    SUBCASE("a touch gives two more minutes") {
        door.touch(now + 100'000);
        CHECK_FALSE(door.expired(now + 219'999));
        CHECK(door.expired(now + 220'000));
        CHECK(door.next_deadline(now + 150'000) == now + 220'000);
        // Taps count as touches while open, and never reopen anything.
        CHECK_FALSE(door.tap(10, 10, kWidth, kHeight, now + 200'000));
        CHECK_FALSE(door.expired(now + 319'999));
    }
    SUBCASE("closed by staff") {
        door.close();
        CHECK(door.phase() == StaffDoor::Phase::Closed);
        // Opening again needs the PIN again.
        open_pad(door, now + 5'000);
        CHECK(door.phase() == StaffDoor::Phase::AskingPin);
    }
}

TEST_CASE("staff door: an untouched PIN pad closes itself after 30 seconds") {
    PinFolder pin;
    StaffDoor door(settings(), pin.pin_file, 0, kWallStart);
    const Millis now = open_pad(door, 1'000);
    door.type_digit(2, now + 10'000);
    CHECK_FALSE(door.expired(now + 39'999));
    CHECK(door.expired(now + 40'000));
    CHECK(door.next_deadline(now + 20'000) == now + 40'000);
}

TEST_CASE("staff door: an answer for a check no longer awaited is ignored") {
    PinFolder pin;
    StaffDoor door(settings(), pin.pin_file, 0, kWallStart);
    Millis now = open_pad(door, 1'000);
    const PinCheck check = type_and_submit(door, "2468", now);
    CHECK_FALSE(door.expired(now + 600'000));  // never while checking
    door.close();                              // e.g. the kiosk reset meanwhile
    door.pin_accepted(check.ticket, now + 500);
    CHECK(door.phase() == StaffDoor::Phase::Closed);
    now = open_pad(door, now + 1'000);
    const PinCheck second = type_and_submit(door, "1111", now);
    door.pin_accepted(check.ticket, now);  // the old ticket
    CHECK(door.phase() == StaffDoor::Phase::Checking);
    door.pin_refused(second.ticket, now);
    CHECK(door.phase() == StaffDoor::Phase::AskingPin);
}

TEST_CASE("staff door: without a PIN file staff mode is off and the gesture does nothing") {
    TemporaryFolder folder;
    const fs::path pin_file = folder.path() / "staff-pin";

    SUBCASE("no file") {
        StaffDoor door(settings(), pin_file, 0, kWallStart);
        CHECK_FALSE(door.enabled());
        const auto notice = door.take_notice();
        REQUIRE(notice.has_value());
        CHECK(notice->find("no staff PIN is set") != std::string::npos);
        CHECK(notice->find("staff mode is off") != std::string::npos);
        for (int i = 0; i < 5; ++i) CHECK_FALSE(door.tap(10, 10, kWidth, kHeight, 1'000 + 100 * i));
        CHECK(door.phase() == StaffDoor::Phase::Closed);
        CHECK_FALSE(door.take_notice().has_value());  // logged once, not at every gesture

        // Set while the kiosk runs: the next gesture finds it.
        std::string error;
        REQUIRE_MESSAGE(amanat::store_pin(pin_file, "2468", error), error);
        open_pad(door, 5'000);
        CHECK(door.enabled());
        const auto on = door.take_notice();
        REQUIRE(on.has_value());
        CHECK(on->find("staff mode is on") != std::string::npos);

        // And cleared again.
        door.close();
        bool removed = false;
        REQUIRE(amanat::remove_pin(pin_file, removed, error));
        CHECK(removed);
        for (int i = 0; i < 5; ++i) CHECK_FALSE(door.tap(10, 10, kWidth, kHeight, 9'000 + 100 * i));
        CHECK_FALSE(door.enabled());
    }
    SUBCASE("an empty file") {
        std::ofstream(pin_file).close();
        ::chmod(pin_file.c_str(), 0600);
        StaffDoor door(settings(), pin_file, 0, kWallStart);
        CHECK_FALSE(door.enabled());
        const auto notice = door.take_notice();
        REQUIRE(notice.has_value());
        CHECK(notice->find("empty") != std::string::npos);
    }
    SUBCASE("a file that holds something else (a PIN in clear)") {
        std::ofstream(pin_file) << "2468\n";
        ::chmod(pin_file.c_str(), 0600);
        StaffDoor door(settings(), pin_file, 0, kWallStart);
        CHECK_FALSE(door.enabled());
        for (int i = 0; i < 5; ++i) CHECK_FALSE(door.tap(10, 10, kWidth, kHeight, 1'000 + 100 * i));
    }
    SUBCASE("a file other users can change") {
        std::string error;
        REQUIRE_MESSAGE(amanat::store_pin(pin_file, "2468", error), error);
        ::chmod(pin_file.c_str(), 0666);
        StaffDoor door(settings(), pin_file, 0, kWallStart);
        CHECK_FALSE(door.enabled());
        const auto notice = door.take_notice();
        REQUIRE(notice.has_value());
        CHECK(notice->find("other users") != std::string::npos);
    }
}

TEST_CASE("staff PIN: stored as an Argon2id hash in a private file, verified, never kept in clear") {
    TemporaryFolder folder;
    const fs::path pin_file = folder.path() / "state" / "staff-pin";  // the folder is made
    std::string error;
    REQUIRE_MESSAGE(amanat::store_pin(pin_file, "02468135", error), error);
    CHECK((fs::status(pin_file).permissions() & fs::perms::all) ==
          (fs::perms::owner_read | fs::perms::owner_write));
    const std::string text = read_text(pin_file);
    CHECK(text.starts_with("$argon2id$"));
    CHECK(text.find("02468135") == std::string::npos);
    CHECK(text.back() == '\n');
    // No temporary file left beside it.
    CHECK(std::distance(fs::directory_iterator(pin_file.parent_path()), fs::directory_iterator()) == 1);

    std::string why_not;
    const auto hash = amanat::load_pin_hash(pin_file, why_not);
    REQUIRE_MESSAGE(hash.has_value(), why_not);
    CHECK(amanat::verify_pin(*hash, "02468135"));
    CHECK_FALSE(amanat::verify_pin(*hash, "2468135"));
    CHECK_FALSE(amanat::verify_pin(*hash, ""));
    CHECK_FALSE(amanat::verify_pin("not a hash", "02468135"));

    // The same PIN again: a new salt, a different hash, and still the PIN.
    REQUIRE(amanat::store_pin(pin_file, "02468135", error));
    const auto again = amanat::load_pin_hash(pin_file, why_not);
    REQUIRE(again.has_value());
    CHECK(*again != *hash);
    CHECK(amanat::verify_pin(*again, "02468135"));
}

TEST_CASE("staff PIN: 4 to 8 digits, nothing else") {
    std::string problem;
    CHECK(amanat::is_valid_staff_pin("0000", problem));
    CHECK(amanat::is_valid_staff_pin("12345678", problem));
    CHECK_FALSE(amanat::is_valid_staff_pin("123", problem));
    CHECK(problem.find("4 to 8 digits") != std::string::npos);
    CHECK_FALSE(amanat::is_valid_staff_pin("123456789", problem));
    CHECK_FALSE(amanat::is_valid_staff_pin("12a4", problem));
    CHECK_FALSE(amanat::is_valid_staff_pin("1234 ", problem));
    CHECK_FALSE(amanat::is_valid_staff_pin("", problem));

    TemporaryFolder folder;
    std::string error;
    CHECK_FALSE(amanat::store_pin(folder.path() / "staff-pin", "12", error));
    CHECK(error.find("nothing was changed") != std::string::npos);
    CHECK_FALSE(fs::exists(folder.path() / "staff-pin"));
}

TEST_CASE("staff PIN: its file is the config's, else in the state folder") {
    amanat::KioskConfig config;
    CHECK(amanat::staff_pin_file(config).filename() == "staff-pin");
    config.staff_pin_file = "/etc/amanat/pin";
    CHECK(amanat::staff_pin_file(config) == "/etc/amanat/pin");
    CHECK(amanat::staff_lockout_file("/var/lib/amanat/staff-pin") == "/var/lib/amanat/staff-pin.lockout");
}
