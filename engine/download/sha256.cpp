#include "download/sha256.h"

#include "run/errors.h"

#include <openssl/evp.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

namespace il::download {

namespace {

constexpr std::size_t kBlock = 1 << 20; // read and hash a MiB at a time

[[noreturn]] void crypto_failed(const char* what) {
    throw std::runtime_error(std::string("SHA-256 (OpenSSL): ") + what + " failed");
}

} // namespace

struct Sha256::Impl {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    Impl() {
        if (!ctx)
            crypto_failed("EVP_MD_CTX_new");
        reset();
    }
    ~Impl() { EVP_MD_CTX_free(ctx); }
    void reset() {
        if (EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr) != 1)
            crypto_failed("EVP_DigestInit_ex");
    }
};

Sha256::Sha256() : impl_(std::make_unique<Impl>()) {}
Sha256::~Sha256() = default;

void Sha256::update(std::string_view bytes) {
    if (!bytes.empty() && EVP_DigestUpdate(impl_->ctx, bytes.data(), bytes.size()) != 1)
        crypto_failed("EVP_DigestUpdate");
}

std::string Sha256::hex_digest() {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    if (EVP_DigestFinal_ex(impl_->ctx, md, &n) != 1)
        crypto_failed("EVP_DigestFinal_ex");
    impl_->reset();
    static constexpr char digits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(2 * n);
    for (unsigned i = 0; i < n; ++i) {
        hex += digits[md[i] >> 4];
        hex += digits[md[i] & 15];
    }
    return hex;
}

std::string sha256_hex(std::string_view bytes) {
    Sha256 h;
    h.update(bytes);
    return h.hex_digest();
}

std::string sha256_of_file(const std::string& path, std::stop_token stop) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throw std::runtime_error("cannot read '" + path + "': " + std::strerror(errno));
    Sha256 h;
    std::vector<char> buf(kBlock);
    for (;;) {
        if (stop.stop_requested()) {
            ::close(fd);
            throw Cancelled();
        }
        const ssize_t n = ::read(fd, buf.data(), buf.size());
        if (n == 0)
            break;
        if (n < 0) {
            if (errno == EINTR)
                continue;
            const int e = errno;
            ::close(fd);
            throw std::runtime_error("cannot read '" + path + "': " + std::strerror(e));
        }
        h.update(std::string_view(buf.data(), static_cast<std::size_t>(n)));
    }
    ::close(fd);
    return h.hex_digest();
}

std::string sha256_of_body(const net::Body& body, std::stop_token stop) {
    Sha256 h;
    std::vector<char> buf(kBlock);
    for (std::uint64_t at = 0; at < body.size();) {
        if (stop.stop_requested())
            throw Cancelled();
        const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(kBlock, body.size() - at));
        body.read(at, buf.data(), n);
        h.update(std::string_view(buf.data(), n));
        at += n;
    }
    return h.hex_digest();
}

bool is_sha256_hex(std::string_view text) {
    if (text.size() != 64)
        return false;
    for (char c : text)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
            return false;
    return true;
}

} // namespace il::download
