#pragma once

// The staff PIN as it is kept on the kiosk: an Argon2id hash (libsodium's
// crypto_pwhash_str, which also records the salt and the cost), never the PIN.
// `amanat staff set-pin` writes it, `amanat staff clear-pin` removes it, and the
// kiosk's StaffDoor reads it; with no valid PIN file staff mode is off.
//
// The file and the StaffDoor's lockout record beside it (PIN_FILE.lockout) are
// written atomically (a temporary file, fsync, rename, fsync of the folder), so
// a power cut leaves the old file or the new one, and with mode 0600: a 4-digit
// PIN falls to anyone who can read its hash in well under an hour of guessing
// offline. When `amanat` runs as root in a folder owned by another user (the
// kiosk's /var/lib/amanat), the files are given to that folder's owner, so that
// the kiosk can read the PIN and keep its lockout record.
//
// Thread contract: free functions without shared state; any thread. Each one
// touches the disk (small files, fsync'd), and hash_pin() and verify_pin() take
// a fraction of a second and tens of megabytes on purpose (Argon2id): never
// call those two on the render thread.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace amanat {

struct KioskConfig;

// 4 to 8 decimal digits: what the kiosk's PIN pad can type.
inline constexpr int kStaffPinMinDigits = 4;
inline constexpr int kStaffPinMaxDigits = 8;

// True when `pin` is 4 to 8 ASCII digits; otherwise false with `problem` saying what is wrong.
bool is_valid_staff_pin(std::string_view pin, std::string& problem);

// Where the PIN is kept: the config's [staff] pin_file, else default_state_folder()
// / "staff-pin" (/var/lib/amanat/staff-pin when installed). The kiosk and
// `amanat staff` both ask this, so they agree.
std::filesystem::path staff_pin_file(const KioskConfig& config);

// The StaffDoor's lockout record beside the PIN file: "PIN_FILE.lockout".
std::filesystem::path staff_lockout_file(const std::filesystem::path& pin_file);

// The Argon2id hash of `pin` (crypto_pwhash_str at libsodium's "interactive"
// costs, 2 passes over 64 MiB: 63 ms to verify on the project's 2-core Xeon VM;
// why these costs: staff_pin.cpp). Empty when libsodium fails (out of memory).
// Slow on purpose: not on the render thread.
std::string hash_pin(std::string_view pin);

// True when `pin` is the PIN `hash` was made from (crypto_pwhash_str_verify, at
// the costs recorded in the hash). Slow on purpose: run it on a worker thread.
bool verify_pin(const std::string& hash, std::string_view pin);

// The stored hash, or nullopt with `why_not` saying, for the log, why staff
// mode is off: no file ("no staff PIN is set ..."), an empty or damaged file, a
// file others can write (anyone able to change it could set their own PIN).
std::optional<std::string> load_pin_hash(const std::filesystem::path& file, std::string& why_not);

// Hashes `pin` and writes it to `file` (creating its folder), replacing any
// previous PIN and removing the lockout record beside it: a new PIN starts with
// a clean count. False with `error` naming the file and the reason.
bool store_pin(const std::filesystem::path& file, std::string_view pin, std::string& error);

// Removes the PIN (staff mode off) and the lockout record. `removed` says
// whether there was a PIN. False with `error` set if a file cannot be removed.
bool remove_pin(const std::filesystem::path& file, bool& removed, std::string& error);

// Writes `text` to `file` atomically, mode 0600 (see above). False with `error`
// naming the file and the reason. For the PIN file and the lockout record.
bool write_staff_file(const std::filesystem::path& file, std::string_view text, std::string& error);

}  // namespace amanat
