// multiprocessing.Value and multiprocessing.Array: numbers in shared memory,
// with an optional process Lock (lock=true, the default) that get_lock()
// returns; lock=false gives a raw one (get_lock() raises il::RuntimeError).
//
// T is an arithmetic type of at most 8 bytes (Python's 'i', 'q', 'd', ...).
// Each element access is atomic on its own (std::atomic_ref: no undefined
// behaviour), so `v.set(v.get() + 1)` races exactly like Python's
// `v.value += 1`: the lost updates are real and counted. Value records each
// get() as Read (a = value) and each set() as Write (a = value, b = updates it
// erased: the value it replaced minus what this lane last read or wrote;
// negative when a stale write had rolled it back, as sync::SharedVariable) on an
// ObjectKind::SharedMemory object; Array records nothing per element (its
// object names it in the trace; its lock records as usual).
// Pass to a child with share(); there ctx.object<process::Value<T>>(i).
// Thread-safe.
#pragma once

#include "process/detail/shm.h"
#include "process/lock.h"
#include "process/shareable.h"
#include "run/errors.h"
#include "run/session.h"
#include "trace/record.h"

#include <algorithm>
#include <atomic>
#include <climits>
#include <cmath>
#include <memory>
#include <mutex>
#include <string>
#include <type_traits>
#include <unordered_map>

namespace il::process {

namespace detail {

// What Value and Array share: the segment, the element count, the lock.
class SharedNumbers {
public:
    SharedNumbers(Session& session, std::string name, std::size_t count, std::size_t elem_size,
                  bool lock);
    SharedNumbers(Session& session, const Shareable& sh, std::string_view kind,
                  std::size_t elem_size);
    Shareable share(std::string_view kind) const;
    Lock& get_lock() const;
    bool has_lock() const { return lock_ != nullptr; }
    void* data() const { return shm_.data(); }
    // A counter after the elements, shared by every process (Value's erased updates).
    std::atomic_ref<std::int64_t> extra() const;
    std::size_t count() const { return count_; }
    trace::ObjectId id() const { return id_; }
    Session& session() const { return session_; }

private:
    Session& session_;
    trace::ObjectId id_ = 0;
    std::size_t count_ = 0;
    std::size_t elem_size_ = 0;
    SharedMemory shm_;
    std::unique_ptr<Lock> lock_;
};

template <class T> std::int64_t as_record_value(T v) {
    if constexpr (std::is_floating_point_v<T>)
        return std::isfinite(v) ? static_cast<std::int64_t>(std::llround(v)) : 0;
    else
        return static_cast<std::int64_t>(v);
}

} // namespace detail

template <class T> class Value {
    static_assert(std::is_arithmetic_v<T> && sizeof(T) <= 8, "Value holds a number");

public:
    static constexpr std::string_view kShareKind = "value";

    Value(Session& session, std::string name, T initial = T{}, bool lock = true)
        : core_(session, std::move(name), 1, sizeof(T), lock) {
        ref().store(initial);
    }
    Value(Session& session, const Shareable& sh) : core_(session, sh, kShareKind, sizeof(T)) {}

    // Python's `v.value` (read): recorded as Read.
    T get() {
        T v = ref().load();
        core_.session().recorder().record(trace::Kind::Read, core_.id(),
                                          detail::as_record_value(v));
        std::lock_guard g(mutex_);
        last_read_[core_.session().recorder().current_lane()] = v;
        return v;
    }
    // Python's `v.value = x`: recorded as Write with the updates it erased.
    void set(T v) {
        const T old = ref().exchange(v);
        const trace::LaneId me = core_.session().recorder().current_lane();
        std::int64_t erased = 0;
        {
            std::lock_guard g(mutex_);
            auto it = last_read_.find(me);
            // Negative when another process's stale write had rolled the value
            // back; keeping the sign makes the sum exactly expected - final.
            if (it != last_read_.end())
                erased = detail::as_record_value(old) - detail::as_record_value(it->second);
            last_read_[me] = v;
        }
        core_.extra().fetch_add(erased);
        core_.session().recorder().record(
            trace::Kind::Write, core_.id(), detail::as_record_value(v),
            static_cast<std::int32_t>(std::clamp<std::int64_t>(erased, INT32_MIN, INT32_MAX)));
    }
    // Unrecorded, for outcome checks.
    T load() const { return ref().load(); }
    // Updates erased by stale writes so far, summed over every process (the
    // sum of the Write records' b, even when the event budget dropped some).
    std::int64_t lost_updates() const { return core_.extra().load(); }

    Lock& get_lock() const { return core_.get_lock(); }
    bool has_lock() const { return core_.has_lock(); }
    Shareable share() const { return core_.share(kShareKind); }
    trace::ObjectId id() const { return core_.id(); }

private:
    std::atomic_ref<T> ref() const { return std::atomic_ref<T>(*static_cast<T*>(core_.data())); }

    detail::SharedNumbers core_;
    std::mutex mutex_; // guards last_read_ (this process's lanes only)
    std::unordered_map<trace::LaneId, T> last_read_;
};

template <class T> class Array {
    static_assert(std::is_arithmetic_v<T> && sizeof(T) <= 8, "Array holds numbers");

public:
    static constexpr std::string_view kShareKind = "array";

    // `size` elements, all `initial`. il::ValueError for size 0.
    Array(Session& session, std::string name, std::size_t size, T initial = T{}, bool lock = true)
        : core_(session, std::move(name), size, sizeof(T), lock) {
        for (std::size_t i = 0; i < size; ++i)
            ref(i).store(initial);
    }
    Array(Session& session, const Shareable& sh) : core_(session, sh, kShareKind, sizeof(T)) {}

    // il::ValueError for an index out of range ("IndexError").
    T get(std::size_t i) const { return ref(checked(i)).load(); }
    void set(std::size_t i, T v) { ref(checked(i)).store(v); }
    std::size_t size() const { return core_.count(); }

    Lock& get_lock() const { return core_.get_lock(); }
    bool has_lock() const { return core_.has_lock(); }
    Shareable share() const { return core_.share(kShareKind); }
    trace::ObjectId id() const { return core_.id(); }

private:
    std::size_t checked(std::size_t i) const {
        if (i >= core_.count())
            throw ValueError("array index " + std::to_string(i) + " out of range (size " +
                             std::to_string(core_.count()) + ")");
        return i;
    }
    std::atomic_ref<T> ref(std::size_t i) const {
        return std::atomic_ref<T>(static_cast<T*>(core_.data())[i]);
    }

    detail::SharedNumbers core_;
};

} // namespace il::process
