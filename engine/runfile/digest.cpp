#include "runfile/detail/digest.h"

#include <openssl/evp.h>

#include <stdexcept>

namespace il::runfile::detail {

std::array<unsigned char, 32> sha256(std::string_view bytes) {
    std::array<unsigned char, 32> out{};
    unsigned int n = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), out.data(), &n, EVP_sha256(), nullptr) != 1 ||
        n != out.size())
        throw std::runtime_error("SHA-256 is not available from OpenSSL");
    return out;
}

} // namespace il::runfile::detail
