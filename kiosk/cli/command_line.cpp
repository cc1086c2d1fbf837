#include "cli/command_line.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <stdexcept>

#include "core/files/json_record.hpp"

namespace amanat::cli {
namespace {

// A mistake in the command line found while the values are read, in words for
// the user. CLI11 lets it through (it catches only its own ValidationError).
class UsageMistake : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// --help's tables: "  LABEL   explanation". A label wider than kWidestLabel gets a
// line of its own, so that one long label does not push every explanation right.
constexpr std::size_t kIndent = 2;
constexpr std::size_t kGap = 3;
constexpr std::size_t kWidestLabel = 24;

bool looks_like_option(const std::string& argument) {
    return argument.size() > 1 && argument[0] == '-';
}

std::string quoted(const std::string& text) {
    std::string out = "'";
    out += text;
    out += '\'';
    return out;
}

// What messages call an option: its first long name ("--output" of "-o,--output").
std::string option_name(const std::string& names) {
    std::string first;
    std::size_t start = 0;
    while (start <= names.size()) {
        const std::size_t comma = std::min(names.find(',', start), names.size());
        const std::string name = names.substr(start, comma - start);
        if (name.starts_with("--")) return name;
        if (first.empty()) first = name;
        start = comma + 1;
    }
    return first;
}

// "-o, --output FILE", "--discovery" (not its "--no-discovery").
std::string label_of(const CLI::Option& option) {
    std::string label;
    for (const std::string& name : option.get_snames()) {
        label += label.empty() ? "-" : ", -";
        label += name;
    }
    const auto& negations = option.get_fnames();
    for (const std::string& name : option.get_lnames()) {
        if (std::find(negations.begin(), negations.end(), name) != negations.end()) continue;
        label += label.empty() ? "--" : ", --";
        label += name;
    }
    if (option.get_items_expected_max() > 0) {
        label += ' ';
        label += option.get_type_name();
    }
    return label;
}

struct Row {
    std::string label;
    std::string text;
};

// Where the explanations start: after the widest label that stays on their line.
std::size_t column_for(const std::vector<Row>& rows) {
    std::size_t widest = 0;
    for (const Row& row : rows)
        if (row.label.size() <= kWidestLabel) widest = std::max(widest, row.label.size());
    return kIndent + widest + kGap;
}

// "  LABEL   text", the text's further lines under its first.
void append_row(std::string& out, const Row& row, std::size_t column) {
    out.append(kIndent, ' ');
    out += row.label;
    if (kIndent + row.label.size() + kGap > column) {
        out += '\n';
        out.append(column, ' ');
    } else {
        out.append(column - kIndent - row.label.size(), ' ');
    }
    std::size_t start = 0;
    while (start < row.text.size()) {
        const std::size_t end = std::min(row.text.find('\n', start), row.text.size());
        if (start > 0) out.append(column, ' ');
        out.append(row.text, start, end - start);
        out += '\n';
        start = end + 1;
    }
    if (row.text.empty()) out += '\n';
}

}  // namespace

Command::Command(const std::string& name, CommandText text, const std::string& version, const char* help)
    : m_program(std::make_unique<CLI::App>("", name)), m_app(*m_program), m_text(std::move(text)) {
    m_app.set_help_flag("-h,--help", help);
    m_app.set_version_flag("--version", name + ' ' + version, "print the version and exit");
    m_app.require_subcommand(1);
    // `amanat help`, as people type it.
    add("help", {.synopsis = "Usage: " + name + " help\n"}, [this](const Command&) {
        std::fputs(help_text().c_str(), stdout);
        return 0;
    });
}

Command::Command(CLI::App& app, Command& parent, CommandText text, Run run)
    : m_app(app), m_parent(&parent), m_text(std::move(text)), m_run(std::move(run)) {
    m_app.set_help_flag("-h,--help", "print this help");
}

Command::~Command() = default;

Command& Command::add(const std::string& name, CommandText text, Run run) {
    CLI::App& app = *m_app.add_subcommand(name);
    m_subcommands.push_back(
        std::unique_ptr<Command>(new Command(app, *this, std::move(text), std::move(run))));
    return *m_subcommands.back();
}

Command& Command::group(const std::string& name, CommandText text) {
    Command& group = add(name, std::move(text), {});
    group.m_app.require_subcommand(1);
    return group;
}

Command& Command::command(const std::string& name, CommandText text, Run run) {
    return add(name, std::move(text), std::move(run));
}

Command& Command::heading(const std::string& heading) {
    m_app.group(heading);
    return *this;
}

// --- options --------------------------------------------------------------------

void Command::add_switch(const std::string& names, const char* help,
                         std::function<void(std::int64_t)> turned) {
    CLI::Option* option = m_app.add_flag_function(names, std::move(turned), help != nullptr ? help : "");
    // CLI11 gives "true" or "false" for the names, or what followed '=': a switch
    // takes no value ("--json=maybe" would reach std::stoll).
    option->each([takes_none = option_name(names) + " takes no value"](const std::string& value) {
        if (value != "true" && value != "false") throw UsageMistake(takes_none);
    });
    if (help == nullptr) option->group("");
}

void Command::flag(const std::string& names, bool& target, const char* help) {
    add_switch(names, help, [&target](std::int64_t count) { target = count > 0; });
}

void Command::flag(const std::string& names, std::optional<bool>& target, const char* help) {
    // "--discovery --no-discovery" cancel out, leaving it as it was.
    add_switch(names, help, [&target](std::int64_t count) {
        if (count != 0) target = count > 0;
    });
}

CLI::Option& Command::add_value_option(const std::string& names, const char* value_name, const char* needs,
                                       const char* help, ReadValue read) {
    std::string needs_sentence = option_name(names);
    needs_sentence += " needs ";
    needs_sentence += needs;
    CLI::Option* option = m_app.add_option(
        names,
        [read = std::move(read), needs_sentence](const CLI::results_t& values) {
            for (const std::string& value : values) {
                if (value.empty()) throw UsageMistake(needs_sentence);
                // `--root --config FILE` forgot the folder: taking "--config" for it would hide that.
                std::string problem;
                if (looks_like_option(value) || !read(value, problem))
                    throw UsageMistake(problem.empty() ? needs_sentence + " (got " + quoted(value) + ")"
                                                       : problem);
            }
            return true;
        },
        help != nullptr ? help : "");
    option->type_name(value_name)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    if (help == nullptr) option->group("");
    m_needs[option] = needs;
    return *option;
}

void Command::value(const std::string& names, const char* value_name, const char* needs, const char* help,
                    ReadValue read) {
    add_value_option(names, value_name, needs, help, std::move(read)).expected(1);
}

void Command::values(const std::string& names, const char* value_name, const char* needs, const char* help,
                     ReadValue read) {
    add_value_option(names, value_name, needs, help, std::move(read)).expected(1, -1)->allow_extra_args(true);
}

void Command::operand(const std::string& name, std::string& target, const char* missing) {
    const CLI::Option* option = m_app.add_option(name, [&target, missing](const CLI::results_t& values) {
        if (values.front().empty()) throw UsageMistake(missing);
        target = values.front();
        return true;
    });
    m_required_operands.emplace_back(option, missing);
}

void Command::operands(const std::string& name, std::vector<std::string>& target) {
    m_app
        .add_option(name,
                    [&target](const CLI::results_t& values) {
                        target.insert(target.end(), values.begin(), values.end());
                        return true;
                    })
        ->expected(0, -1)
        ->allow_extra_args(true);
}

void Command::hint_for_unexpected_operands(const char* hint) {
    m_operand_hint = hint;
}

void Command::call_unknown_options_unexpected() {
    m_unknown_options_unexpected = true;
}

// --- running ----------------------------------------------------------------------

int Command::run(int argc, const char* const* argv) {
    try {
        m_app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        std::fputs(selected().help_text().c_str(), stdout);
        return 0;
    } catch (const CLI::CallForVersion& version) {
        std::printf("%s\n", version.what());
        return 0;
    } catch (const CLI::ParseError& error) {
        return report_parse_error(error, argc > 1 ? argv[argc - 1] : "");
    } catch (const UsageMistake& mistake) {
        return selected().usage_error(mistake.what());
    }
    const Command& command = selected();
    for (const auto& [operand, missing] : command.m_required_operands)
        if (operand->count() == 0) return command.usage_error(missing);
    return command.m_run(command);
}

const Command* Command::chosen_subcommand() const {
    const std::vector<CLI::App*> chosen = m_app.get_subcommands();
    for (const auto& subcommand : m_subcommands)
        if (!chosen.empty() && &subcommand->m_app == chosen.front()) return subcommand.get();
    return nullptr;
}

const Command& Command::selected() const {
    const Command* command = this;
    while (const Command* subcommand = command->chosen_subcommand()) command = subcommand;
    return *command;
}

int Command::report_parse_error(const CLI::ParseError& error, const std::string& last_argument) const {
    // An argument nobody took says most: an unknown option, a misspelt subcommand
    // (CLI11 finds a group's missing subcommand before it).
    for (const Command* command = this; command != nullptr; command = command->chosen_subcommand()) {
        const std::vector<std::string> left = command->m_app.remaining();
        if (!left.empty()) return command->usage_error(command->unexpected(left.front()));
    }
    const Command& command = selected();
    if (dynamic_cast<const CLI::RequiredError*>(&error) != nullptr && !command.m_subcommands.empty()) {
        std::fputs(command.help_text().c_str(), stderr);  // which subcommand? All of them
        return 2;
    }
    if (dynamic_cast<const CLI::ArgumentMismatch*>(&error) != nullptr) {
        // Only the last argument can lack its value: CLI11 takes the next one whatever it is.
        const std::string typed = last_argument.substr(0, last_argument.find('='));
        for (const auto& [option, needs] : command.m_needs)
            if (option->check_name(typed)) return command.usage_error(typed + " needs " + needs);
        return command.usage_error(typed + " needs a value");
    }
    return command.usage_error(error.what());
}

std::string Command::unexpected(const std::string& argument) const {
    if (looks_like_option(argument) && !m_unknown_options_unexpected)
        return std::string("unknown option ") + quoted(argument);
    if (!m_subcommands.empty())
        return std::string(m_parent != nullptr ? "unknown subcommand " : "unknown command ") +
               quoted(argument);
    std::string message = std::string("unexpected ") + quoted(argument);
    if (!m_operand_hint.empty()) {
        message += " (";
        message += m_operand_hint;
        message += ')';
    }
    return message;
}

std::string Command::name() const {
    return m_parent != nullptr ? m_parent->name() + ' ' + m_app.get_name() : m_app.get_name();
}

int Command::usage_error(const std::string& message) const {
    std::string text = name() + ": " + valid_utf8(message) + "\n\n";
    if (m_subcommands.empty())
        text += m_text.synopsis + "Run '" + name() + " --help' for more.\n";
    else
        text += help_text();  // what there is to choose from
    std::fputs(text.c_str(), stderr);
    return 2;
}

int Command::input_error(const std::string& message) const {
    std::fprintf(stderr, "%s: %s\n", name().c_str(), valid_utf8(message).c_str());
    return 1;
}

// --- help -----------------------------------------------------------------------

std::string Command::help_text() const {
    std::string out = m_text.synopsis;
    const auto section = [&out](const std::string& text) {
        if (text.empty()) return;
        out += '\n';
        out += text;
    };
    section(m_text.description);
    section(listing_text());
    const bool own_options = m_app
                                 .get_options([this](const CLI::Option* option) {
                                     return !option->get_positional() && option != m_app.get_help_ptr();
                                 })
                                 .size() > 0;
    if (m_run || own_options) section(std::string("Options:\n") + options_text());
    section(m_text.footer);
    return out;
}

// Every option in the order declared, -h, --help last.
std::string Command::options_text() const {
    std::vector<Row> rows;
    for (const CLI::Option* option : m_app.get_options()) {
        if (option->get_positional() || option->get_group().empty() || option == m_app.get_help_ptr())
            continue;
        rows.push_back({label_of(*option), option->get_description()});
    }
    if (const CLI::Option* help = m_app.get_help_ptr())
        rows.push_back({label_of(*help), help->get_description()});
    std::string out;
    const std::size_t column = column_for(rows);
    for (const Row& row : rows) append_row(out, row, column);
    return out;
}

// The subcommands under their headings ("Subcommands:", "On a kiosk:"), aligned as one table.
std::string Command::listing_text() const {
    std::vector<std::pair<std::string, std::vector<Row>>> headings;
    std::vector<Row> all;
    for (const auto& subcommand : m_subcommands) {
        if (subcommand->m_text.listing.empty()) continue;
        const std::string heading = subcommand->m_app.get_group();
        if (headings.empty() || headings.back().first != heading) headings.push_back({heading, {}});
        headings.back().second.push_back({subcommand->m_text.listing, subcommand->m_text.summary});
        all.push_back(headings.back().second.back());
    }
    std::string out;
    const std::size_t column = column_for(all);
    for (const auto& [heading, rows] : headings) {
        out += heading + ":\n";
        for (const Row& row : rows) append_row(out, row, column);
    }
    return out;
}

}  // namespace amanat::cli
