#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/files/diagnostics.hpp"
#include "core/settings/screen_care.hpp"

namespace amanat {

enum class TextSize { Normal, Large };

// What draws the screen: Automatic is the GPU when the PC has one (a DRM render
// node), else SDL's software renderer, which beats OpenGL emulated in software.
enum class Renderer { Automatic, Gpu, Software };

// The keys of a tactile keypad (the EZ Access layout) and a keyboard's stand-ins.
enum class KeypadKey { Up, Down, Back, Right, Select, Help, Home, VolumeUp, VolumeDown };
inline constexpr KeypadKey kKeypadKeys[] = {KeypadKey::Up,    KeypadKey::Down,     KeypadKey::Back,
                                            KeypadKey::Right, KeypadKey::Select,   KeypadKey::Help,
                                            KeypadKey::Home,  KeypadKey::VolumeUp, KeypadKey::VolumeDown};
// "up", "down", "back", "right", "select", "help", "home", "volume_up", "volume_down": the
// keypad key's name in kiosk.toml's [keypad] table.
const char* keypad_key_name(KeypadKey key);
// The keys each keypad key is, as SDL names keys (SDL_GetKeyName): the defaults a
// USB keypad and a plain keyboard both send. Core knows no SDL: the kiosk resolves
// the names (SDL_GetKeyFromName, which ignores case) and logs a name it does not know.
std::map<KeypadKey, std::vector<std::string>> default_keypad_keys();

// Speech mode (docs/SPEECH.md).
struct SpeechSettings {
    bool offered = true;  // [speech] enabled = false turns speech mode off
    // [speech] device: the audio output for speech (its name, or part of it); empty = the default output.
    std::string device;
    // [speech.voices] language tag (canonical case) = "espeak-ng voice", over the built-in table.
    std::map<std::string, std::string> voices;
    // [speech] idle_multiplier, 1..10: the idle timeout is this many times longer in speech mode.
    int idle_multiplier = 3;
    int volume_percent = 80;  // [speech] volume, 10..100: where each visitor's speech volume starts
    // [keypad] up = ["Up", "Keypad 8"], ...: a key given replaces that key's defaults.
    // No SDL key name is in two keypad keys' lists (load_kiosk_config makes sure).
    std::map<KeypadKey, std::vector<std::string>> keys = default_keypad_keys();
};

// The kiosk's own settings (/etc/amanat/kiosk.toml when installed, or --config),
// set by the venue's staff; the exhibition's content comes from the bundle.
struct KioskConfig {
    std::optional<int> idle_timeout_seconds;      // overrides the bundle's
    std::vector<std::string> languages;           // the venue's offer and order; empty = the bundle's
    TextSize text_size = TextSize::Normal;        // what each visitor starts with
    std::optional<float> screen_dpi;              // when SDL reports the screen's DPI wrongly
    std::optional<float> screen_diagonal_inches;  // alternative to screen_dpi
    std::optional<OpeningHours> opening_hours;    // the screen sleeps outside them; none: always awake
    bool pixel_shift = true;                      // move everything drawn a few pixels, slowly (burn-in)
    Renderer renderer = Renderer::Automatic;      // [display] renderer = "auto" | "gpu" | "software"
    int volume_percent = 100;                     // narration and films; the system mixer still applies
    std::string venue;                            // where the kiosk stands, stamped on its feedback
    bool feedback = true;                         // record reactions, survey answers and engagement
    std::optional<std::filesystem::path> feedback_database;  // default: see default_state_folder()

    // Content packs (amanat pack install; docs/PACKS.md).
    std::optional<std::filesystem::path> packs_root;  // installed packs; default: state folder / "packs"
    std::vector<std::string> trusted_keys;            // Ed25519 public keys (base64) whose packs are accepted
    bool allow_unsigned_packs = false;                // development only: accept packs nobody signed
    std::optional<std::filesystem::path> pack_folder;  // also searched for packs, besides USB sticks
    long long pack_max_megabytes = 8192;               // an archive declaring more is refused (zip bombs)
    long long pack_max_files = 20000;                  // likewise for its number of files

    // The fleet (a touring exhibition's kiosks kept in step through Syncthing;
    // docs/FLEET.md): packs arrive in the inbox, feedback and health leave
    // through the outbox. Off while neither folder is set.
    std::optional<std::filesystem::path> fleet_inbox;  // *.amanat received (a receive-only synced folder)
    std::optional<std::filesystem::path>
        fleet_outbox;                      // what the kiosk publishes (a send-only synced folder)
    int fleet_publish_every_minutes = 15;  // and at closing time (opening_hours)

    // Staff mode (five taps in the top-left corner, then the PIN).
    std::optional<std::filesystem::path> staff_pin_file;  // default: state folder / "staff-pin"
    std::optional<std::filesystem::path> export_folder;   // offered for feedback exports, besides USB sticks

    // Speech mode for blind visitors: [speech], [speech.voices] and [keypad].
    SpeechSettings speech;
};

// Reads a config file. Problems go to `out` (file:line:column); a missing or
// broken setting keeps its default, so a typo never stops the kiosk.
KioskConfig load_kiosk_config(const std::filesystem::path& file, Diagnostics& out);

// Where this kiosk's packs are installed: the config's [packs] root, else the
// state folder's packs/ (/var/lib/amanat/packs on an installed kiosk). The kiosk,
// `amanat pack ...` and `amanat l10n check --config` all ask here.
std::filesystem::path packs_root_of(const KioskConfig& config);

}  // namespace amanat
