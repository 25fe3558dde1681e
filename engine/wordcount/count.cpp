#include "wordcount/count.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <memory>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace il::wordcount {

namespace {

// Byte -> its lower-case form if it belongs to a word, else 0.
constexpr std::array<char, 256> kWordByte = [] {
    std::array<char, 256> t{};
    for (int c = '0'; c <= '9'; ++c)
        t[c] = static_cast<char>(c);
    for (int c = 'a'; c <= 'z'; ++c)
        t[c] = static_cast<char>(c);
    for (int c = 'A'; c <= 'Z'; ++c)
        t[c] = static_cast<char>(c - 'A' + 'a');
    return t;
}();

// Counts the complete words of text[0, size) and returns how many bytes it
// consumed: all of them if `final`, else up to the start of the last word,
// which may go on in the next block.
std::size_t scan(char* text, std::size_t size, bool final, WordCounts& into) {
    std::size_t i = 0;
    std::size_t consumed = 0;
    while (i < size) {
        // Skip separators.
        while (i < size && kWordByte[static_cast<unsigned char>(text[i])] == 0)
            ++i;
        if (i == size) {
            consumed = size;
            break;
        }
        const std::size_t start = i;
        std::uint64_t h = WordCounts::kHashSeed;
        char c;
        while (i < size && (c = kWordByte[static_cast<unsigned char>(text[i])]) != 0) {
            text[i++] = c;
            h = (h ^ static_cast<unsigned char>(c)) * WordCounts::kHashPrime;
        }
        if (i == size && !final) {
            consumed = start; // the word may go on in the next block
            break;
        }
        into.add_hashed(std::string_view(text + start, i - start), h);
        consumed = i;
    }
    return consumed;
}

std::string os_reason(int err) {
    return std::system_category().message(err);
}

// Reads files through one reused buffer.
class FileCounter {
public:
    static constexpr std::size_t kBlock = 1 << 20;

    // Counts `path` into `result` (or lists it as skipped or failed).
    void count(const std::string& path, CountResult& result) {
        // O_NONBLOCK: opening a FIFO must not wait for a writer.
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
        if (fd < 0) {
            result.failed.push_back({path, os_reason(errno)});
            return;
        }
        struct stat st {};
        int err = ::fstat(fd, &st) != 0 ? errno : 0;
        if (err == 0 && S_ISDIR(st.st_mode))
            err = EISDIR;
        if (err != 0) {
            result.failed.push_back({path, os_reason(err)});
        } else if (!S_ISREG(st.st_mode)) {
            result.failed.push_back({path, "not a regular file"});
        } else {
            std::int64_t bytes = 0;
            err = read_all(fd, result.words, bytes);
            if (err == kBinary) {
                result.skipped.push_back(path);
            } else if (err != 0) {
                result.failed.push_back({path, os_reason(err)});
            } else {
                result.bytes += bytes;
                ++result.files_read;
            }
        }
        ::close(fd);
    }

private:
    static constexpr int kBinary = -1;

    // Counts straight into `words`. Binary files are found in the first block,
    // before anything is counted; a read error later (EIO: a failing disk)
    // leaves the words read so far counted, and the file listed as failed.
    int read_all(int fd, WordCounts& words, std::int64_t& bytes) {
        if (buffer_.size() < kBlock)
            buffer_.resize(kBlock);
        std::size_t carry = 0; // a word's beginning, moved to the front
        bool first = true;
        for (;;) {
            if (carry == buffer_.size())
                buffer_.resize(buffer_.size() * 2); // a word longer than a block
            const ssize_t n = ::read(fd, buffer_.data() + carry, buffer_.size() - carry);
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                return errno;
            }
            if (first) {
                const std::size_t probe = std::min<std::size_t>(kBinaryProbe, std::size_t(n));
                if (std::memchr(buffer_.data(), 0, probe) != nullptr)
                    return kBinary;
                first = false;
            }
            bytes += n;
            const std::size_t have = carry + std::size_t(n);
            const bool final = n == 0;
            const std::size_t used = scan(buffer_.data(), have, final, words);
            if (final)
                return 0;
            carry = have - used;
            std::memmove(buffer_.data(), buffer_.data() + used, carry);
        }
    }

    std::vector<char> buffer_;
};

} // namespace

void CountResult::merge(const CountResult& other) {
    words.merge(other.words);
    files_read += other.files_read;
    bytes += other.bytes;
    skipped.insert(skipped.end(), other.skipped.begin(), other.skipped.end());
    failed.insert(failed.end(), other.failed.begin(), other.failed.end());
}

void count_text(char* text, std::size_t size, WordCounts& into) {
    scan(text, size, true, into);
}

CountResult count_files(const std::vector<std::string>& paths,
                        const std::function<void()>& before_each) {
    CountResult result;
    FileCounter counter;
    for (const std::string& path : paths) {
        if (before_each)
            before_each();
        counter.count(path, result);
    }
    return result;
}

} // namespace il::wordcount
