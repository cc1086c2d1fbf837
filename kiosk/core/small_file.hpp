#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

namespace amanat {

// Reads a whole file of at most `max_bytes` staff gave by name (a manifest, a
// story, kiosk.toml), never blocking: a named pipe, a device, a socket or a
// folder in its place is refused at once (it is opened without blocking and
// checked on the descriptor that is then read, so the check and the read see
// the same file), as is a file larger than `max_bytes`. On failure `problem`
// says why, as the end of a sentence naming the file ("it is a named pipe
// (FIFO), not a file").
bool read_small_file(const std::filesystem::path& file, std::size_t max_bytes, std::string& content,
                     std::string& problem);

}  // namespace amanat
