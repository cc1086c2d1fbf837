#pragma once

// The one way `amanat` reads its command line. CLI11 parses (only command_line.cpp
// includes it); this says how every command behaves, so that each command only
// declares its options:
//  - `--help` prints the command's synopsis, description, options and footer on
//    standard output (exit 0);
//  - a mistake in the command line (an unknown option, a missing value or operand,
//    a value the option does not take) is "amanat pack build: MESSAGE" on stderr,
//    the usage after it, exit 2;
//  - the input being wrong is "amanat pack build: MESSAGE" alone, exit 1
//    (input_error(), for the commands themselves);
//  - every message is made valid UTF-8 (it may quote a file's name).

#include <charconv>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace CLI {
class App;
class Option;
class ParseError;
}  // namespace CLI

namespace amanat::cli {

// What a command's help says about it.
struct CommandText {
    std::string listing = {};      // in the parent's list of subcommands: "build DIR -o FILE" ("" not listed)
    std::string summary = {};      // beside it: what it does ('\n' continues it under itself)
    std::string synopsis = {};     // "Usage: amanat pack build ...\n", also shown after a usage error
    std::string description = {};  // the paragraphs between the synopsis and the options
    std::string footer = {};       // after the options: examples, exit status
};

// Checks and keeps one value given to an option. False when the option does not take
// it: with `problem` set, that is the usage error; left empty, the error is
// "OPTION needs WHAT (got 'VALUE')".
using ReadValue = std::function<bool(const std::string& value, std::string& problem)>;

// A whole number, `least` or more, spelt out by all of `text`; for ReadValue.
template <typename Number>
bool read_number(const std::string& text, Number least, Number& number) {
    Number read{};
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), read);
    if (error != std::errc{} || end != text.data() + text.size() || read < least) return false;
    number = read;
    return true;
}

class Command {
  public:
    // Runs the command once its command line is read: the exit status.
    using Run = std::function<int(const Command&)>;

    // The program itself (`amanat`); `help` describes its -h, --help.
    Command(const std::string& name, CommandText text, const std::string& version, const char* help);
    ~Command();
    Command(const Command&) = delete;
    Command& operator=(const Command&) = delete;

    // A command made of subcommands (`amanat pack`): one of them must be given.
    Command& group(const std::string& name, CommandText text);
    // A command that does something (`amanat pack build`).
    Command& command(const std::string& name, CommandText text, Run run);
    // The heading the parent's help lists this command under (default "Subcommands").
    Command& heading(const std::string& heading);

    // Options. `names` as CLI11 takes them: "-o,--output". `help` is the text beside
    // the option in --help ('\n' continues it under itself); nullptr hides the option.

    // A switch: "--json". "--discovery,!--no-discovery" is one that can be turned off
    // again; left unset when not given.
    void flag(const std::string& names, bool& target, const char* help);
    void flag(const std::string& names, std::optional<bool>& target, const char* help);
    // An option with one value, which may be given again (each value is read, in
    // order). `value_name` is what --help calls it ("DIR"), `needs` what a mistake
    // says it needs ("--root needs a folder").
    void value(const std::string& names, const char* value_name, const char* needs, const char* help,
               ReadValue read);
    // The same, kept in `target` (the last one given).
    template <typename Target>
    void value(const std::string& names, Target& target, const char* value_name, const char* needs,
               const char* help) {
        value(names, value_name, needs, help, [&target](const std::string& given, std::string&) {
            target = given;
            return true;
        });
    }
    // An option taking every value up to the next option: "--db FILE...".
    void values(const std::string& names, const char* value_name, const char* needs, const char* help,
                ReadValue read);
    // An operand: "BUNDLE_DIR". Missing (or empty), it is a usage error saying `missing`.
    void operand(const std::string& name, std::string& target, const char* missing);
    // Any number of operands (the command checks how many it got).
    void operands(const std::string& name, std::vector<std::string>& target);

    // A command whose options stand beside operands the user may forget to name
    // (--db FILE...) says how to give them after "unexpected 'FILE'": `hint`.
    void hint_for_unexpected_operands(const char* hint);
    // `amanat l10n check` has always said "unexpected '--x'" for an unknown option too.
    void call_unknown_options_unexpected();

    // Reads the command line, then runs the command it names. The exit status.
    int run(int argc, const char* const* argv);

    // "amanat pack build".
    std::string name() const;
    // For the commands: a mistake in the command line found by the command itself
    // (exit 2, with the usage), or the input being wrong (exit 1).
    int usage_error(const std::string& message) const;
    int input_error(const std::string& message) const;

  private:
    Command(CLI::App& app, Command& parent, CommandText text, Run run);
    Command& add(const std::string& name, CommandText text, Run run);

    void add_switch(const std::string& names, const char* help, std::function<void(std::int64_t)> turned);
    CLI::Option& add_value_option(const std::string& names, const char* value_name, const char* needs,
                                  const char* help, ReadValue read);
    const Command* chosen_subcommand() const;  // the one on the command line, if any
    const Command& selected() const;           // the last command named: the one that runs
    int report_parse_error(const CLI::ParseError& error, const std::string& last_argument) const;
    std::string unexpected(const std::string& argument) const;
    std::string help_text() const;
    std::string options_text() const;
    std::string listing_text() const;

    std::unique_ptr<CLI::App> m_program;  // only the program's own Command holds the CLI11 tree
    CLI::App& m_app;
    Command* m_parent = nullptr;
    CommandText m_text;
    Run m_run;
    std::vector<std::unique_ptr<Command>> m_subcommands;
    std::map<const CLI::Option*, std::string> m_needs;  // what each option's value is, for messages
    std::vector<std::pair<const CLI::Option*, std::string>> m_required_operands;  // and what to say
    std::string m_operand_hint;
    bool m_unknown_options_unexpected = false;
};

}  // namespace amanat::cli
