#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

namespace amanat {

// Reads a whole file of at most `max_bytes` staff gave by name (a manifest, a
// story, kiosk.toml), never blocking: a named pipe, a device, a socket or a
// folder in its place is refused at once, as is a file larger than `max_bytes`
// (core/files/regular_file says how). On failure `problem` says why, as the end of a
// sentence naming the file ("it is a named pipe (FIFO), not a regular file").
bool read_small_file(const std::filesystem::path& file, std::size_t max_bytes, std::string& content,
                     std::string& problem);

}  // namespace amanat
