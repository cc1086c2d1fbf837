#include "syncthing/config_xml.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "durable/durable_file.hpp"
#include "syncthing/failure.hpp"

namespace amanat::syncthing {
namespace {

// How many times `needle` occurs in text[begin, end), and where the first is.
std::size_t count_in(const std::string& text, std::string_view needle, std::size_t begin, std::size_t end,
                     std::size_t& first) {
    std::size_t count = 0;
    first = std::string::npos;
    for (std::size_t at = text.find(needle, begin); at != std::string::npos && at + needle.size() <= end;
         at = text.find(needle, at + needle.size())) {
        if (count++ == 0) first = at;
    }
    return count;
}

std::string tag(std::string_view opening, std::string_view name, std::string_view closing) {
    std::string t(opening);
    t += name;
    t += closing;
    return t;
}

}  // namespace

ConfigXml::ConfigXml(std::string text, std::filesystem::path file)
    : text_(std::move(text)), file_(std::move(file)) {}

ConfigXml ConfigXml::read(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        std::string message = "cannot read ";
        message += file.string();
        message += ": ";
        message += std::strerror(errno);
        if (errno == EACCES)
            message += " (run as the user Syncthing runs as: sudo -u amanat amanat fleet ..., or as root)";
        if (errno == ENOENT) message += " (no Syncthing home there yet: run 'amanat fleet init' first)";
        throw Failure(message);
    }
    std::stringstream text;
    text << in.rdbuf();
    return ConfigXml(text.str(), file);
}

void ConfigXml::write() const {
    DurableWriteOptions options;
    options.mode = 0600;
    // Root editing the service user's config.xml (sudo amanat fleet init) leaves it theirs.
    options.prepare = [this](int fd) {
        struct stat old {};
        if (::geteuid() == 0 && ::stat(file_.c_str(), &old) == 0 && ::fchown(fd, old.st_uid, old.st_gid) != 0)
            return errno;
        return 0;
    };
    std::string error;
    if (!write_file_durably(file_, text_, error, options)) throw Failure(error);
}

void ConfigXml::fail(const std::string& what) const {
    std::string message = file_.string();
    message += ": ";
    message += what;
    message +=
        " (is it a config.xml Syncthing 1.19 generated? 'amanat fleet init --home' on a new folder makes "
        "one)";
    throw Failure(message);
}

ConfigXml::Span ConfigXml::section_span(std::string_view section) const {
    std::size_t open_at = 0;
    // "<gui " or "<gui>": the name must end there ("<guide>" is another element).
    std::size_t with_attributes = 0;
    const std::size_t spaced = count_in(text_, tag("<", section, " "), 0, text_.size(), with_attributes);
    const std::size_t plain = count_in(text_, tag("<", section, ">"), 0, text_.size(), open_at);
    if (spaced + plain != 1)
        fail(tag("<", section, "> must be there once, found ") + std::to_string(spaced + plain));
    if (spaced == 1) open_at = with_attributes;
    std::size_t close_at = 0;
    if (count_in(text_, tag("</", section, ">"), open_at, text_.size(), close_at) != 1)
        fail(tag("</", section, "> must be there once, after <") + std::string(section) + ">");
    return {open_at, close_at};
}

ConfigXml::Span ConfigXml::value_span(std::string_view section, std::string_view element) const {
    const Span inside = section_span(section);
    std::size_t open_at = 0;
    std::size_t other = 0;
    const std::string open = tag("<", element, ">");
    const std::size_t found = count_in(text_, open, inside.begin, inside.end, open_at);
    const std::size_t odd = count_in(text_, tag("<", element, " "), inside.begin, inside.end, other) +
                            count_in(text_, tag("<", element, "/"), inside.begin, inside.end, other);
    if (found != 1 || odd != 0) {
        std::string what = "<";
        what += element;
        what += "> must be in <";
        what += section;
        what += "> exactly once, as <";
        what += element;
        what += ">value</";
        what += element;
        what += ">; found it ";
        what += std::to_string(found + odd);
        what += " times";
        fail(what);
    }
    const std::size_t begin = open_at + open.size();
    const std::size_t end = text_.find('<', begin);
    if (end == std::string::npos || text_.compare(end, element.size() + 3, tag("</", element, ">")) != 0)
        fail(tag("<", element, "> is not closed right after its value"));
    return {begin, end};
}

std::string ConfigXml::value(std::string_view section, std::string_view element) const {
    const Span span = value_span(section, element);
    return text_.substr(span.begin, span.end - span.begin);
}

void ConfigXml::set_value(std::string_view section, std::string_view element, std::string_view value) {
    if (value.find_first_of("<>&\"'") != std::string_view::npos) {
        std::string what = "refusing to write '";
        what += value;
        what += "' into <";
        what += element;
        what += ">: it holds one of < > & \" '";
        fail(what);
    }
    const Span span = value_span(section, element);
    text_.replace(span.begin, span.end - span.begin, value);
}

std::string ConfigXml::attribute(std::string_view section, std::string_view name) const {
    const Span span = section_span(section);
    const std::size_t tag_end = text_.find('>', span.begin);
    const std::string key = tag(" ", name, "=\"");
    const std::size_t at = text_.find(key, span.begin);
    if (at == std::string::npos || at > tag_end) return "";
    const std::size_t begin = at + key.size();
    const std::size_t end = text_.find('"', begin);
    return end == std::string::npos ? "" : text_.substr(begin, end - begin);
}

}  // namespace amanat::syncthing
