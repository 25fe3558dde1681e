// Test helpers for tests/net: a raw TCP client that sends exact bytes and
// reads what comes back, and a raw one-connection-at-a-time TCP server that
// answers with scripted bytes (to feed the clients replies our own server
// never sends: malformed, cut short, read-until-close, none at all).
// Every read has a hang guard; nothing here asserts timing.
#pragma once

#include "net/loopback_port.h" // free_port

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <thread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace net_test {

using namespace std::chrono_literals;

// A hang guard, not a performance bound.
inline constexpr auto kPatience = std::chrono::seconds(10);

template <class Pred> bool eventually(Pred pred) {
    auto end = std::chrono::steady_clock::now() + kPatience;
    while (!pred()) {
        if (std::chrono::steady_clock::now() > end)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return true;
}

inline int connect_loopback(std::uint16_t port) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
        ::close(fd);
        throw std::runtime_error("test: cannot connect");
    }
    return fd;
}

inline void send_all(int fd, const std::string& s) {
    std::size_t off = 0;
    while (off < s.size()) {
        ssize_t n = ::send(fd, s.data() + off, s.size() - off, MSG_NOSIGNAL);
        if (n <= 0)
            return;
        off += static_cast<std::size_t>(n);
    }
}

// Reads until the peer closes (or kPatience passes).
inline std::string read_to_close(int fd) {
    std::string out;
    char buf[4096];
    auto end = std::chrono::steady_clock::now() + kPatience;
    while (std::chrono::steady_clock::now() < end) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0)
            continue;
        ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0)
            break;
        out.append(buf, static_cast<std::size_t>(n));
    }
    return out;
}

// Reads until `text` occurs `times` times in what arrived (or the peer closes).
inline std::string read_until(int fd, const std::string& text, int times = 1) {
    std::string out;
    char buf[4096];
    auto count = [&] {
        int c = 0;
        for (std::size_t p = 0; (p = out.find(text, p)) != std::string::npos; p += text.size())
            ++c;
        return c;
    };
    auto end = std::chrono::steady_clock::now() + kPatience;
    while (count() < times && std::chrono::steady_clock::now() < end) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0)
            continue;
        ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0)
            break;
        out.append(buf, static_cast<std::size_t>(n));
    }
    return out;
}

// Sends `request` on a new connection and returns everything until close.
inline std::string exchange(std::uint16_t port, const std::string& request) {
    int fd = connect_loopback(port);
    send_all(fd, request);
    std::string r = read_to_close(fd);
    ::close(fd);
    return r;
}

// A scripted server: for each accepted connection, reads a request head
// (up to the blank line) and calls `answer(fd, connection_number)`, which
// writes whatever it likes; the connection is closed when it returns
// (unless it returns true: keep it for the next request).
class RawServer {
public:
    explicit RawServer(std::function<bool(int fd, int n)> answer) : answer_(std::move(answer)) {
        listen_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        int one = 1;
        ::setsockopt(listen_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(listen_, reinterpret_cast<sockaddr*>(&a), sizeof a);
        ::listen(listen_, 16);
        socklen_t len = sizeof a;
        ::getsockname(listen_, reinterpret_cast<sockaddr*>(&a), &len);
        port_ = ntohs(a.sin_port);
        thread_ = std::thread([this] { run(); });
    }
    ~RawServer() {
        stop_ = true;
        thread_.join();
        ::close(listen_);
    }
    std::uint16_t port() const { return port_; }
    std::string url(const std::string& path = "/") const {
        return "http://127.0.0.1:" + std::to_string(port_) + path;
    }
    int connections() const { return connections_; }

private:
    void run() {
        while (!stop_) {
            pollfd p{listen_, POLLIN, 0};
            if (::poll(&p, 1, 50) <= 0)
                continue;
            int fd = ::accept4(listen_, nullptr, nullptr, SOCK_CLOEXEC);
            if (fd < 0)
                continue;
            const int n = ++connections_;
            bool keep = true;
            while (keep && !stop_) {
                std::string head;
                char c;
                while (!stop_ && head.find("\r\n\r\n") == std::string::npos) {
                    pollfd q{fd, POLLIN, 0};
                    if (::poll(&q, 1, 50) <= 0)
                        continue;
                    if (::recv(fd, &c, 1, 0) <= 0)
                        break;
                    head += c;
                }
                if (head.find("\r\n\r\n") == std::string::npos)
                    break;
                keep = answer_(fd, n);
            }
            ::close(fd);
        }
    }

    std::function<bool(int, int)> answer_;
    int listen_ = -1;
    std::uint16_t port_ = 0;
    std::atomic<bool> stop_{false};
    std::atomic<int> connections_{0};
    std::thread thread_;
};

} // namespace net_test
