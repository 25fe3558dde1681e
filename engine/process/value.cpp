#include "process/value.h"

namespace il::process::detail {

namespace {
constexpr std::size_t kAlign = 8; // every element naturally aligned for atomic_ref

// The elements, rounded up to 8 bytes, then the shared counter.
std::size_t segment_size(std::size_t count, std::size_t elem) {
    return (count * elem + kAlign - 1) / kAlign * kAlign + sizeof(std::int64_t);
}
std::size_t extra_offset(std::size_t count, std::size_t elem) {
    return segment_size(count, elem) - sizeof(std::int64_t);
}
} // namespace

std::atomic_ref<std::int64_t> SharedNumbers::extra() const {
    return std::atomic_ref<std::int64_t>(*reinterpret_cast<std::int64_t*>(
        static_cast<char*>(shm_.data()) + extra_offset(count_, elem_size_)));
}

SharedNumbers::SharedNumbers(Session& session, std::string name, std::size_t count,
                             std::size_t elem_size, bool lock)
    : session_(session), count_(count), elem_size_(elem_size) {
    if (count == 0)
        throw ValueError("shared array '" + name + "' needs at least one element");
    shm_ = SharedMemory::create(segment_size(count, elem_size), "a shared Value/Array");
    if (lock)
        lock_ = std::make_unique<Lock>(session, name + ".lock");
    id_ = session.registry().add_object(trace::ObjectKind::SharedMemory, std::move(name),
                                        static_cast<std::int64_t>(count));
}

SharedNumbers::SharedNumbers(Session& session, const Shareable& sh, std::string_view kind,
                             std::size_t elem_size)
    : session_(session), elem_size_(elem_size) {
    if (sh.kind != kind || sh.ints.size() != 4 || sh.fds.empty())
        throw ValueError("not a shared " + std::string(kind) + ": " + sh.kind);
    if (static_cast<std::size_t>(sh.ints[2]) != elem_size)
        throw ValueError("shared " + std::string(kind) + " element size mismatch: made with " +
                         std::to_string(sh.ints[2]) + " bytes, attached as " +
                         std::to_string(elem_size));
    id_ = static_cast<trace::ObjectId>(sh.ints[0]);
    count_ = static_cast<std::size_t>(sh.ints[1]);
    shm_ = SharedMemory::attach(sh.fds[0], segment_size(count_, elem_size), "a shared Value/Array");
    if (sh.ints[3] != 0) {
        if (sh.fds.size() != 2)
            throw ValueError("shared " + std::string(kind) + " lost its lock's descriptor");
        lock_ = std::make_unique<Lock>(
            session, Shareable{std::string(Lock::kShareKind), {sh.ints[3]}, {sh.fds[1]}});
    }
}

Shareable SharedNumbers::share(std::string_view kind) const {
    Shareable s{std::string(kind),
                {id_, static_cast<std::int64_t>(count_), static_cast<std::int64_t>(elem_size_), 0},
                {shm_.fd()}};
    if (lock_) {
        Shareable l = lock_->share();
        s.ints[3] = l.ints[0];
        s.fds.push_back(l.fds[0]);
    }
    return s;
}

Lock& SharedNumbers::get_lock() const {
    if (!lock_)
        throw RuntimeError("'" + session_.registry().object(id_).name +
                           "' was made with lock=false: it has no lock");
    return *lock_;
}

} // namespace il::process::detail
