// SHA-256 with OpenSSL's EVP interface (libcrypto, linked privately to the
// engine): incremental hashing, and the digest of a file or of a Body read
// straight from its generator (so a served file's expected digest is
// computed without the download it checks). Digests are lower-case hex.
// A Sha256 is not thread-safe; the functions are.
#pragma once

#include "net/message.h"

#include <memory>
#include <stop_token>
#include <string>
#include <string_view>

namespace il::download {

class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    void update(std::string_view bytes);
    // The digest of everything so far; the object then starts over.
    std::string hex_digest();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

std::string sha256_hex(std::string_view bytes);
// The digest of the file at `path`. Throws std::runtime_error naming the
// path when it cannot be read, il::Cancelled once `stop` is requested
// (checked every MiB: a GiB takes seconds).
std::string sha256_of_file(const std::string& path, std::stop_token stop = {});
std::string sha256_of_body(const net::Body& body, std::stop_token stop = {});

// True for 64 hex digits (any case): what an expected digest must look like.
bool is_sha256_hex(std::string_view text);

} // namespace il::download
