// Test helpers for tests/download: a loopback server serving a
// DownloadSource, a scratch folder per test (which must be empty of
// temporary files afterwards), and a download with quick retries.
// Nothing here asserts timing.
#pragma once

#include "download/downloader.h"
#include "download/source.h"
#include "net/server.h"

#include <QTemporaryDir>

#include <filesystem>
#include <string>
#include <vector>

namespace download_test {

using namespace il;

inline net::Router router_for(const download::DownloadSource& source) {
    net::Router r;
    source.mount(r, "/file.bin");
    return r;
}

// A DownloadSource served at /file.bin.
struct Served {
    explicit Served(download::SourceOptions options, net::ServerOptions server_options = {})
        : source(options), server(router_for(source), server_options) {}
    std::string url() const { return server.url("/file.bin"); }
    std::vector<download::ServedRequest> gets() const {
        std::vector<download::ServedRequest> out;
        for (auto& r : source.requests())
            if (r.method == "GET")
                out.push_back(r);
        return out;
    }

    download::DownloadSource source;
    net::HttpServer server;
};

// The names of the files in `dir`, sorted.
inline std::vector<std::string> files_in(const std::string& dir) {
    std::vector<std::string> out;
    for (const auto& e : std::filesystem::directory_iterator(dir))
        out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

inline download::DownloadOptions options_for(const std::string& url, const std::string& output,
                                             int parts) {
    download::DownloadOptions o;
    o.url = url;
    o.output = output;
    o.parts = parts;
    o.retry_delay = std::chrono::milliseconds(1);
    o.client.timeout = std::chrono::seconds(10);
    return o;
}

} // namespace download_test
