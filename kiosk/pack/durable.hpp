#pragma once

// File-system steps that survive a power cut, in the order that makes them
// safe: data made durable (fsync) before a name points at it, and the folder
// holding a new name made durable before anything relies on that name.
// Each function returns false with `error` = the reason (strerror text, or a
// sentence naming the path). Files are written by core/durable_file, the one
// way Amanat replaces a file; the functions here add the pack's crash points
// (crash_point.hpp) to it, and the steps only a pack install takes.

#include <filesystem>
#include <string>
#include <string_view>

namespace amanat::pack {

std::string errno_text(int error_number);

// Writes every byte (retrying short writes and EINTR): core's write_all.
bool write_all(int fd, std::string_view bytes, std::string& error);

// fsync on a folder, so that names created, renamed or removed in it are on
// disk (core's fsync_folder), then a crash point.
bool fsync_folder(const std::filesystem::path& folder, std::string& error);

// Asks the kernel to start writing a file's data now, without waiting
// (sync_file_range), so that fsync_tree() later finds little left to do.
void start_writeback(int fd);

// fsync on every file and folder under `folder` (deepest first) and on the
// folder itself: everything extracted is on disk afterwards. After
// start_writeback() on each file, the first fsync commits the journal for all
// of them and the rest mostly return at once, so this costs about one commit,
// and it does not wait for other programs' writes as syncfs would.
bool fsync_tree(const std::filesystem::path& folder, std::string& error);

// core's write_file_durably (a "~amanat-" temporary, fsync, rename, fsync of the
// folder) with a crash point after each step.
bool write_file_durably(const std::filesystem::path& file, std::string_view bytes, std::string& error);

// Points the symbolic link `link` at `target` in one step: "link.new" is made,
// the folder synced, then renamed over `link` and the folder synced again. At
// every moment `link` names the old target or the new one.
bool replace_link_durably(const std::filesystem::path& link, const std::string& target, std::string& error);

// The target of a symbolic link, or "" when `link` is not one.
std::string read_link(const std::filesystem::path& link);

}  // namespace amanat::pack
