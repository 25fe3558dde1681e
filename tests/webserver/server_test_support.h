// Shared by the server tests: a row per model, a server on the web-server
// router, and small probes of the process (threads) and the machine (a
// non-loopback address). Test helpers only.
#pragma once

#include "webserver/handler.h"
#include "webserver/server.h"

#include <QtTest>

#include <arpa/inet.h>
#include <filesystem>
#include <ifaddrs.h>
#include <netinet/in.h>

#include <memory>
#include <optional>
#include <string>

Q_DECLARE_METATYPE(il::webserver::Model)

namespace webserver_test {

using namespace il;
using namespace il::webserver;

inline std::unique_ptr<Server> start(Session& s, Model m, ServerOptions o = {}) {
    return start_server(s, m, make_router(), o);
}

inline int count(const std::string& text, const std::string& what) {
    int n = 0;
    for (std::size_t p = 0; (p = text.find(what, p)) != std::string::npos; p += what.size())
        ++n;
    return n;
}

inline std::size_t os_threads() {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator("/proc/self/task"))
        ++n;
    return n;
}

inline void add_model_rows() {
    QTest::addColumn<Model>("model");
    for (Model m : all_models())
        QTest::newRow(std::string(model_name(m)).c_str()) << m;
}

// A non-loopback IPv4 address of this machine, if it has one.
inline std::optional<std::string> other_address() {
    ifaddrs* list = nullptr;
    if (::getifaddrs(&list) != 0)
        return std::nullopt;
    std::optional<std::string> found;
    for (ifaddrs* i = list; i && !found; i = i->ifa_next)
        if (i->ifa_addr && i->ifa_addr->sa_family == AF_INET) {
            auto* a = reinterpret_cast<sockaddr_in*>(i->ifa_addr);
            if ((ntohl(a->sin_addr.s_addr) >> 24) != 127) {
                char text[INET_ADDRSTRLEN] = {};
                ::inet_ntop(AF_INET, &a->sin_addr, text, sizeof text);
                found = text;
            }
        }
    ::freeifaddrs(list);
    return found;
}

} // namespace webserver_test
