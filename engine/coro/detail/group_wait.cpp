#include "coro/detail/group_wait.h"

#include "coro/loop.h"
#include "run/errors.h"

#include <algorithm>

namespace il::coro::detail {

using trace::Kind;

namespace {

bool raised(const TaskCore& t) {
    return t.finished() && t.error() != nullptr;
}

trace::ObjectId register_group(std::string_view what, const std::vector<TaskCore*>& children) {
    if (children.empty())
        return 0;
    return children.front()->loop().session().registry().add_object(trace::ObjectKind::Future,
                                                                    group_name(what, children));
}

void record_joined(TaskCore& child) {
    current_task().recorder().record_after(child.end_tick(), Kind::Joined, child.object(), 1);
}

} // namespace

std::string group_name(std::string_view what, const std::vector<TaskCore*>& children) {
    std::string s(what);
    s += '(';
    for (std::size_t i = 0; i < children.size(); ++i) {
        if (i == 3) {
            s += ", ... " + std::to_string(children.size()) + " tasks";
            break;
        }
        s += (i ? ", " : "") + children[i]->name();
    }
    return s + ')';
}

GatherWait::GatherWait(std::vector<TaskCore*> children, bool return_exceptions)
    : children_(std::move(children)), return_exceptions_(return_exceptions),
      object_(register_group("gather", children_)) {}

bool GatherWait::complete() const {
    bool all = true;
    for (TaskCore* c : children_) {
        if (!return_exceptions_ && raised(*c))
            return true;
        all = all && c->finished();
    }
    return all;
}

void GatherWait::collect() {
    std::vector<TaskCore*> done;
    for (TaskCore* c : children_)
        if (c->finished())
            done.push_back(c);
    std::stable_sort(done.begin(), done.end(),
                     [](TaskCore* a, TaskCore* b) { return a->end_tick() < b->end_tick(); });
    std::int64_t first_fail = 0;
    for (TaskCore* c : done) {
        record_joined(*c);
        if (raised(*c) && (failed_ == npos || c->end_tick() < first_fail)) {
            first_fail = c->end_tick();
            failed_ = static_cast<std::size_t>(std::find(children_.begin(), children_.end(), c) -
                                               children_.begin());
        }
    }
    if (return_exceptions_)
        failed_ = npos;
}

bool GatherWait::ready() {
    if (!complete())
        return false;
    collect();
    return true;
}

bool GatherWait::suspend(std::coroutine_handle<> h) {
    TaskCore& t = current_task();
    if (!t.suspend(*this, h))
        return false;
    t.record_wait_begin(object_, trace::WaitReason::Await,
                        static_cast<std::int32_t>(children_.size()));
    links_ = std::make_unique<GroupLink[]>(children_.size());
    finished_ = 0;
    for (std::size_t i = 0; i < children_.size(); ++i) {
        if (children_[i]->finished()) {
            ++finished_;
            continue;
        }
        GroupLink& l = links_[i];
        l.group = this;
        l.index = i;
        l.on_notify = [](Waiter& w, std::int64_t, std::int64_t tick) {
            auto& link = static_cast<GroupLink&>(w);
            static_cast<GatherWait*>(link.group)->child_done(link.index, tick);
        };
        children_[i]->joiners.push_back(l);
    }
    on_cancel = [](Waiter& w) {
        auto& g = static_cast<GatherWait&>(w);
        g.links_.reset(); // unlinks
        // asyncio: cancelling gather() cancels the children still running.
        if (w.cancelled != CancelKind::Stop)
            for (TaskCore* c : g.children_)
                c->cancel(CancelKind::Cancel);
        w.task->loop().schedule(*w.task, w.handle);
    };
    return true;
}

void GatherWait::child_done(std::size_t index, std::int64_t tick) {
    ++finished_;
    const bool failed = !return_exceptions_ && raised(*children_[index]);
    if (!failed && finished_ < children_.size())
        return;
    links_.reset();
    task->loop().wake(*this, 1, tick);
}

void GatherWait::resume() {
    if (!began && cancelled == CancelKind::None)
        return; // ready() collected
    if (cancelled == CancelKind::None)
        collect();
    task->end_wait(*this, object_);
}

CompletionQueue::CompletionQueue(std::vector<TaskCore*> children)
    : children_(std::move(children)), object_(register_group("as_completed", children_)),
      links_(std::make_unique<GroupLink[]>(children_.size())) {
    std::vector<std::size_t> already;
    for (std::size_t i = 0; i < children_.size(); ++i) {
        if (children_[i]->finished()) {
            already.push_back(i);
            continue;
        }
        GroupLink& l = links_[i];
        l.group = this;
        l.index = i;
        l.on_notify = [](Waiter& w, std::int64_t, std::int64_t) {
            auto& link = static_cast<GroupLink&>(w);
            static_cast<CompletionQueue*>(link.group)->child_done(link.index);
        };
        children_[i]->joiners.push_back(l);
    }
    std::stable_sort(already.begin(), already.end(), [&](std::size_t a, std::size_t b) {
        return children_[a]->end_tick() < children_[b]->end_tick();
    });
    done_.assign(already.begin(), already.end());
}

void CompletionQueue::child_done(std::size_t index) {
    done_.push_back(index);
    if (Waiter* w = std::exchange(waiting_, nullptr))
        w->task->loop().wake(*w, 1, children_[index]->end_tick());
}

bool CompletionQueue::ready() {
    if (yielded_ == children_.size())
        throw RuntimeError("as_completed: every task was already handed out");
    return !done_.empty();
}

bool CompletionQueue::suspend(CompletionWaiter& w, std::coroutine_handle<> h) {
    TaskCore& t = current_task();
    if (!t.suspend(w, h))
        return false;
    t.record_wait_begin(object_, trace::WaitReason::Await, static_cast<std::int32_t>(remaining()));
    waiting_ = &w;
    w.queue = this;
    w.on_cancel = [](Waiter& self) {
        // Only this next() gives up; the queue keeps its children.
        static_cast<CompletionWaiter&>(self).queue->waiting_ = nullptr;
        self.task->loop().schedule(*self.task, self.handle);
    };
    return true;
}

std::size_t CompletionQueue::take(CompletionWaiter& w) {
    if (w.cancelled != CancelKind::None)
        w.task->end_wait(w, object_); // throws
    std::size_t i = done_.front();
    done_.pop_front();
    ++yielded_;
    record_joined(*children_[i]);
    if (w.began)
        w.task->end_wait(w, object_);
    return i;
}

} // namespace il::coro::detail
