// Three real Syncthing processes on 127.0.0.1, an organisers' machine and two
// kiosks, set up only with `amanat fleet init` and paired only with `amanat
// fleet join` and `amanat fleet accept` (in both orders): packs reach both
// kiosks' inboxes, each kiosk's outbox reaches the organisers' collected/<kiosk>,
// a file made by hand in an inbox is never sent back, and pairing again changes
// nothing. Every wait is a condition polled with a deadline (files, REST).
//
//   fleet-three-machines AMANAT WORK_DIR
// Exit 77 when syncthing is not installed.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "syncthing/config_xml.hpp"
#include "syncthing/failure.hpp"
#include "syncthing/rest_client.hpp"
#include "syncthing/sync_wait.hpp"
#include "syncthing/syncthing_program.hpp"

extern char** environ;

namespace fs = std::filesystem;
namespace st = amanat::syncthing;
using Clock = std::chrono::steady_clock;

namespace {

[[noreturn]] void fail(const std::string& why) {
    std::string message = "FAIL: ";
    message += why;
    throw st::Failure(message);
}

// "127.0.0.1:PORT"
std::string loopback(int port) {
    std::string address = "127.0.0.1:";
    address += std::to_string(port);
    return address;
}

void expect(bool holds, const std::string& what) {
    if (!holds) fail(what);
}

// A port nothing listens on right now (the kernel's choice, on loopback).
int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), size) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0)
        fail("no free port");
    ::close(fd);
    return ntohs(address.sin_port);
}

// Runs a program to its end; its standard output, standard error in `errors`.
int run(const std::vector<std::string>& command, std::string& output, const fs::path& scratch) {
    std::vector<char*> argv;
    for (const std::string& arg : command) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    const std::string out_file = (scratch / "out.txt").string();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0600);
    pid_t child = 0;
    const int spawned = posix_spawn(&child, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) fail(command[0] + ": cannot run");
    int status = 0;
    ::waitpid(child, &status, 0);
    std::ifstream in(out_file);
    std::stringstream text;
    text << in.rdbuf();
    output = text.str();
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

struct Machine {
    std::string name;
    fs::path home;
    int listen_port = 0;
    int gui_port = 0;
    std::string id;
    pid_t pid = -1;
    std::unique_ptr<st::RestClient> api;
};

// The Syncthing processes, stopped however the test ends.
struct Processes {
    std::vector<Machine*> machines;
    ~Processes() {
        for (Machine* machine : machines)
            if (machine->pid > 0) ::kill(machine->pid, SIGTERM);
        for (Machine* machine : machines)
            if (machine->pid > 0) ::waitpid(machine->pid, nullptr, 0);
    }
};

std::string amanat_program;
fs::path work;

std::string fleet(const std::vector<std::string>& args) {
    std::vector<std::string> command{amanat_program, "fleet"};
    command.insert(command.end(), args.begin(), args.end());
    std::string output;
    const int status = run(command, output, work);
    std::string line = "amanat fleet";
    for (const std::string& arg : args) (line += ' ') += arg;
    std::printf("$ %s\n%s", line.c_str(), output.c_str());
    expect(status == 0, line + " exited " + std::to_string(status));
    return output;
}

void init(Machine& machine) {
    machine.listen_port = free_port();
    machine.gui_port = free_port();
    std::string listen = "tcp://127.0.0.1:";
    listen += std::to_string(machine.listen_port);
    const std::string gui = loopback(machine.gui_port);
    machine.id = fleet({"init", "--home", machine.home.string(), "--listen", listen, "--gui", gui});
    while (!machine.id.empty() && machine.id.back() == '\n') machine.id.pop_back();
    // Locked down before Syncthing ever starts with this home.
    const st::ConfigXml config = st::ConfigXml::read(machine.home / "config.xml");
    for (const char* off : {"globalAnnounceEnabled", "localAnnounceEnabled", "relaysEnabled", "natEnabled",
                            "crashReportingEnabled", "startBrowser"})
        expect(config.value("options", off) == "false",
               machine.name + ": " + off + " is not false after init");
    expect(config.value("options", "urAccepted") == "-1", "urAccepted is not -1 after init");
    expect(config.value("options", "autoUpgradeIntervalH") == "0",
           "autoUpgradeIntervalH is not 0 after init");
    expect(config.value("options", "listenAddress") == listen, "listenAddress is not " + listen);
    expect(config.value("gui", "address") == gui, "the GUI address is not " + gui);
}

void start(Machine& machine) {
    const std::string program = st::syncthing_program();
    std::string home = "--home=";
    home += machine.home.string();
    std::vector<char*> argv{const_cast<char*>(program.c_str()), const_cast<char*>("serve"),
                            const_cast<char*>(home.c_str()),    const_cast<char*>("--no-browser"),
                            const_cast<char*>("--no-restart"),  nullptr};
    const std::string log = (work / (machine.name + ".log")).string();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    if (posix_spawn(&machine.pid, program.c_str(), &actions, nullptr, argv.data(), environ) != 0)
        fail("cannot start syncthing");
    posix_spawn_file_actions_destroy(&actions);
    machine.api = std::make_unique<st::RestClient>(st::endpoint_of_home(machine.home));
}

// Every socket the Syncthing processes hold that listens (TCP LISTEN, or UDP
// not connected anywhere) is on 127.0.0.1: nothing reachable from the network,
// no LAN discovery.
void expect_loopback_only(const std::vector<Machine*>& machines) {
    // Syncthing 1.19 runs as several processes, even with --no-restart: a
    // monitor (the pid we started) and the Syncthing proper below it.
    std::multimap<std::string, std::string> children;
    for (const auto& process : fs::directory_iterator("/proc")) {
        std::ifstream stat(process.path() / "stat");
        std::string pid, name, state, parent;
        if (stat >> pid >> name >> state >> parent) children.emplace(parent, pid);
    }
    std::vector<std::string> pids;
    for (const Machine* machine : machines) pids.push_back(std::to_string(machine->pid));
    for (std::size_t i = 0; i < pids.size(); ++i) {
        const auto [begin, end] = children.equal_range(pids[i]);
        for (auto child = begin; child != end; ++child) pids.push_back(child->second);
    }
    std::set<std::string> inodes;
    for (const std::string& pid : pids) {
        std::error_code ec;
        for (const auto& fd : fs::directory_iterator(fs::path("/proc") / pid / "fd", ec)) {
            const std::string target = fs::read_symlink(fd.path(), ec).string();
            if (target.rfind("socket:[", 0) == 0) inodes.insert(target.substr(8, target.size() - 9));
        }
    }
    int listening = 0;
    for (const char* table : {"tcp", "tcp6", "udp", "udp6"}) {
        std::ifstream in(std::string("/proc/net/") + table);
        std::string line;
        std::getline(in, line);
        while (std::getline(in, line)) {
            std::istringstream fields(line);
            std::string slot, local, remote, state, queues, timer, retransmits, uid, timeout, inode;
            fields >> slot >> local >> remote >> state >> queues >> timer >> retransmits >> uid >> timeout >>
                inode;
            if (inodes.count(inode) == 0) continue;
            const bool tcp = table[0] == 't';
            const bool listens = tcp ? state == "0A" : remote.find_first_not_of("0:") == std::string::npos;
            if (!listens) continue;
            ++listening;
            expect(local.rfind("0100007F:", 0) == 0,
                   std::string("a Syncthing listens on ") + table + " " + local + ", not on 127.0.0.1");
        }
    }
    std::string counted = "expected 6 listening sockets (3 x GUI and sync), found ";
    counted += std::to_string(listening);
    counted += " among the ";
    counted += std::to_string(inodes.size());
    counted += " sockets of ";
    counted += std::to_string(pids.size());
    counted += " processes";
    expect(listening == 6, counted);
    std::printf("every listening socket of the three Syncthings is on 127.0.0.1\n");
}

void write_file(const fs::path& file, const std::string& text) {
    std::ofstream out(file);
    out << text;
}

std::string read_file(const fs::path& file) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

void wait_for_file(const fs::path& file, const std::string& text, Clock::time_point deadline) {
    while (!(fs::exists(file) && read_file(file) == text)) {
        expect(Clock::now() < deadline, "gave up waiting for " + file.string());
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    std::printf("arrived: %s\n", file.c_str());
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fputs("usage: fleet-three-machines AMANAT WORK_DIR\n", stderr);
        return 2;
    }
    if (st::syncthing_program().empty()) {
        std::fputs("SKIP: syncthing is not installed (packaging/install-deps installs it)\n", stderr);
        return 77;
    }
    amanat_program = fs::absolute(argv[1]).string();
    work = fs::absolute(argv[2]);
    fs::remove_all(work);
    fs::create_directories(work);
    Machine organisers;
    Machine kiosk1;
    Machine kiosk2;
    organisers.name = "organisers";
    kiosk1.name = "kiosk1";
    kiosk2.name = "kiosk2";
    for (Machine* machine : {&organisers, &kiosk1, &kiosk2})
        machine->home = work / machine->name / "syncthing";
    Processes processes{{&organisers, &kiosk1, &kiosk2}};
    try {
        const auto deadline = Clock::now() + std::chrono::seconds(90);
        for (Machine* machine : processes.machines) init(*machine);
        for (Machine* machine : processes.machines) start(*machine);
        for (Machine* machine : processes.machines)
            expect(machine->api->wait_until_answering(deadline),
                   machine->name + "'s Syncthing never answered");

        const fs::path packs = work / "organisers" / "packs";
        const fs::path collected = work / "organisers" / "collected";
        const auto join = [&](Machine& kiosk) {
            return fleet({"join", organisers.id, loopback(organisers.listen_port), "--home",
                          kiosk.home.string(), "--inbox", (kiosk.home.parent_path() / "inbox").string(),
                          "--outbox", (kiosk.home.parent_path() / "outbox").string()});
        };
        const auto accept_1 = [&] {
            return fleet({"accept", kiosk1.id, "--name", "venue-1", "--home", organisers.home.string(),
                          "--packs", packs.string(), "--collected", collected.string()});
        };
        const auto accept_2 = [&] {
            return fleet({"accept", kiosk2.id, "--address", loopback(kiosk2.listen_port), "--home",
                          organisers.home.string(), "--packs", packs.string(), "--collected",
                          collected.string()});
        };
        // Both orders: kiosk 1 joins before it is accepted, kiosk 2 after.
        join(kiosk1);
        accept_1();
        accept_2();
        join(kiosk2);
        expect_loopback_only(processes.machines);

        // Again: nothing to change, the same configuration.
        std::vector<nlohmann::json> before;
        for (Machine* machine : processes.machines) before.push_back(machine->api->get("/rest/config"));
        expect(join(kiosk1).find("nothing to change") != std::string::npos,
               "joining again changed something");
        expect(accept_1().find("nothing to change") != std::string::npos,
               "accepting again changed something");
        expect(accept_2().find("nothing to change") != std::string::npos,
               "accepting again changed something");
        expect(join(kiosk2).find("nothing to change") != std::string::npos,
               "joining again changed something");
        for (std::size_t i = 0; i < before.size(); ++i)
            expect(processes.machines[i]->api->get("/rest/config") == before[i],
                   processes.machines[i]->name + "'s configuration changed when paired again");

        // Packs out to both kiosks.
        write_file(packs / "tour-1.amanat", "pack one");
        wait_for_file(work / "kiosk1" / "inbox" / "tour-1.amanat", "pack one", deadline);
        wait_for_file(work / "kiosk2" / "inbox" / "tour-1.amanat", "pack one", deadline);
        st::wait_until_complete_on(*organisers.api, "amanat-packs", kiosk1.id, deadline);
        st::wait_until_complete_on(*organisers.api, "amanat-packs", kiosk2.id, deadline);

        // Outboxes back, each to its own folder.
        write_file(work / "kiosk1" / "outbox" / "status.json", "{\"kiosk\": 1}");
        write_file(work / "kiosk2" / "outbox" / "status.json", "{\"kiosk\": 2}");
        wait_for_file(collected / "venue-1" / "status.json", "{\"kiosk\": 1}", deadline);
        wait_for_file(collected / kiosk2.id.substr(0, 7) / "status.json", "{\"kiosk\": 2}", deadline);

        // A file made by hand in a kiosk's inbox stays there: the inbox is receive only.
        write_file(work / "kiosk1" / "inbox" / "by-hand.txt", "not for the organisers");
        kiosk1.api->post("/rest/db/scan?folder=amanat-packs", nlohmann::json());
        while (kiosk1.api->get("/rest/db/status?folder=amanat-packs").value("receiveOnlyChangedFiles", 0) <
               1) {
            expect(Clock::now() < deadline, "kiosk 1 never noticed the file made by hand in its inbox");
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        // A second pack after it, through the same connection: once it has
        // arrived and all is idle, anything kiosk 1 would send has been sent.
        write_file(packs / "tour-2.amanat", "pack two");
        wait_for_file(work / "kiosk1" / "inbox" / "tour-2.amanat", "pack two", deadline);
        st::wait_until_complete_on(*organisers.api, "amanat-packs", kiosk1.id, deadline);
        st::wait_until_folder_idle(*organisers.api, "amanat-packs", deadline);
        expect(!fs::exists(packs / "by-hand.txt"),
               "the file made by hand in kiosk 1's inbox reached the organisers");
        const nlohmann::json packs_status = organisers.api->get("/rest/db/status?folder=amanat-packs");
        expect(
            packs_status.value("globalFiles", -1) == 2,
            "the organisers' packs folder knows of other files than the two packs: " + packs_status.dump());
        expect(!fs::exists(work / "kiosk2" / "inbox" / "by-hand.txt"),
               "the file made by hand reached kiosk 2");
        std::printf("PASS: packs out, outboxes back, inboxes receive only, pairing idempotent\n");
        return 0;
    } catch (const st::Failure& failure) {
        std::fprintf(stderr, "%s\n(Syncthing's logs: %s/*.log)\n", failure.what(), work.c_str());
        return 1;
    }
}
