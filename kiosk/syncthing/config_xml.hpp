#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace amanat::syncthing {

// Syncthing's config.xml, read and changed as text, one element value at a time.
//
// Why text and not an XML library: we change a handful of values in the file
// Syncthing itself just generated (before its first start; afterwards its REST
// API is the only way in, see rest_client.hpp), and the rest of the file must
// stay exactly as Syncthing wrote it. Every element is looked up inside its
// section (<options>, <gui>) and must be there exactly once, as a plain
// <name>value</name>: anything else (missing, repeated, with attributes) is a
// Failure naming the file and the element, never a guess.
class ConfigXml {
  public:
    ConfigXml(std::string text, std::filesystem::path file);

    // Reads the file; a Failure says why it cannot be (missing, not readable...).
    static ConfigXml read(const std::filesystem::path& file);
    // Replaces the file (a temporary file, fsynced, renamed over it; mode 0600,
    // as Syncthing keeps it: it holds the API key).
    void write() const;

    // The value of <element> in the section <section ...>...</section>.
    std::string value(std::string_view section, std::string_view element) const;
    // Sets it; a value holding XML's special characters (<>&"') is refused.
    void set_value(std::string_view section, std::string_view element, std::string_view value);
    // The value of an attribute of the section's opening tag (<gui tls="false">).
    std::string attribute(std::string_view section, std::string_view name) const;

    const std::string& text() const { return text_; }
    const std::filesystem::path& file() const { return file_; }

  private:
    struct Span {
        std::size_t begin;
        std::size_t end;
    };
    Span section_span(std::string_view section) const;  // from its opening tag to its closing tag
    Span value_span(std::string_view section, std::string_view element) const;
    [[noreturn]] void fail(const std::string& what) const;

    std::string text_;
    std::filesystem::path file_;
};

}  // namespace amanat::syncthing
