#include "syncthing/syncthing_program.hpp"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "syncthing/failure.hpp"

extern char** environ;

namespace amanat::syncthing {
namespace {

// Reads both pipes until both are closed, so a child filling one of them can
// never block on it while we wait on the other.
void drain(int out_fd, int err_fd, std::string& out, std::string& err) {
    pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
    int open = 2;
    char buffer[4096];
    while (open > 0) {
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            return;
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || fds[i].revents == 0) continue;
            const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) {
                fds[i].fd = -1;
                --open;
            } else {
                (i == 0 ? out : err).append(buffer, static_cast<std::size_t>(n));
            }
        }
    }
}

}  // namespace

std::string syncthing_program() {
    if (const char* chosen = std::getenv("AMANAT_SYNCTHING"); chosen != nullptr && chosen[0] != '\0')
        return chosen;
    const char* path = std::getenv("PATH");
    std::string folders = path != nullptr ? path : "/usr/bin:/bin";
    for (std::size_t begin = 0; begin <= folders.size();) {
        std::size_t end = folders.find(':', begin);
        if (end == std::string::npos) end = folders.size();
        std::string candidate = folders.substr(begin, end - begin);
        candidate += "/syncthing";
        if (end > begin && ::access(candidate.c_str(), X_OK) == 0) return candidate;
        begin = end + 1;
    }
    return "";
}

std::string run_syncthing(const std::vector<std::string>& arguments) {
    const std::string program = syncthing_program();
    if (program.empty())
        throw Failure(
            "syncthing is not installed (apt install syncthing; packaging/install-deps installs it)");
    std::vector<char*> argv{const_cast<char*>(program.c_str())};
    for (const std::string& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);

    int out[2];
    int err[2];
    if (::pipe2(out, O_CLOEXEC) != 0) throw Failure("cannot run syncthing: no pipe");
    if (::pipe2(err, O_CLOEXEC) != 0) {
        ::close(out[0]);
        ::close(out[1]);
        throw Failure("cannot run syncthing: no pipe");
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, err[1], STDERR_FILENO);
    pid_t child = 0;
    const int spawned = posix_spawn(&child, program.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);
    ::close(err[1]);
    std::string output;
    std::string errors;
    if (spawned == 0) drain(out[0], err[0], output, errors);
    ::close(out[0]);
    ::close(err[0]);
    std::string command = program;
    for (const std::string& argument : arguments) (command += ' ') += argument;
    if (spawned != 0) {
        std::string message = "cannot run ";
        message += command;
        message += ": ";
        message += std::strerror(spawned);
        throw Failure(message);
    }
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::string message = command;
        message += " failed: ";
        message += errors.empty() ? output : errors;
        while (!message.empty() && message.back() == '\n') message.pop_back();
        throw Failure(message);
    }
    return output;
}

std::string device_id_of_home(const std::filesystem::path& home) {
    std::string id = run_syncthing({"--home", home.string(), "--device-id"});
    while (!id.empty() && (id.back() == '\n' || id.back() == '\r')) id.pop_back();
    return id;
}

}  // namespace amanat::syncthing
