#include "trace/record.h"

namespace il::trace {

std::string_view kind_name(Kind k) {
    switch (k) {
    case Kind::LaneStart:
        return "lane_start";
    case Kind::LaneEnd:
        return "lane_end";
    case Kind::Joined:
        return "joined";
    case Kind::WaitBegin:
        return "wait_begin";
    case Kind::WaitEnd:
        return "wait_end";
    case Kind::SleepBegin:
        return "sleep_begin";
    case Kind::SleepEnd:
        return "sleep_end";
    case Kind::Acquire:
        return "acquire";
    case Kind::Release:
        return "release";
    case Kind::TryFail:
        return "try_fail";
    case Kind::Notify:
        return "notify";
    case Kind::Set:
        return "set";
    case Kind::Clear:
        return "clear";
    case Kind::Wake:
        return "wake";
    case Kind::Put:
        return "put";
    case Kind::Get:
        return "get";
    case Kind::TaskDone:
        return "task_done";
    case Kind::Broken:
        return "broken";
    case Kind::Submit:
        return "submit";
    case Kind::TaskStart:
        return "task_start";
    case Kind::TaskEnd:
        return "task_end";
    case Kind::Cancel:
        return "cancel";
    case Kind::Read:
        return "read";
    case Kind::Write:
        return "write";
    case Kind::Mark:
        return "mark";
    case Kind::Send:
        return "send";
    case Kind::Receive:
        return "receive";
    case Kind::Resume:
        return "resume";
    case Kind::Suspend:
        return "suspend";
    }
    return "unknown";
}

std::string_view wait_reason_name(WaitReason r) {
    switch (r) {
    case WaitReason::Lock:
        return "lock";
    case WaitReason::Semaphore:
        return "semaphore";
    case WaitReason::Condition:
        return "condition";
    case WaitReason::Event:
        return "event";
    case WaitReason::QueuePut:
        return "queue_put";
    case WaitReason::QueueGet:
        return "queue_get";
    case WaitReason::QueueJoin:
        return "queue_join";
    case WaitReason::Barrier:
        return "barrier";
    case WaitReason::Join:
        return "join";
    case WaitReason::Future:
        return "future";
    case WaitReason::Gil:
        return "gil";
    case WaitReason::Io:
        return "io";
    case WaitReason::Send:
        return "send";
    case WaitReason::Receive:
        return "receive";
    case WaitReason::Await:
        return "await";
    }
    return "unknown";
}

std::string_view wait_result_name(WaitResult r) {
    switch (r) {
    case WaitResult::Ok:
        return "ok";
    case WaitResult::Timeout:
        return "timeout";
    case WaitResult::Cancelled:
        return "cancelled";
    case WaitResult::Broken:
        return "broken";
    }
    return "unknown";
}

} // namespace il::trace
