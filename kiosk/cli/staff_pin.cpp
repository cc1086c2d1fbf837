#include "cli/staff_pin.hpp"

#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>

#include "cli/command_line.hpp"
#include "core/files/diagnostics.hpp"
#include "core/settings/kiosk_config.hpp"
#include "core/staff/staff_pin.hpp"

namespace amanat::cli {
namespace {

const CommandText kSetPinText{
    .listing = "set-pin",
    .summary = "set the staff PIN (4 to 8 digits)",
    .synopsis = "Usage: amanat staff set-pin [--pin-file FILE] [--config FILE]\n",
    .description =
        "Sets the PIN that opens the kiosk's staff mode, replacing any previous one. At a\n"
        "terminal the PIN is asked twice and not shown; otherwise the first line of standard\n"
        "input is the PIN (for scripts: echo 4826 | amanat staff set-pin). A PIN is 4 to 8\n"
        "digits. Only its Argon2id hash is kept, in a file only its owner can read; the\n"
        "kiosk reads it the next time someone opens staff mode, without a restart. A new PIN\n"
        "also clears the count of wrong PINs and any lockout (five wrong PINs in a row lock\n"
        "the PIN pad for five minutes).\n",
    .footer = "Exit status: 0 done, 1 the PIN or a file is wrong, 2 usage error.\n",
};

const CommandText kClearPinText{
    .listing = "clear-pin",
    .summary = "remove the staff PIN: staff mode off",
    .synopsis = "Usage: amanat staff clear-pin [--pin-file FILE] [--config FILE]\n",
    .description =
        "Removes the staff PIN, and with it the count of wrong PINs: the kiosk's staff mode\n"
        "is off (the corner taps do nothing) until a PIN is set again.\n",
    .footer = "Exit status: 0 done, 1 the PIN or a file is wrong, 2 usage error.\n",
};

// Where the PIN is kept: given, or named by the kiosk's config.
struct PinOptions {
    std::optional<std::filesystem::path> pin_file;
    std::optional<std::filesystem::path> config_file;
};

// The terminal's settings while the PIN is typed without echo, for the signal
// handler: Ctrl-C at the prompt must not leave the terminal silent.
struct termios g_saved_terminal;
volatile std::sig_atomic_t g_terminal_silenced = 0;

extern "C" void restore_terminal_and_stop(int signal_number) {
    if (g_terminal_silenced != 0) tcsetattr(STDIN_FILENO, TCSANOW, &g_saved_terminal);  // async-signal-safe
    std::signal(signal_number, SIG_DFL);
    raise(signal_number);
}

// One line from standard input, without its line end; nullopt at end of input
// with nothing read. Read byte by byte, so nothing beyond the line is consumed.
std::optional<std::string> read_line() {
    std::string line;
    for (;;) {
        char c = 0;
        const ssize_t got = ::read(STDIN_FILENO, &c, 1);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) return line.empty() ? std::nullopt : std::optional<std::string>(line);
        if (c == '\n') break;
        if (line.size() < 256) line.push_back(c);  // a PIN is 8 digits; the rest is a mistake
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

// Asks for a line at the terminal without echoing it. The echo goes off before
// the prompt appears, so nothing typed after the prompt is ever shown (or, with
// TCSAFLUSH, discarded: only what was typed before the prompt is).
std::optional<std::string> ask_silently(const char* prompt) {
    struct termios silent {};
    const bool silenced = tcgetattr(STDIN_FILENO, &g_saved_terminal) == 0;
    if (silenced) {
        struct sigaction action {};
        action.sa_handler = restore_terminal_and_stop;
        sigemptyset(&action.sa_mask);
        for (const int signal_number : {SIGINT, SIGTERM, SIGHUP, SIGQUIT})
            sigaction(signal_number, &action, nullptr);
        silent = g_saved_terminal;
        silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        silent.c_lflag |= ECHONL;  // the Enter still moves to the next line
        g_terminal_silenced = 1;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent);
    }
    std::fputs(prompt, stderr);
    std::fflush(stderr);
    std::optional<std::string> line = read_line();
    if (silenced) {
        tcsetattr(STDIN_FILENO, TCSADRAIN, &g_saved_terminal);
        g_terminal_silenced = 0;
    }
    return line;
}

// Overwrites a PIN in memory once it is no longer needed.
void forget(std::string& pin) {
    for (char& c : pin) *static_cast<volatile char*>(&c) = '\0';
    pin.clear();
}

// The PIN file `options` name; nullopt after saying why the config cannot tell (exit 1).
std::optional<std::filesystem::path> pin_file_from(const PinOptions& options, const Command& command,
                                                   int& status) {
    const auto& [pin_file, config_file] = options;
    if (pin_file) return pin_file;
    KioskConfig config;
    if (config_file) {
        Diagnostics problems;
        config = load_kiosk_config(*config_file, problems);
        if (problems.has_errors()) {
            // The kiosk would fall back to defaults, but a PIN written where the
            // config did not mean it to go is worse than none: fix the config first.
            problems.sort();
            for (const Diagnostic& problem : problems.items()) {
                if (problem.severity != Severity::Error) continue;
                std::fprintf(stderr, "%s:%d:%d: %s (%s)\n", problem.file.c_str(), problem.line,
                             problem.column, problem.message.c_str(), problem.fix.c_str());
            }
            status = command.input_error("the config " + config_file->string() +
                                         " has errors (above); fix them, or give --pin-file");
            return std::nullopt;
        }
    }
    return staff_pin_file(config);
}

int set_pin(const PinOptions& options, const Command& command) {
    int status = 0;
    const auto file = pin_file_from(options, command, status);
    if (!file) return status;

    std::string pin;
    if (::isatty(STDIN_FILENO)) {
        auto first = ask_silently("New staff PIN (4 to 8 digits): ");
        if (!first) return command.input_error("no PIN typed; nothing was changed");
        std::string problem;
        if (!is_valid_staff_pin(*first, problem)) {
            forget(*first);
            return command.input_error(problem + "; nothing was changed");
        }
        auto second = ask_silently("Type it again: ");
        const bool same = second && *second == *first;
        if (second) forget(*second);
        if (!same) {
            forget(*first);
            return command.input_error("the two PINs typed differ; nothing was changed");
        }
        pin = std::move(*first);
    } else {
        auto line = read_line();
        if (!line) return command.input_error("no PIN on standard input; nothing was changed");
        pin = std::move(*line);
    }

    std::string error;
    const bool stored = store_pin(*file, pin, error);
    forget(pin);
    if (!stored) return command.input_error(error);
    std::fprintf(stderr,
                 "The staff PIN is set (%s). On the kiosk: five taps in the top-left corner within three "
                 "seconds, then the PIN.\n",
                 file->c_str());
    return 0;
}

int clear_pin(const PinOptions& options, const Command& command) {
    int status = 0;
    const auto file = pin_file_from(options, command, status);
    if (!file) return status;
    bool removed = false;
    std::string error;
    if (!remove_pin(*file, removed, error)) return command.input_error(error);
    if (removed)
        std::fprintf(stderr, "The staff PIN is removed (%s): staff mode is off.\n", file->c_str());
    else
        std::fprintf(stderr, "No staff PIN was set (%s): staff mode was already off.\n", file->c_str());
    return 0;
}

// set-pin or clear-pin, with the options both take: --pin-file and --config.
void add_pin_command(Command& staff, const char* name, const CommandText& text,
                     int (*run)(const PinOptions&, const Command&)) {
    const auto options = std::make_shared<PinOptions>();
    Command& command =
        staff.command(name, text, [options, run](const Command& c) { return run(*options, c); });
    command.value("--pin-file", options->pin_file, "FILE", "a file name",
                  "where the kiosk finds the PIN (default: the config's [staff] pin_file,\n"
                  "else /var/lib/amanat/staff-pin when installed, or\n"
                  "$XDG_STATE_HOME/amanat/staff-pin for a developer's kiosk)");
    command.value("--config", options->config_file, "FILE", "a file name",
                  "the kiosk's config file (/etc/amanat/kiosk.toml when installed), to\n"
                  "find its [staff] pin_file");
}

}  // namespace

void add_staff(Command& program) {
    Command& staff = program.group(
        "staff",
        {.synopsis = "Usage: amanat staff SUBCOMMAND [ARGS...]\n",
         .description = "The kiosk's staff mode: five taps in the screen's top-left corner within three\n"
                        "seconds, then the staff PIN, open the staff screens (exporting feedback to a USB\n"
                        "stick...). With no PIN set, staff mode is off.\n",
         .footer = "Run 'amanat staff SUBCOMMAND --help' for each one's options.\n"});
    add_pin_command(staff, "set-pin", kSetPinText, set_pin);
    add_pin_command(staff, "clear-pin", kClearPinText, clear_pin);
}

}  // namespace amanat::cli
