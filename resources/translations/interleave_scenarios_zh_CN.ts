<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>il::ui::Scenario</name>
    <message>
      <source>Concepts</source>
      <translation>概念</translation>
    </message>
    <message>
      <source>Threading</source>
      <translation>多线程</translation>
    </message>
    <message>
      <source>Multiprocessing</source>
      <translation>多进程</translation>
    </message>
    <message>
      <source>Asyncio</source>
      <translation>异步（asyncio）</translation>
    </message>
    <message>
      <source>concurrent.futures</source>
      <translation>concurrent.futures</translation>
    </message>
    <message>
      <source>Primitives</source>
      <translation>同步原语</translation>
    </message>
    <message>
      <source>Classic problems</source>
      <translation>经典问题</translation>
    </message>
    <message>
      <source>Practice projects</source>
      <translation>实践项目</translation>
    </message>
    <message>
      <source>Shared counter: Lock vs race</source>
      <translation>共享计数器：Lock 与竞态条件</translation>
    </message>
    <message>
      <source>`counter += 1` is three steps: read, add, write. When threads interleave those steps, one thread's write erases another's, and updates are lost. A Lock makes the three steps one indivisible critical section.</source>
      <translation>`counter += 1` 其实是三步：读取、加一、写回。当多个线程交错执行这三步时，一个线程的写入会覆盖另一个线程的写入，更新就丢失了。Lock 把这三步变成一个不可分割的临界区。</translation>
    </message>
    <message>
      <source>Unlocked: reads and writes of the counter interleave across lanes; every write marked 'lost' erased updates its lane never saw. Locked: the lock's owner changes hands and each lane waits its turn; the final count is exact.</source>
      <translation>不加锁：计数器的读和写在各条泳道之间交错；每个标记为 'lost'（丢失）的写入，都抹掉了其所在泳道从未看到过的更新。加锁：锁的持有者轮流更换，每条泳道依次等待轮到自己；最终计数分毫不差。</translation>
    </message>
    <message>
      <source>threads incrementing the counter</source>
      <translation>递增计数器的线程数</translation>
    </message>
    <message>
      <source>increments per thread</source>
      <translation>每个线程的递增次数</translation>
    </message>
    <message>
      <source>hold a Lock around each read-modify-write</source>
      <translation>每次读-改-写期间都持有一个 Lock</translation>
    </message>
    <message>
      <source>ThreadPoolExecutor and as_completed</source>
      <translation>ThreadPoolExecutor 与 as_completed</translation>
    </message>
    <message>
      <source>An executor keeps a few worker threads and a work queue. submit() puts a call on the queue and returns a Future at once; a worker runs the call and fills the future; as_completed() hands the futures back in the order they finish, not the order they were submitted.</source>
      <translation>执行器维护若干工作线程和一个工作队列。submit() 把一次调用放进队列并立即返回一个 Future；某个工作线程执行这次调用并填充该 Future；as_completed() 按完成的先后顺序交还这些 Future，而不是按提交的顺序。</translation>
    </message>
    <message>
      <source>The work queue fills as all tasks are submitted at once, then drains as the workers — started lazily, one per submit until max_workers — take them. Each put -&gt; get arrow runs from the submitter to the worker that ran the task; each set -&gt; wake arrow from a worker to the collector waiting in as_completed.</source>
      <translation>所有任务一次性提交，工作队列随之填满；随后工作线程（惰性启动，每次 submit 启动一个，直到 max_workers 个）逐个取走任务，队列逐渐排空。每个 put -&gt; get 箭头从提交者指向执行该任务的工作线程；每个 set -&gt; wake 箭头从工作线程指向在 as_completed 中等待的收集者。</translation>
    </message>
    <message>
      <source>calls submitted</source>
      <translation>提交的调用数</translation>
    </message>
    <message>
      <source>max_workers of the pool</source>
      <translation>线程池的 max_workers</translation>
    </message>
    <message>
      <source>time each call takes (ms)</source>
      <translation>每次调用的耗时（ms）</translation>
    </message>
    <message>
      <source>Semaphore: at most N at once</source>
      <translation>Semaphore：同时最多 N 个</translation>
    </message>
    <message>
      <source>A Semaphore holds a number of permits. acquire() takes one, waiting while none is free; release() gives one back. It limits how many lanes are inside a section at once — a connection pool, a download limit — without serialising them to one.</source>
      <translation>Semaphore 持有一定数量的许可。acquire() 取走一个，没有空闲许可时就等待；release() 归还一个。它限制同时进入某段代码的泳道数量（比如连接池、下载数上限），而又不会把它们串行化成一次只能进一个。</translation>
    </message>
    <message>
      <source>The semaphore's free permits drop to zero and stay there while the remaining workers queue up; each release hands its permit to the next waiter (the arrows). Never more than `permits` workers are inside at once, and that many are.</source>
      <translation>信号量的空闲许可降到零并一直保持为零，其余工作线程则排队等待；每次 release 都把自己的许可交给下一个等待者（即图中的箭头）。同一时刻在内部的工作线程从不超过 `permits` 个，而且确实会有这么多个。</translation>
    </message>
    <message>
      <source>worker threads</source>
      <translation>工作线程数</translation>
    </message>
    <message>
      <source>the semaphore's initial value</source>
      <translation>信号量的初始值</translation>
    </message>
    <message>
      <source>how long a worker holds its permit (ms)</source>
      <translation>工作线程持有许可的时长（ms）</translation>
    </message>
    <message>
      <source>Condition: a bounded buffer by hand</source>
      <translation>Condition：手写有界缓冲区</translation>
    </message>
    <message>
      <source>A Condition lets a lane sleep until another lane changes shared state and notifies it. The producer waits on `not_full` while the buffer is full; the consumer waits on `not_empty` while it is empty. Each wait sits in a `while` loop, because being woken does not mean the state is what you need.</source>
      <translation>Condition 让一条泳道休眠，直到另一条泳道修改了共享状态并通知它。缓冲区满时，生产者在 `not_full` 上等待；缓冲区空时，消费者在 `not_empty` 上等待。每次等待都放在 `while` 循环里，因为被唤醒并不意味着状态正是你需要的。</translation>
    </message>
    <message>
      <source>The consumer is slower, so the buffer fills up to its capacity and the producer blocks on not_full; every get notifies it (notify -&gt; wake arrows). wait() gives the lock up while it sleeps and takes it back before returning: watch the lock's owner change around each wait.</source>
      <translation>消费者更慢，所以缓冲区会一直填到容量上限，生产者阻塞在 not_full 上；每次 get 都会通知它（notify -&gt; wake 箭头）。wait() 在休眠期间释放锁，返回前再重新取回：留意每次 wait 前后锁的持有者如何变化。</translation>
    </message>
    <message>
      <source>the buffer's capacity</source>
      <translation>缓冲区的容量</translation>
    </message>
    <message>
      <source>items the producer makes</source>
      <translation>生产者生产的条目数</translation>
    </message>
    <message>
      <source>time the consumer spends per item (ms)</source>
      <translation>消费者处理每个条目所花的时间（ms）</translation>
    </message>
    <message>
      <source>Event: ping-pong between two threads</source>
      <translation>Event：两个线程之间的乒乓</translation>
    </message>
    <message>
      <source>An Event is a flag lanes can wait for. set() wakes every waiter; clear() lowers it again. Two Events make two lanes take strict turns: each waits for its own event, clears it, does its step and sets the other's.</source>
      <translation>Event 是泳道可以等待的一个标志。set() 唤醒所有等待者；clear() 再把它放下。用两个 Event 可以让两条泳道严格轮流执行：每条泳道等待自己的事件，将其清除，执行自己的一步，然后设置对方的事件。</translation>
    </message>
    <message>
      <source>The two lanes alternate: one runs while the other is blocked on its event, and every set -&gt; wake arrow crosses from one lane to the other. The shared `ball` is only ever written by the lane whose turn it is.</source>
      <translation>两条泳道交替运行：一条运行时，另一条阻塞在自己的事件上，每个 set -&gt; wake 箭头都从一条泳道跨到另一条。共享的 `ball` 只会被轮到的那条泳道写入。</translation>
    </message>
    <message>
      <source>turns each player takes</source>
      <translation>每位玩家的回合数</translation>
    </message>
    <message>
      <source>Producer-consumer with a bounded Queue</source>
      <translation>使用有界 Queue 的生产者-消费者</translation>
    </message>
    <message>
      <source>A bounded queue decouples lanes that make work from lanes that do it: producers block when it is full (back-pressure), consumers block when it is empty. The queue does all the locking. To shut down, each consumer is sent one poison pill.</source>
      <translation>有界队列把产生工作的泳道与处理工作的泳道解耦：队列满时生产者阻塞（背压），队列空时消费者阻塞。所有加锁工作都由队列完成。关闭时，向每个消费者各发送一颗毒丸（poison pill）。</translation>
    </message>
    <message>
      <source>The queue's fill level rises to its capacity while consumers are slower, and producers then block on put; each put -&gt; get arrow follows one item from the lane that made it to the lane that used it. At the end the pills arrive and every consumer ends.</source>
      <translation>消费者较慢时，队列的填充量会升到容量上限，此后生产者阻塞在 put 上；每个 put -&gt; get 箭头跟踪一个条目，从生产它的泳道到使用它的泳道。最后毒丸到达，每个消费者都随之结束。</translation>
    </message>
    <message>
      <source>producer threads</source>
      <translation>生产者线程数</translation>
    </message>
    <message>
      <source>consumer threads</source>
      <translation>消费者线程数</translation>
    </message>
    <message>
      <source>the queue's maxsize</source>
      <translation>队列的 maxsize</translation>
    </message>
    <message>
      <source>items made, in all</source>
      <translation>生产的条目总数</translation>
    </message>
    <message>
      <source>time a consumer spends per item (ms)</source>
      <translation>消费者处理每个条目所花的时间（ms）</translation>
    </message>
    <message>
      <source>Dining philosophers: deadlock and three fixes</source>
      <translation>哲学家就餐问题：死锁与三种修复</translation>
    </message>
    <message>
      <source>N philosophers sit around a table with one fork between neighbours; to eat, a philosopher needs both forks. If each one picks up the left fork and then waits for the right one, every fork is held and every philosopher waits for a neighbour: a cycle of waits, a deadlock, and nobody ever eats. Three fixes break the cycle: take the lower-numbered fork first (a global lock order), let a butler seat at most N-1 at once, or give the left fork back when the right one is taken and try again later.</source>
      <translation>N 位哲学家围坐在桌旁，相邻两人之间放着一把叉子；哲学家要吃饭，必须同时拿到两把叉子。如果每人都先拿起左边的叉子，再等右边的，那么所有叉子都被占用，每位哲学家都在等邻座：等待形成了环，也就是死锁，谁也吃不上饭。有三种修复方法可以打破这个环：先拿编号较小的叉子（全局加锁顺序）；让一位管家同时最多只安排 N-1 人入座；或者在右边的叉子被占用时放回左边的叉子，稍后再试。</translation>
    </message>
    <message>
      <source>naive: every philosopher holds its left fork (a Barrier makes sure all of them do before anyone reaches right, so the worst interleaving happens every time), then each one waits for the fork its neighbour holds. The engine finds the wait-for cycle — philosopher-1 -&gt; fork-2 -&gt; philosopher-2 -&gt; ... -&gt; fork-1 -&gt; philosopher-1 — reports it and stops the run. ordered: the last philosopher reaches for fork-1 first, so one fork stays free and the cycle cannot close. butler: the butler semaphore's permits never all go out. trylock: failed tries and backing off show up as short holds of a single fork.</source>
      <translation>naive：每位哲学家都持有左边的叉子（一个 Barrier 确保所有人都拿到之后才有人去拿右边的，因此每次都会出现最坏的交错），然后每人都等待邻座手中的叉子。引擎会发现等待环——philosopher-1 -&gt; fork-2 -&gt; philosopher-2 -&gt; ... -&gt; fork-1 -&gt; philosopher-1——报告它并停止运行。ordered：最后一位哲学家先去拿 fork-1，因此总有一把叉子空闲，环无法闭合。butler：butler 信号量的许可永远不会全部发出。trylock：失败的尝试和退让表现为只持有一把叉子的短暂片段。</translation>
    </message>
    <message>
      <source>philosophers (and forks)</source>
      <translation>哲学家（及叉子）的数量</translation>
    </message>
    <message>
      <source>meals each philosopher eats</source>
      <translation>每位哲学家吃的餐数</translation>
    </message>
    <message>
      <source>naive deadlocks; ordered, butler and trylock are the fixes</source>
      <translation>naive 会死锁；ordered、butler 和 trylock 是修复方案</translation>
    </message>
    <message>
      <source>thinking time before each meal (ms)</source>
      <translation>每餐之前的思考时间（ms）</translation>
    </message>
    <message>
      <source>eating time, holding both forks (ms)</source>
      <translation>吃饭时间，期间持有两把叉子（ms）</translation>
    </message>
    <message>
      <source>pause between picking up the first and the second fork (ms)</source>
      <translation>拿起第一把叉子与第二把叉子之间的停顿（ms）</translation>
    </message>
    <message>
      <source>seed of the thinking and back-off jitter</source>
      <translation>思考时间与退让抖动的随机种子</translation>
    </message>
    <message>
      <source>Lock order inversion: two locks, two threads</source>
      <translation>锁顺序反转：两把锁，两个线程</translation>
    </message>
    <message>
      <source>A transfer locks both accounts it touches. If one thread locks account_a then account_b while another locks account_b then account_a, each can end up holding the lock the other needs: a deadlock of two. The fix is one global order — every thread takes account_a before account_b, whichever way the money moves — so no thread ever holds the second lock while waiting for the first.</source>
      <translation>一次转账会锁住它涉及的两个账户。如果一个线程先锁 account_a 再锁 account_b，而另一个线程先锁 account_b 再锁 account_a，两者就可能各自持有对方需要的锁：两个线程之间的死锁。修复方法是统一的全局顺序——无论钱往哪个方向转，每个线程都先取 account_a 再取 account_b——这样就不会有线程在持有第二把锁的同时去等待第一把锁。</translation>
    </message>
    <message>
      <source>inverted: each transfer holds its first account (a Barrier makes sure both do before either reaches for its second, so it happens every run) and then waits for the other's: the engine reports the two-lane cycle transfer-a-to-b -&gt; account_b -&gt; transfer-b-to-a -&gt; account_a and stops the run. ordered: the second transfer waits for account_a while the first finishes; the balances come out exact.</source>
      <translation>inverted：每笔转账都持有自己的第一个账户（一个 Barrier 确保双方都拿到后才有一方去取第二个，因此每次运行都会发生），然后等待对方持有的那个：引擎报告两条泳道构成的环 transfer-a-to-b -&gt; account_b -&gt; transfer-b-to-a -&gt; account_a 并停止运行。ordered：第一笔转账完成期间，第二笔转账在等待 account_a；最终余额完全正确。</translation>
    </message>
    <message>
      <source>inverted deadlocks; ordered takes account_a first always</source>
      <translation>inverted 会死锁；ordered 总是先取 account_a</translation>
    </message>
    <message>
      <source>transfers each thread makes</source>
      <translation>每个线程进行的转账次数</translation>
    </message>
    <message>
      <source>pause between taking the first and the second lock (ms)</source>
      <translation>取第一把锁与第二把锁之间的停顿（ms）</translation>
    </message>
    <message>
      <source>RLock: re-entering a lock you hold</source>
      <translation>RLock：重入你已持有的锁</translation>
    </message>
    <message>
      <source>A Lock does not know who holds it: a thread that asks for a Lock it already holds waits for itself, forever. An RLock (re-entrant lock) remembers its owner and a depth: the owner may acquire it again, and each release undoes one acquire. That is what a recursive function, or a locked method calling another locked method, needs.</source>
      <translation>Lock 并不知道是谁持有它：一个线程如果请求自己已经持有的 Lock，就会永远等待它自己。RLock（可重入锁）会记住它的持有者和深度：持有者可以再次获取它，每次 release 抵消一次 acquire。递归函数，或者一个加锁的方法调用另一个加锁的方法时，需要的正是这种锁。</translation>
    </message>
    <message>
      <source>rlock: the lock's depth climbs 1, 2, ... up to `depth` on the same lane, then unwinds; nobody else is involved. lock: the lane holds the Lock at level 1 and waits for it at level 2 — a cycle of length one (the lane waits for a lock only it could release), which the engine reports at once and then stops.</source>
      <translation>rlock：锁的深度在同一条泳道上依次升到 1、2、……直到 `depth`，然后逐层回退；不涉及其他任何泳道。lock：泳道在第 1 层持有 Lock，在第 2 层又等待它——一个长度为一的环（该泳道在等待一把只有它自己才能释放的锁），引擎会立即报告并停止运行。</translation>
    </message>
    <message>
      <source>rlock re-enters; lock deadlocks on itself</source>
      <translation>rlock 可以重入；lock 会对自己死锁</translation>
    </message>
    <message>
      <source>levels of recursion</source>
      <translation>递归的层数</translation>
    </message>
    <message>
      <source>work at each level (ms)</source>
      <translation>每一层的工作量（ms）</translation>
    </message>
    <message>
      <source>Readers-writers: starvation and a fair queue</source>
      <translation>读者-写者问题：饥饿与公平队列</translation>
    </message>
    <message>
      <source>Readers only look, so any number of them may read at once; a writer changes the resource and needs it alone. The classic solution lets the first reader in lock the writers out and the last reader out let them in. But while readers keep arriving before the last one leaves, there is never a last one: the writer waits for as long as the readers keep coming — starvation, although nothing is stuck. A fair version serves everyone in arrival order: a writer waits only for the readers already inside, and readers that come after it wait their turn.</source>
      <translation>读者只读不改，所以任意多个读者可以同时读；写者会修改资源，需要独占它。经典解法是：第一个进入的读者把写者锁在外面，最后一个离开的读者再放写者进来。但如果在最后一个读者离开之前总有新的读者到来，就永远不存在“最后一个”：只要读者不断到来，写者就一直等下去——这就是饥饿，尽管并没有任何东西卡死。公平版本按到达顺序为所有人服务：写者只需等待已经在里面的读者，在它之后到来的读者则要排队等候。</translation>
    </message>
    <message>
      <source>reader-preferring: the readers' reads overlap (the readers count never drops to zero), so the `resource` lock, taken by the first reader, is never released while they read; the writer's wait on it spans almost the whole reader phase and ends only after the last read. fair: every request joins the service queue; a reader that comes after a waiting writer waits behind it (on its own `.turn` event), the reads in progress drain, and the writer gets in within about one read; each `.turn` is set by the lane that let it in (set -&gt; wake arrows).</source>
      <translation>reader-preferring：读者们的读操作相互重叠（读者计数从不降到零），因此由第一个读者取得的 `resource` 锁在它们读的期间始终不会释放；写者对它的等待几乎贯穿整个读者阶段，直到最后一次读完成后才结束。fair：每个请求都加入服务队列；排在一个正在等待的写者之后到来的读者会在它后面等待（在自己的 `.turn` 事件上），正在进行的读操作逐渐结束，写者大约在一次读的时间内就能进入；每个 `.turn` 都由放它进来的那条泳道设置（set -&gt; wake 箭头）。</translation>
    </message>
    <message>
      <source>reader-preferring starves writers; fair serves in order</source>
      <translation>reader-preferring 会让写者饥饿；fair 按到达顺序服务</translation>
    </message>
    <message>
      <source>reader threads</source>
      <translation>读者线程数</translation>
    </message>
    <message>
      <source>writer threads</source>
      <translation>写者线程数</translation>
    </message>
    <message>
      <source>writes each writer makes</source>
      <translation>每个写者的写入次数</translation>
    </message>
    <message>
      <source>how long the readers keep starting reads (ms)</source>
      <translation>读者持续发起读操作的时长（ms）</translation>
    </message>
    <message>
      <source>time one read takes (ms)</source>
      <translation>一次读操作的耗时（ms）</translation>
    </message>
    <message>
      <source>time one write takes (ms)</source>
      <translation>一次写操作的耗时（ms）</translation>
    </message>
    <message>
      <source>seed of the writers' timing</source>
      <translation>写者时序的随机种子</translation>
    </message>
    <message>
      <source>Lost wake-ups: `if` vs `while`, notify before wait</source>
      <translation>丢失唤醒：`if` 与 `while`，先 notify 后 wait</translation>
    </message>
    <message>
      <source>A Condition does not remember anything: a wake-up only says "look again". With two consumers and notify_all, both wake for one item; the one that gets the lock second finds the buffer empty again. Waiting under `if` trusts the wake-up and pops from an empty buffer; waiting under `while` checks again and goes back to sleep. And a notify that happens while nobody waits is simply lost: a waiter that arrives later sleeps until its timeout (or forever). The fix for both is the same: wait for a condition on shared state (a flag, the buffer's size), not for a notification — Condition.wait_for(predicate).</source>
      <translation>Condition 不会记住任何东西：一次唤醒只是在说“再看一眼”。有两个消费者并使用 notify_all 时，一个条目会唤醒两个消费者；第二个拿到锁的会发现缓冲区又空了。在 `if` 下等待会轻信这次唤醒，从空缓冲区中弹出元素；在 `while` 下等待则会再检查一次，然后回去继续睡。而在没有人等待时发出的 notify 会直接丢失：之后才到来的等待者会一直睡到超时（或者永远睡下去）。两者的修复方法相同：等待共享状态上的条件（一个标志、缓冲区的大小），而不是等待通知——也就是 Condition.wait_for(predicate)。</translation>
    </message>
    <message>
      <source>if-wait: each item's notify_all -&gt; wake arrows reach both consumers; the second one to take buffer_lock back finds nothing and a 'popped from empty buffer' mark appears on its lane. while-wait: the same wake-ups, but the loser goes straight back to waiting. notify-before-wait: the notifier's Notify wakes nobody (0 waiters); the waiter's wait on `ready` runs until patience_ms and ends in a timeout. predicate: the waiter sees the flag already set and never waits.</source>
      <translation>if-wait：每个条目的 notify_all -&gt; wake 箭头都会到达两个消费者；第二个重新取得 buffer_lock 的消费者什么也拿不到，它的泳道上会出现一个 'popped from empty buffer'（从空缓冲区弹出）标记。while-wait：同样的唤醒，但没抢到的一方直接回去等待。notify-before-wait：通知者的 Notify 没有唤醒任何人（0 个等待者）；等待者在 `ready` 上的 wait 一直持续到 patience_ms，以超时告终。predicate：等待者看到标志已被设置，根本不用等待。</translation>
    </message>
    <message>
      <source>if-wait and notify-before-wait are the bugs; while-wait and predicate their fixes</source>
      <translation>if-wait 和 notify-before-wait 是缺陷；while-wait 和 predicate 是对应的修复</translation>
    </message>
    <message>
      <source>consumers sharing one buffer</source>
      <translation>共享同一缓冲区的消费者数</translation>
    </message>
    <message>
      <source>items produced, one at a time</source>
      <translation>生产的条目数，逐个生产</translation>
    </message>
    <message>
      <source>how long the late waiter waits before it gives up (ms)</source>
      <translation>迟到的等待者放弃之前等待的时长（ms）</translation>
    </message>
    <message>
      <source>Check-then-act: a race on a cache</source>
      <translation>先检查后执行：缓存上的竞态</translation>
    </message>
    <message>
      <source>`if key not in cache: cache[key] = expensive(key)` is two steps: a check and an act. Each may be locked on its own, but between them another lane can make the same check, see the same miss, and start the same expensive computation: the work is done twice and one result overwrites the other. The fix makes check and insert one critical section, so the first lane to miss computes while the others wait and then find the value.</source>
      <translation>`if key not in cache: cache[key] = expensive(key)` 是两步：一次检查和一次执行。每一步可以各自加锁，但在这两步之间，另一条泳道可能做了同样的检查，看到同样的未命中，并开始同样昂贵的计算：工作被做了两遍，一个结果覆盖了另一个。修复方法是让检查和插入成为同一个临界区，这样第一个未命中的泳道负责计算，其他泳道等待，之后直接拿到结果。</translation>
    </message>
    <message>
      <source>Racy: the lock is held only for an instant; the lanes' `expensive` sleeps for the same key overlap, and every 'computed again' mark is wasted work (with more threads than keys it happens in the first round already). Locked: the lock is held for the whole computation, so lanes queue on it and each key is computed exactly once; but misses of different keys are serialised too (a lock or a Future per key would keep them parallel).</source>
      <translation>racy：锁只持有一瞬间；各泳道针对同一个键的 `expensive` 休眠相互重叠，每个 'computed again'（重复计算）标记都是白费的工作（如果线程数多于键数，第一轮就会发生）。locked：锁在整个计算期间都被持有，因此各泳道在它上面排队，每个键恰好只计算一次；但不同键的未命中也被串行化了（每个键一把锁或一个 Future 就能让它们保持并行）。</translation>
    </message>
    <message>
      <source>racy: check and insert in separate critical sections; locked: both in one</source>
      <translation>racy：检查和插入位于各自独立的临界区；locked：两者位于同一个临界区</translation>
    </message>
    <message>
      <source>lanes looking keys up</source>
      <translation>查询键的泳道数</translation>
    </message>
    <message>
      <source>distinct keys; each lane asks for each</source>
      <translation>不同键的数量；每条泳道都会请求每一个键</translation>
    </message>
    <message>
      <source>time expensive(key) takes (ms)</source>
      <translation>expensive(key) 的耗时（ms）</translation>
    </message>
    <message>
      <source>seeds each lane's key order</source>
      <translation>各泳道键顺序的随机种子</translation>
    </message>
    <message>
      <source>The sleeping barber</source>
      <translation>睡眠理发师问题</translation>
    </message>
    <message>
      <source>A barber sleeps until a customer arrives; customers who find every waiting chair taken leave. Dijkstra's solution counts waiting customers under a Lock and uses Semaphores as signals: `customer_ready` wakes the barber (its count is the queue), `barber_ready` calls the next customer to the chair, and two more make the cut a rendezvous, so the barber never starts a new haircut before the last customer sat down and never lets two share the chair. Without the lock, two customers could both take the last chair, or the barber could fall asleep with a customer waiting.</source>
      <translation>理发师一直睡觉，直到有顾客到来；发现所有等候椅都已坐满的顾客会离开。Dijkstra 的解法在一个 Lock 的保护下统计等候的顾客数，并把 Semaphore 用作信号：`customer_ready` 唤醒理发师（它的计数就是队列长度），`barber_ready` 叫下一位顾客坐上理发椅，另外两个信号量让理发成为一次会合（rendezvous），这样理发师绝不会在刚叫到的顾客坐好之前就开始新的理发，也绝不会让两个人共用一把理发椅。如果没有这把锁，两位顾客可能同时占到最后一把椅子，或者理发师可能在有顾客等候时睡着。</translation>
    </message>
    <message>
      <source>The barber's lane alternates between blocked on `customer_ready` (asleep) and cutting; customers arrive at random moments, some block on `barber_ready` in the waiting room, and when the room is full newcomers end at once (turned away). Each release -&gt; acquire arrow on `barber_ready` is the barber calling one customer.</source>
      <translation>理发师的泳道在阻塞于 `customer_ready`（睡觉）和理发之间交替；顾客在随机时刻到来，有些在等候室里阻塞在 `barber_ready` 上，等候室坐满时，新来的顾客会立即结束（被拒之门外）。`barber_ready` 上的每个 release -&gt; acquire 箭头都是理发师在叫一位顾客。</translation>
    </message>
    <message>
      <source>customers who come in</source>
      <translation>进店的顾客数</translation>
    </message>
    <message>
      <source>chairs in the waiting room</source>
      <translation>等候室的椅子数</translation>
    </message>
    <message>
      <source>time one haircut takes (ms)</source>
      <translation>一次理发的耗时（ms）</translation>
    </message>
    <message>
      <source>mean time between arrivals (ms; uniform in 0..2x)</source>
      <translation>平均到达间隔（ms；在 0..2x 之间均匀分布）</translation>
    </message>
    <message>
      <source>seeds the arrival times</source>
      <translation>到达时间的随机种子</translation>
    </message>
    <message>
      <source>Barrier: phases in lock-step</source>
      <translation>Barrier：步调一致的各个阶段</translation>
    </message>
    <message>
      <source>A Barrier for N parties holds every lane that calls wait() until all N have called it, then releases them together: phase k+1 starts for nobody before phase k ended for everybody (a simulation step, an iteration of a parallel solver). If one party gives up and aborts the barrier, every lane waiting on it, and every lane arriving later, gets BrokenBarrierError instead of waiting forever.</source>
      <translation>一个面向 N 个参与方的 Barrier 会拦住每条调用 wait() 的泳道，直到 N 方全都调用了它，然后一起放行：在第 k 阶段对所有人都结束之前，第 k+1 阶段不会对任何人开始（例如一次模拟步进、并行求解器的一次迭代）。如果有一方放弃并中止了屏障，所有正在其上等待的泳道以及之后到达的泳道都会得到 BrokenBarrierError，而不会永远等待下去。</translation>
    </message>
    <message>
      <source>Normal: in each phase the fast workers block on the barrier until the slowest arrives; its Set releases all of them at once (one Set -&gt; many Wake arrows), and the 'phase start' marks of the next phase all come after it. Broken: the aborting worker's Broken record ends every waiter's span as broken, and the workers still busy get the error as soon as they arrive; nobody hangs.</source>
      <translation>normal：在每个阶段，快的工作线程阻塞在屏障上，直到最慢的那个到达；它的 Set 一次性放行所有线程（一个 Set -&gt; 多个 Wake 箭头），下一阶段的 'phase start'（阶段开始）标记全都出现在它之后。broken：中止屏障的工作线程的 Broken 记录使每个等待者的区间以 broken 状态结束，仍在工作的线程一到达就会得到这个错误；没有谁会挂起。</translation>
    </message>
    <message>
      <source>normal: all phases complete; broken: one worker aborts the barrier midway</source>
      <translation>normal：所有阶段都完成；broken：一个工作线程中途中止屏障</translation>
    </message>
    <message>
      <source>worker threads (the barrier's parties)</source>
      <translation>工作线程数（即屏障的参与方数）</translation>
    </message>
    <message>
      <source>phases each worker goes through</source>
      <translation>每个工作线程经历的阶段数</translation>
    </message>
    <message>
      <source>mean work per phase (ms; uniform in 0..2x per worker)</source>
      <translation>每个阶段的平均工作量（ms；每个工作线程在 0..2x 之间均匀分布）</translation>
    </message>
    <message>
      <source>seeds the work times</source>
      <translation>工作时间的随机种子</translation>
    </message>
    <message>
      <source>Lock convoy: one hot lock vs sharded locks</source>
      <translation>锁护航：一把热点锁与分片锁</translation>
    </message>
    <message>
      <source>When every lane needs the same lock for a short critical section, they queue behind it: a convoy. Each release wakes the next waiter, which costs a context switch, and the lane that just left comes back and joins the end of the queue. The lock serialises the work no matter how many cores there are. Splitting the data into shards, each with its own lock, makes collisions rare: lanes working on different shards never wait for each other.</source>
      <translation>当每条泳道都需要同一把锁来执行一段很短的临界区时，它们会在这把锁后面排起长队：这就是护航（convoy）。每次释放都会唤醒下一个等待者，这要付出一次上下文切换的代价；而刚离开的泳道又会回来排到队尾。无论有多少个核心，这把锁都会把工作串行化。把数据拆分成多个分片、每个分片各有自己的锁，就能让冲突变得很少：处理不同分片的泳道永远不会相互等待。</translation>
    </message>
    <message>
      <source>One lock: the lock's waiter list never empties; almost every acquisition is contended and the lanes spend most of their time blocked on it, in a repeating handoff pattern. Sharded: the same work spreads over many locks, lanes rarely block, and the run ends sooner. Compare contended %, total wait and throughput in the outcome.</source>
      <translation>one-lock：锁的等待者列表从不为空；几乎每次获取都存在争用，泳道大部分时间都阻塞在锁上，呈现出反复交接的模式。sharded：同样的工作分散到许多把锁上，泳道很少阻塞，运行也更早结束。请在结果中比较争用百分比（contended %）、总等待时间和吞吐量。</translation>
    </message>
    <message>
      <source>one-lock: every key behind one Lock; sharded: key % shards picks the lock</source>
      <translation>one-lock：所有键都由同一个 Lock 保护；sharded：由 key % shards 选择锁</translation>
    </message>
    <message>
      <source>critical sections per thread</source>
      <translation>每个线程执行临界区的次数</translation>
    </message>
    <message>
      <source>keys the updates are spread over</source>
      <translation>更新分布在多少个键上</translation>
    </message>
    <message>
      <source>locks in the sharded variant</source>
      <translation>sharded 变体中锁的数量</translation>
    </message>
    <message>
      <source>time spent inside a critical section (µs)</source>
      <translation>在临界区内花费的时间（µs）</translation>
    </message>
    <message>
      <source>time spent between critical sections (µs)</source>
      <translation>两次临界区之间花费的时间（µs）</translation>
    </message>
    <message>
      <source>seeds the keys each lane picks</source>
      <translation>各泳道所选键的随机种子</translation>
    </message>
    <message>
      <source>Thundering herd: notify_all vs notify</source>
      <translation>惊群：notify_all 与 notify</translation>
    </message>
    <message>
      <source>Idle workers wait on a Condition for work. If the producer wakes all of them with notify_all() for every single item, they all wake up, queue for the lock, and all but one find the queue already empty and go back to sleep: a thundering herd of wasted wake-ups, each a context switch. notify() wakes one waiter per item, which is all the work there is. The `while` loop around wait() is what keeps the herd correct, just wasteful.</source>
      <translation>空闲的工作线程在一个 Condition 上等待工作。如果生产者每来一个条目都用 notify_all() 唤醒所有线程，它们就会全部醒来、排队争锁，除了一个之外，其余都会发现队列已经空了，只好回去继续睡：这就是惊群，大量白费的唤醒，每一次都是一次上下文切换。notify() 每个条目只唤醒一个等待者，而这恰好就是全部的工作量。wait() 外面的 `while` 循环保证了惊群下程序依然正确，只是很浪费。</translation>
    </message>
    <message>
      <source>Herd: each Notify fans out into a Wake on every waiting lane (many arrows from one point), the lanes then take the lock one after the other, and most go straight back to waiting. Single: one arrow per item, and the other workers stay blocked. The outcome counts wake-ups and the wasted ones.</source>
      <translation>herd：每个 Notify 都扇出为每条等待泳道上的一个 Wake（从一点发出许多箭头），随后这些泳道依次获取锁，大多数又直接回去等待。single：每个条目只有一个箭头，其他工作线程保持阻塞。结果中统计了唤醒次数以及其中白费的次数。</translation>
    </message>
    <message>
      <source>herd: notify_all() per item; single: notify() per item</source>
      <translation>herd：每个条目调用一次 notify_all()；single：每个条目调用一次 notify()</translation>
    </message>
    <message>
      <source>worker threads waiting for work</source>
      <translation>等待工作的工作线程数</translation>
    </message>
    <message>
      <source>items the producer adds, one at a time</source>
      <translation>生产者添加的条目数，逐个添加</translation>
    </message>
    <message>
      <source>mean pause between items (ms; uniform in 0.5..1.5x)</source>
      <translation>条目之间的平均停顿（ms；在 0.5..1.5x 之间均匀分布）</translation>
    </message>
    <message>
      <source>time a worker spends per item (ms)</source>
      <translation>工作线程处理每个条目所花的时间（ms）</translation>
    </message>
    <message>
      <source>seeds the pauses</source>
      <translation>停顿时间的随机种子</translation>
    </message>
    <message>
      <source>Processes: split a sum, collect through a Queue</source>
      <translation>进程：拆分求和，通过 Queue 汇总</translation>
    </message>
    <message>
      <source>Each process is a separate program with its own memory, so processes cannot add into one shared total the way threads can. Instead each child computes its part of 1..n and sends it back through a multiprocessing Queue — a pipe between the processes — and the parent adds the parts up. With the "spawn" start method a child is a fresh program that runs one named function, and only its arguments and the queue are handed to it.</source>
      <translation>每个进程都是一个独立的程序，拥有自己的内存，所以进程不能像线程那样往同一个共享总数上累加。取而代之的做法是：每个子进程计算 1..n 中属于自己的那一部分，再通过一个 multiprocessing Queue（进程之间的一条管道）把结果送回，由父进程把各部分加起来。使用 "spawn" 启动方式时，子进程是一个全新的程序，只运行一个指定名称的函数，交给它的只有该函数的参数和队列。</translation>
    </message>
    <message>
      <source>Each child is its own group of lanes with its own pid. Every part travels as an arrow from the child's put to the parent's get, and the queue gauge shows the parts piling up until the parent takes them. The parent gets before it joins: joining first could wait forever on a child still writing into a full pipe.</source>
      <translation>每个子进程都自成一组泳道，有自己的 pid。每一部分结果都表现为一个箭头，从子进程的 put 指向父进程的 get；队列仪表显示各部分结果不断堆积，直到父进程把它们取走。父进程先 get 再 join：如果先 join，而某个子进程仍在往已满的管道里写数据，就可能永远等下去。</translation>
    </message>
    <message>
      <source>sum the numbers 1..n</source>
      <translation>对数字 1..n 求和</translation>
    </message>
    <message>
      <source>child processes, each sums one part</source>
      <translation>子进程数，每个子进程负责对一部分求和</translation>
    </message>
    <message>
      <source>Shared counter across processes: Value with and without its lock</source>
      <translation>跨进程的共享计数器：带锁与不带锁的 Value</translation>
    </message>
    <message>
      <source>multiprocessing.Value puts a number in shared memory that every process maps, so processes really share it. `counter.value += 1` is still a read followed by a write: two processes that read the same value both write value + 1, and one increment is lost. The Value's own lock (get_lock()) makes read-and-write one step; lock=False gives a raw value with no protection at all.</source>
      <translation>multiprocessing.Value 把一个数放在共享内存中，每个进程都映射这块内存，因此各进程真正共享这个数。`counter.value += 1` 仍然是先读后写：两个进程读到同一个值，都写回 value + 1，于是丢失一次递增。Value 自带的锁（get_lock()）让读和写成为一步；lock=False 则得到一个没有任何保护的原始值。</translation>
    </message>
    <message>
      <source>The first group of processes takes the lock around every increment: the lock's arrows hop between processes and the total is exact. The second group runs without it: look for writes that erased updates (each write records how many) — their sum is exactly the shortfall of the final value. The children wait at a start event so that they really run at the same time.</source>
      <translation>第一组进程在每次递增时都持有锁：锁的箭头在进程之间跳转，最终总数分毫不差。第二组进程不用锁：留意那些抹掉了其他更新的写入（每次写入都记录了抹掉的次数）——它们的总和恰好等于最终值的差额。子进程都在一个启动事件上等待，以保证它们真正同时运行。</translation>
    </message>
    <message>
      <source>processes incrementing the counter</source>
      <translation>递增计数器的进程数</translation>
    </message>
    <message>
      <source>increments per process</source>
      <translation>每个进程的递增次数</translation>
    </message>
    <message>
      <source>Isolation: threads share memory, processes do not</source>
      <translation>隔离：线程共享内存，进程不共享</translation>
    </message>
    <message>
      <source>Threads of one process share its memory: a global one thread sets is what its siblings read. A child process has its own memory — with "spawn" it even starts as a fresh program — so setting the same global there changes only the child's copy, and the parent never sees it. To share data, processes must use shared memory (multiprocessing.Value/Array) or send messages.</source>
      <translation>同一进程中的线程共享该进程的内存：一个线程设置的全局变量，正是其兄弟线程读到的值。子进程拥有自己的内存——使用 "spawn" 时，它甚至是作为一个全新的程序启动的——所以在子进程里设置同一个全局变量，只会改变子进程自己的副本，父进程永远看不到。要共享数据，进程必须使用共享内存（multiprocessing.Value/Array）或者发送消息。</translation>
    </message>
    <message>
      <source>The two copies of the global are two variables in the trace: the writer thread's write is read by its sibling, while the child's write lands on the child's own copy and the parent's next read still returns the thread's value. Only the shared Value carries the child's number back.</source>
      <translation>全局变量的两个副本在跟踪中表现为两个变量：写入线程的写入会被它的兄弟线程读到，而子进程的写入落在子进程自己的副本上，父进程接下来的读取返回的仍是线程写入的值。只有共享的 Value 把子进程的数字带了回来。</translation>
    </message>
    <message>
      <source>what the writer thread stores in the global</source>
      <translation>写入线程存入全局变量的值</translation>
    </message>
    <message>
      <source>what the child process stores in its global and the Value</source>
      <translation>子进程存入其全局变量和 Value 的值</translation>
    </message>
    <message>
      <source>Pipe ping-pong between two processes</source>
      <translation>两个进程之间的 Pipe 乒乓</translation>
    </message>
    <message>
      <source>multiprocessing.Pipe() gives two connected ends; whatever one end sends, the other receives, in order. Each message crosses the kernel: it is copied into the pipe, the receiving process is woken and copies it out. A round trip — ping there, pong back — is the price of one question to another process, and it is many times the cost of a function call.</source>
      <translation>multiprocessing.Pipe() 提供两个相连的端点；一端发送的任何内容，另一端都会按顺序收到。每条消息都要经过内核：先被复制进管道，然后接收进程被唤醒，再把消息复制出来。一次往返——ping 过去，pong 回来——就是向另一个进程提一个问题的代价，它比一次函数调用要贵上许多倍。</translation>
    </message>
    <message>
      <source>The arrows zig-zag between the two process lanes: every send is the cause of the receive in the other process. Each side spends most of its time blocked in recv(); the gaps between an arrow's ends are the kernel's wake-up cost.</source>
      <translation>箭头在两个进程的泳道之间来回折返：每次 send 都是另一个进程中相应 receive 的起因。双方大部分时间都阻塞在 recv() 中；箭头两端之间的间隔就是内核的唤醒开销。</translation>
    </message>
    <message>
      <source>round trips</source>
      <translation>往返次数</translation>
    </message>
    <message>
      <source>ProcessPoolExecutor: CPU-bound work in processes</source>
      <translation>ProcessPoolExecutor：在进程中执行 CPU 密集型工作</translation>
    </message>
    <message>
      <source>A ProcessPoolExecutor keeps a few worker processes. Each has its own interpreter, so CPU-bound Python code runs truly in parallel, with no GIL to share. The price: the function and its arguments are pickled and sent to a worker, and the result sent back. map(fn, inputs, chunksize=k) sends k inputs per message, so tiny tasks do not drown in messages.</source>
      <translation>ProcessPoolExecutor 维护若干工作进程。每个工作进程都有自己的解释器，所以 CPU 密集型的 Python 代码能真正并行运行，无需共享 GIL。代价是：函数及其参数要用 pickle 序列化后发送给工作进程，结果也要再发送回来。map(fn, inputs, chunksize=k) 每条消息发送 k 个输入，这样细小的任务就不会被淹没在消息开销里。</translation>
    </message>
    <message>
      <source>Each worker process is a group of lanes. Every call is an arrow from the pool's call queue to the worker that took it, which runs it (task start .. task end) and answers on its result pipe, an arrow back to the pool's manager lane, which fills the future. With a larger chunksize there are fewer, longer calls.</source>
      <translation>每个工作进程都是一组泳道。每次调用都表现为一个箭头，从进程池的调用队列指向取走它的工作进程；工作进程执行这次调用（任务开始 .. 任务结束），并通过自己的结果管道作答，即一个指回进程池管理泳道的箭头，由管理泳道填充对应的 Future。chunksize 越大，调用次数越少，每次调用也越长。</translation>
    </message>
    <message>
      <source>max_workers: worker processes</source>
      <translation>max_workers：工作进程数</translation>
    </message>
    <message>
      <source>how many sums (calls of map)</source>
      <translation>求和的次数（map 的调用次数）</translation>
    </message>
    <message>
      <source>the first n; the sizes are size, size+1, ...</source>
      <translation>第一次求和的 n；各次求和的 n 依次为 size、size+1、……</translation>
    </message>
    <message>
      <source>inputs sent per message</source>
      <translation>每条消息发送的输入数</translation>
    </message>
    <message>
      <source>Data processor: word counts with a process pool</source>
      <translation>数据处理器：用进程池统计词频</translation>
    </message>
    <message>
      <source>A real tool: count word frequencies over a folder of text files. Counting is CPU-bound, so the files are split into chunks and a process pool counts them in parallel (map); the parent merges the partial counts (reduce). A word is a maximal run of ASCII letters and digits, lower-cased. Binary files are skipped and unreadable ones reported: a tool must not crash on a bad file.</source>
      <translation>一个真实的工具：统计一个文件夹中所有文本文件的词频。计数是 CPU 密集型的，所以把文件分成若干块，由进程池并行计数（map）；父进程再合并各部分的计数（reduce）。一个词是由 ASCII 字母和数字组成的最长连续序列，统一转为小写。二进制文件会被跳过，无法读取的文件会被报告出来：工具绝不能因为一个坏文件而崩溃。</translation>
    </message>
    <message>
      <source>Each worker process takes a chunk from the call queue, reads its files (task start .. task end) and sends back its counts; the arrows show each chunk going out and its counts coming back to the manager lane. Larger chunks mean fewer messages but a longer tail when one worker gets the last big chunk.</source>
      <translation>每个工作进程从调用队列中取出一块，读取其中的文件（任务开始 .. 任务结束），然后把计数结果发送回来；箭头显示每一块如何发出，以及它的计数结果如何回到管理泳道。块越大，消息越少，但如果某个工作进程拿到了最后一个大块，收尾时间就会更长。</translation>
    </message>
    <message>
      <source>a folder of text files (empty: a corpus generated from seed)</source>
      <translation>存放文本文件的文件夹（为空时：使用由 seed 生成的语料库）</translation>
    </message>
    <message>
      <source>seed of the generated corpus</source>
      <translation>生成语料库的随机种子</translation>
    </message>
    <message>
      <source>size of the generated corpus (MB; about 64 files)</source>
      <translation>生成语料库的大小（MB；约 64 个文件）</translation>
    </message>
    <message>
      <source>files counted per call</source>
      <translation>每次调用统计的文件数</translation>
    </message>
    <message>
      <source>how many of the most frequent words</source>
      <translation>列出频率最高的前多少个词</translation>
    </message>
    <message>
      <source>asyncio.gather: waiting together</source>
      <translation>asyncio.gather：一起等待</translation>
    </message>
    <message>
      <source>A coroutine that awaits gives the event loop back, so while one fetch waits for its answer the loop runs the others. asyncio.gather starts several coroutines as tasks and waits for all of them: when the work is mostly waiting, the total time is about the longest wait, not the sum — with one thread and no locks.</source>
      <translation>执行 await 的协程会把控制权交还给事件循环，所以在一次抓取等待响应时，事件循环可以运行其他协程。asyncio.gather 把若干协程作为任务启动，并等待它们全部完成：当工作主要是等待时，总耗时约等于最长的那次等待，而不是所有等待之和——只用一个线程，也不需要锁。</translation>
    </message>
    <message>
      <source>The three task lanes sleep side by side, not one after another; the loop lane only briefly resumes each task (the short Resume..Suspend spans). main waits on the gather and is woken by the last task to finish (the arrow from its end). Compare the outcome's total with the sum.</source>
      <translation>三条任务泳道并排休眠，而不是一个接一个；事件循环泳道只是短暂地恢复每个任务（即短小的 Resume..Suspend（恢复..挂起）区间）。main 在 gather 上等待，并由最后一个完成的任务唤醒（即从该任务结尾发出的箭头）。请比较结果中的总耗时与各延迟之和。</translation>
    </message>
    <message>
      <source>seconds per delay unit (the delays are 1, 2 and 1.5 units)</source>
      <translation>每个延迟单位的秒数（各延迟分别为 1、2 和 1.5 个单位）</translation>
    </message>
    <message>
      <source>An async context manager that times a block</source>
      <translation>为代码块计时的异步上下文管理器</translation>
    </message>
    <message>
      <source>`async with` runs code on entering and leaving a block, and the block may await. A timer scope notes the time on entry and reports the elapsed time on exit — whatever the block awaited in between. Timing the same steps awaited one by one and gathered shows what awaiting in sequence costs.</source>
      <translation>`async with` 在进入和离开代码块时运行代码，而代码块内部可以 await。计时器作用域在进入时记下时间，在退出时报告经过的时间——无论代码块在其间 await 了什么。对同样的步骤分别以逐个 await 和用 gather 汇集两种方式计时，就能看出按顺序 await 的代价。</translation>
    </message>
    <message>
      <source>The two timer marks on main's lane bracket each block; the 'sequential' block holds the steps one after another on main's lane, the 'gathered' block runs them as parallel task lanes and lasts about one step.</source>
      <translation>main 泳道上的两个计时器标记框定了每个代码块；'sequential'（顺序）代码块在 main 泳道上一个接一个地执行各步骤，'gathered'（汇集）代码块则把它们作为并行的任务泳道运行，耗时约为一个步骤。</translation>
    </message>
    <message>
      <source>awaited steps in each timed block</source>
      <translation>每个计时代码块中 await 的步骤数</translation>
    </message>
    <message>
      <source>how long each step waits (ms)</source>
      <translation>每个步骤的等待时长（ms）</translation>
    </message>
    <message>
      <source>A blocking call stalls the event loop</source>
      <translation>阻塞调用让事件循环停滞</translation>
    </message>
    <message>
      <source>An event loop runs one coroutine at a time on one thread and switches only at an await. A coroutine that calls something blocking (time.sleep, a synchronous download, heavy computing) keeps the thread, so no other coroutine runs until it returns. The fix is to off-load the blocking call to a worker thread (asyncio.to_thread) and await that.</source>
      <translation>事件循环在一个线程上一次只运行一个协程，并且只在 await 处切换。如果某个协程调用了阻塞操作（time.sleep、同步下载、繁重的计算），它就会一直占着线程，在该调用返回之前，其他协程都无法运行。修复方法是把阻塞调用转交给一个工作线程执行（asyncio.to_thread），然后 await 它。</translation>
    </message>
    <message>
      <source>Without the fix, the loop lane shows one long Resume..Suspend span for the blocker while the tickers are ready but do not run: their ticks come late all at once, and the run is diagnosed 'loop_blocked'. With fix=true the sleep runs on a worker thread lane, the blocker awaits it, and the tickers keep their beat.</source>
      <translation>不修复时，事件循环泳道上会出现阻塞协程的一段很长的 Resume..Suspend（恢复..挂起）区间，而各个节拍协程虽已就绪却得不到运行：它们的节拍迟迟不到，随后一下子全部涌来，这次运行被诊断为 'loop_blocked'。设置 fix=true 时，sleep 在一条工作线程泳道上运行，阻塞协程 await 它，各个节拍协程也能保持节拍。</translation>
    </message>
    <message>
      <source>off-load the blocking call to a thread (asyncio.to_thread)</source>
      <translation>把阻塞调用转交给线程执行（asyncio.to_thread）</translation>
    </message>
    <message>
      <source>how long the blocking call takes (ms)</source>
      <translation>阻塞调用的耗时（ms）</translation>
    </message>
    <message>
      <source>coroutines that tick meanwhile</source>
      <translation>其间按节拍运行的协程数</translation>
    </message>
    <message>
      <source>a ticker's period (ms)</source>
      <translation>节拍协程的周期（ms）</translation>
    </message>
    <message>
      <source>Producer-consumer with an asyncio.Queue</source>
      <translation>使用 asyncio.Queue 的生产者-消费者</translation>
    </message>
    <message>
      <source>asyncio.Queue is the coroutine version of queue.Queue: put() waits while it is full, get() while it is empty, and both give the loop to other tasks meanwhile. task_done() and join() tell when every item has been processed, after which the idle consumers are simply cancelled — their pending get() ends with CancelledError.</source>
      <translation>asyncio.Queue 是 queue.Queue 的协程版本：put() 在队列满时等待，get() 在队列空时等待，等待期间两者都会把事件循环让给其他任务。task_done() 和 join() 用来判断何时每个条目都已处理完毕；此后空闲的消费者直接被取消——它们尚未完成的 get() 以 CancelledError 告终。</translation>
    </message>
    <message>
      <source>The queue's level rises to maxsize and producers wait on put; every put -&gt; get arrow follows one item to the consumer task that took it. When main's join returns, each consumer's last wait (a get) ends cancelled.</source>
      <translation>队列的填充量升到 maxsize，生产者在 put 上等待；每个 put -&gt; get 箭头跟踪一个条目，直到取走它的消费者任务。main 的 join 返回时，每个消费者的最后一次等待（一次 get）都以取消告终。</translation>
    </message>
    <message>
      <source>producer tasks</source>
      <translation>生产者任务数</translation>
    </message>
    <message>
      <source>consumer tasks</source>
      <translation>消费者任务数</translation>
    </message>
    <message>
      <source>items per producer</source>
      <translation>每个生产者的条目数</translation>
    </message>
    <message>
      <source>the queue's maxsize (0: unbounded)</source>
      <translation>队列的 maxsize（0：无界）</translation>
    </message>
    <message>
      <source>a producer's pause after each put (ms)</source>
      <translation>生产者每次 put 之后的停顿（ms）</translation>
    </message>
    <message>
      <source>a consumer's work per item (ms)</source>
      <translation>消费者处理每个条目的工作量（ms）</translation>
    </message>
    <message>
      <source>Timeouts and cancellation</source>
      <translation>超时与取消</translation>
    </message>
    <message>
      <source>asyncio.wait_for(aw, timeout) gives up on an awaitable that takes too long: it cancels the operation being awaited — a CancelledError is raised at that await, so cleanup code runs — and raises TimeoutError. task.cancel() does the same to a whole task, wherever it is waiting: on a sleep, a lock, an event, a queue or a socket.</source>
      <translation>asyncio.wait_for(aw, timeout) 会放弃耗时过长的可等待对象：它取消正在被 await 的操作——在那个 await 处抛出 CancelledError，使清理代码得以运行——然后抛出 TimeoutError。task.cancel() 对整个任务做同样的事，无论它在等待什么：sleep、锁、事件、队列还是套接字。</translation>
    </message>
    <message>
      <source>The fast jobs' sleeps end normally; the slow jobs' sleeps end early, exactly at the timeout. The two stuck tasks wait on an event and a queue nobody feeds until main cancels them: their waits end cancelled, and main's awaits of them end with the arrows from their ends.</source>
      <translation>快作业的 sleep 正常结束；慢作业的 sleep 提前结束，恰好在超时时刻。两个卡住的任务分别在一个事件和一个无人供给的队列上等待，直到 main 取消它们：它们的等待以取消告终，而 main 对它们的 await 随之结束，箭头从它们的结尾发出。</translation>
    </message>
    <message>
      <source>jobs under wait_for; their lengths spread from 1/6 to 11/6 of the timeout</source>
      <translation>受 wait_for 约束的作业数；它们的时长分布在超时时间的 1/6 到 11/6 之间</translation>
    </message>
    <message>
      <source>wait_for's timeout (ms)</source>
      <translation>wait_for 的超时时间（ms）</translation>
    </message>
    <message>
      <source>when main cancels the two stuck tasks (ms)</source>
      <translation>main 取消两个卡住任务的时刻（ms）</translation>
    </message>
    <message>
      <source>Async web crawler</source>
      <translation>异步网络爬虫</translation>
    </message>
    <message>
      <source>A crawler spends nearly all its time waiting for servers, so one thread with coroutines can keep many requests in flight. Each page is a task: it takes a permit from an asyncio.Semaphore (at most `concurrency` fetches at once), fetches, waits a politeness delay, then schedules a task for every link on the same host and port it has not seen yet. The visited set guarantees every page is fetched exactly once, however many pages link to it and however links loop.</source>
      <translation>爬虫几乎把所有时间都花在等待服务器上，所以一个线程配合协程就能让许多请求同时进行。每个页面是一个任务：它从一个 asyncio.Semaphore 取得一个许可（同一时刻最多进行 `concurrency` 个抓取），执行抓取，等待一段礼貌延迟，然后为页面中每个指向同一主机和端口、且尚未见过的链接调度一个任务。已访问集合保证每个页面恰好只抓取一次，无论有多少页面链接到它，也无论链接如何成环。</translation>
    </message>
    <message>
      <source>The event loop's lane switches between many short task runs; the task lanes spend their lives in I/O waits on sockets and in the semaphore's queue. Never more than `concurrency` tasks hold a permit. Broken links end as errors with their URL, links to other hosts are never followed, and pages deep in a chain are found only after the pages that lead to them.</source>
      <translation>事件循环的泳道在许多短暂的任务运行之间切换；任务泳道一生中的大部分时间都在等待套接字上的 I/O，或是在信号量的队列中排队。持有许可的任务从不超过 `concurrency` 个。失效链接以错误告终并附带其 URL，指向其他主机的链接从不跟进，而链条深处的页面只有在通往它们的页面之后才会被发现。</translation>
    </message>
    <message>
      <source>where to start (http:// only); empty: a generated site on a local server this run starts</source>
      <translation>起始地址（仅限 http://）；为空时：使用本次运行启动的本地服务器上的一个生成站点</translation>
    </message>
    <message>
      <source>fetches in flight at once</source>
      <translation>同时进行的抓取数</translation>
    </message>
    <message>
      <source>URLs to visit at most</source>
      <translation>最多访问的 URL 数</translation>
    </message>
    <message>
      <source>politeness delay after each fetch, in seconds</source>
      <translation>每次抓取后的礼貌延迟，单位为秒</translation>
    </message>
    <message>
      <source>generated site: HTML pages</source>
      <translation>生成站点：HTML 页面数</translation>
    </message>
    <message>
      <source>generated site: its seed</source>
      <translation>生成站点：随机种子</translation>
    </message>
    <message>
      <source>generated site: the server's latency per response (ms)</source>
      <translation>生成站点：服务器每次响应的延迟（ms）</translation>
    </message>
    <message>
      <source>Sequential vs threads vs coroutines</source>
      <translation>顺序执行、线程与协程</translation>
    </message>
    <message>
      <source>Fetching a URL is mostly waiting for the server. Done one after another, N fetches take N times the server's latency. With a thread per fetch, the waits overlap and the total is about one latency. Coroutines overlap them too, on one thread: each fetch suspends at its socket and the event loop runs the next one.</source>
      <translation>抓取一个 URL 主要是在等待服务器。一个接一个地做，N 次抓取要花 N 倍的服务器延迟。每次抓取用一个线程时，各次等待相互重叠，总耗时约为一次延迟。协程同样能让等待重叠，而且只用一个线程：每次抓取都在自己的套接字上挂起，由事件循环运行下一个。</translation>
    </message>
    <message>
      <source>The sequential part is one long staircase of I/O waits on the main lane. The threaded part shows N thread lanes waiting side by side. The coroutine part shows N task lanes waiting side by side while the single loop lane runs each of them for a moment. Compare the three wall times in the outcome.</source>
      <translation>顺序部分是主泳道上一段长长的阶梯状 I/O 等待。线程部分显示 N 条线程泳道并排等待。协程部分显示 N 条任务泳道并排等待，而唯一的事件循环泳道轮流让每个任务运行片刻。请比较结果中的三个实际耗时（wall time）。</translation>
    </message>
    <message>
      <source>how many URLs to fetch</source>
      <translation>要抓取的 URL 数</translation>
    </message>
    <message>
      <source>how long the server takes to answer each request (ms)</source>
      <translation>服务器应答每个请求的耗时（ms）</translation>
    </message>
    <message>
      <source>Performance: threads, GIL, processes, coroutines</source>
      <translation>性能：线程、GIL、进程与协程</translation>
    </message>
    <message>
      <source>Which model makes a program faster depends on what it waits for. CPU-bound work (summing squares) only goes faster when parts run on several cores at once: threads and processes do that, but Python's threads hold the GIL while they compute, so they take turns and gain nothing, and coroutines all run on one event-loop thread. I/O-bound work (waiting for replies) goes faster whenever the waits overlap: threads, processes and coroutines all do that, and the GIL does not matter, since a thread lets it go while it waits. Speedup is the sequential wall time divided by the model's; efficiency is speedup per worker.</source>
      <translation>哪种模型能让程序变快，取决于程序在等待什么。CPU 密集型工作（求平方和）只有在各部分同时运行在多个核心上时才会变快：线程和进程都能做到，但 Python 的线程在计算时持有 GIL，只能轮流执行，毫无收益；而协程全都运行在同一个事件循环线程上。I/O 密集型工作（等待响应）只要各次等待能相互重叠就会变快：线程、进程和协程都能做到，而且 GIL 无关紧要，因为线程在等待时会释放它。加速比是顺序执行的墙钟时间除以该模型的墙钟时间；效率是平均到每个工作者的加速比。</translation>
    </message>
    <message>
      <source>The outcome table: CPU-bound, threads and processes reach about the number of cores, GIL threads and coroutines stay near 1, and CPU time stays about the same everywhere (the same work, spread or not). I/O-bound, every concurrent model approaches `workers`. In the timeline the "cpu GIL threads" lanes alternate running and ready (waiting for the GIL) every switch interval, the GIL's handovers drawn as arrows; the "cpu coroutine" lanes take turns on the one loop lane; the "io" lanes sleep side by side.</source>
      <translation>看结果表：CPU 密集型时，线程和进程的加速比约等于核心数，GIL 线程和协程停留在 1 附近，而 CPU 时间在各处大致相同（同样的工作，无论是否分摊）。I/O 密集型时，每种并发模型的加速比都接近 `workers`。在时间线上，&quot;cpu GIL threads&quot; 泳道每隔一个切换间隔就在运行与就绪（等待 GIL）之间交替，GIL 的移交画成箭头；&quot;cpu coroutine&quot; 泳道在唯一的事件循环泳道上轮流运行；&quot;io&quot; 泳道并排休眠。</translation>
    </message>
    <message>
      <source>parts each workload is split into: threads, processes or coroutines at once</source>
      <translation>每项工作负载拆分成的部分数，即同时运行的线程、进程或协程数</translation>
    </message>
    <message>
      <source>CPU-bound: sum the squares of 1..n (a third of a nanosecond or so per number on one core)</source>
      <translation>CPU 密集型：求 1..n 的平方和（单核上每个数约需三分之一纳秒）</translation>
    </message>
    <message>
      <source>I/O-bound: how long each part waits (ms)</source>
      <translation>I/O 密集型：每个部分等待多久（ms）</translation>
    </message>
    <message>
      <source>the GIL's switch interval (ms; CPython's default is 5)</source>
      <translation>GIL 的切换间隔（ms；CPython 默认为 5）</translation>
    </message>
    <message>
      <source>Concurrency vs parallelism: one core or two</source>
      <translation>并发与并行：一个核心还是两个</translation>
    </message>
    <message>
      <source>Concurrency is having several tasks in progress at once; parallelism is running several at the same instant. Two threads pinned to one core are concurrent: the operating system lets them take turns, a few milliseconds each, so both progress but together they take as long as doing the work one after the other. Pinned to two cores they run in parallel and finish in about half the time. Parallelism needs several cores; concurrency does not.</source>
      <translation>并发是指同时有多个任务处于进行之中；并行是指在同一时刻真正同时运行多个任务。绑定在一个核心上的两个线程是并发的：操作系统让它们轮流运行，每次几毫秒，所以两者都在推进，但加起来花的时间和一个接一个地做完一样长。绑定在两个核心上时，它们并行运行，大约只需一半的时间。并行需要多个核心；并发则不需要。</translation>
    </message>
    <message>
      <source>The recorder cannot see the operating system's scheduler, so a thread that was taken off its CPU still looks running. Each thread therefore watches its own loop: when the time between two steps (a few microseconds of work) jumps past 1 ms, it was not running meanwhile, and it records a Mark "descheduled" with how long (in microseconds). On one core the two lanes' Marks alternate, every few milliseconds: they take turns. On two cores there are almost none. Compare the two wall times, and the CPU times, which stay about the same.</source>
      <translation>记录器看不到操作系统的调度器，所以一个被调度下 CPU 的线程看起来仍在运行。因此每个线程都盯着自己的循环：当两步之间的时间（每步只有几微秒的工作）突然超过 1 ms 时，说明它在这期间没有运行，于是它记录一个 &quot;descheduled&quot; 标记，并附上时长（以微秒计）。在一个核心上，两条泳道的标记每隔几毫秒交替出现：它们在轮流运行。在两个核心上则几乎没有这种标记。请比较两次的墙钟时间，以及大致不变的 CPU 时间。</translation>
    </message>
    <message>
      <source>sum the squares of 1..n, half on each thread (a third of a nanosecond or so per number on one core)</source>
      <translation>求 1..n 的平方和，两个线程各算一半（单核上每个数约需三分之一纳秒）</translation>
    </message>
    <message>
      <source>Multi-threaded downloader</source>
      <translation>多线程下载器</translation>
    </message>
    <message>
      <source>A download is mostly waiting for the network, and a server often limits each connection's speed. Splitting the file into byte ranges (HTTP Range requests) and fetching each range on its own thread and connection multiplies the speed until something else is the limit: the server, the link, the disk or the CPU. Each part writes its bytes straight into place in a preallocated file. A part whose connection drops asks again from the first byte it is missing, not from its start. The file gets its name only once it is complete and its SHA-256 is right, so an interrupted download never looks finished. A server without Range support gets one part.</source>
      <translation>下载的大部分时间都在等待网络，而服务器往往会限制每个连接的速度。把文件拆分成若干字节范围（HTTP Range 请求），每个范围用各自的线程和连接去获取，速度就会成倍提升，直到其他因素成为瓶颈：服务器、链路、磁盘或 CPU。每个部分把自己的字节直接写到预先分配好的文件中的相应位置。某个部分的连接断开后，它会从自己缺失的第一个字节重新请求，而不是从头开始。只有在文件完整且 SHA-256 正确之后，文件才会得到它的名字，因此中断的下载绝不会看起来像已完成。对不支持 Range 的服务器，只用一个部分。</translation>
    </message>
    <message>
      <source>Each part is a lane named 'part N' that spends its life in an I/O wait on its own socket; the event log shows its progress marks every 10% and, with drop_after_kb set, the cut, the reason and the byte it resumes from. The main lane probes the server first, then waits to join the parts, then computes the checksum, while a lane of its own computes the expected checksum from the file's generator. Run it with parts=1, 2, 4, 8 (or sweep parts=1..8) and compare elapsed_ns: each part adds one connection's worth of bandwidth (32 MB/s by default) until the machine's own limit, where more threads stop helping; bandwidth_mbps=0 shows that limit alone.</source>
      <translation>每个部分是一条名为 &apos;part N&apos; 的泳道，它一生中的大部分时间都在自己的套接字上等待 I/O；事件日志每到 10% 显示一次它的进度标记，设置了 drop_after_kb 时，还会显示连接被切断、切断的原因以及从哪个字节恢复。main 泳道先探测服务器，然后等待 join 各个部分，再计算校验和；与此同时，另一条专门的泳道根据文件的生成器计算预期的校验和。分别用 parts=1、2、4、8 运行（或对 parts=1..8 做参数扫描），比较 elapsed_ns：每增加一个部分，就多出一个连接的带宽（默认 32 MB/s），直到达到机器本身的上限，此后再加线程也无济于事；bandwidth_mbps=0 单独显示这个上限。</translation>
    </message>
    <message>
      <source>the file to download (http:// only); empty: a generated file of size_mb on a local server this run starts</source>
      <translation>要下载的文件（仅限 http://）；留空：由本次运行启动的本地服务器提供一个大小为 size_mb 的生成文件</translation>
    </message>
    <message>
      <source>byte ranges fetched at once, a thread each</source>
      <translation>同时获取的字节范围数，每个范围一个线程</translation>
    </message>
    <message>
      <source>local server: the file's size in MiB</source>
      <translation>本地服务器：文件大小（MiB）</translation>
    </message>
    <message>
      <source>local server: the speed limit of each connection in megabits per second (8 Mbit/s = 1 MB/s); 0: no limit</source>
      <translation>本地服务器：每个连接的限速，单位为兆比特每秒（8 Mbit/s = 1 MB/s）；0：不限速</translation>
    </message>
    <message>
      <source>local server: cut each part's first connection after this many KiB of its body (failure injection); 0: never</source>
      <translation>本地服务器：每个部分的第一个连接在传输这么多 KiB 的响应体后被切断（故障注入）；0：从不切断</translation>
    </message>
    <message>
      <source>further tries of a part that failed</source>
      <translation>失败的部分再重试的次数</translation>
    </message>
    <message>
      <source>where to save the file; empty: a temporary file, removed after the run</source>
      <translation>文件的保存位置；留空：使用临时文件，运行结束后删除</translation>
    </message>
    <message>
      <source>Concurrent web server: thread, pool, event loop</source>
      <translation>并发 Web 服务器：线程、线程池与事件循环</translation>
    </message>
    <message>
      <source>A web server spends most of its time waiting: for a client to send, for a slow disk or database, for the network to take the reply. Three classic designs keep many clients served. A thread per connection is simple and lets the operating system switch between waits, at the price of a thread per client. A thread pool caps the threads: accepted connections wait in a bounded queue until a worker is free, and a worker stays with its connection for as long as the client keeps it alive. An event loop serves every connection on one thread: each read, write and wait is an await, and the loop runs whichever connection is ready. The same handler answers in all three, and the same load measures them: requests per second and the latency percentiles p50, p90, p99 and max. Slow clients, which send a request a byte at a time, show what each design costs: a thread each, a worker each, or nothing. Malformed and oversized requests are refused (400, 431, 413) while everyone else is served.</source>
      <translation>Web 服务器的大部分时间都在等待：等客户端发来数据，等缓慢的磁盘或数据库，等网络把响应送走。有三种经典设计能让许多客户端都得到服务。每个连接一个线程：做法简单，由操作系统在各个等待之间切换，代价是每个客户端占用一个线程。线程池限制线程的数量：已接受的连接在一个有界队列中等待，直到有工作线程空闲下来；只要客户端保持连接（keep-alive），工作线程就一直服务这个连接。事件循环在一个线程上服务所有连接：每次读、写和等待都是一次 await，事件循环运行已就绪的任意一个连接。三种设计都由同一个处理函数作答，并用同样的负载来衡量：每秒请求数，以及延迟百分位数 p50、p90、p99 和最大值。慢速客户端每次只发送请求的一个字节，它们揭示了每种设计的代价：每个占一个线程、每个占一个工作线程，或者毫无代价。格式错误和过大的请求会被拒绝（400、431、413），其他所有客户端照常得到服务。</translation>
    </message>
    <message>
      <source>Thread model: the acceptor lane starts a 'conn #n' lane per client, each waiting on its socket between requests. Pool model: the queue 'accepted connections' fills up to queue_size while the workers are busy, the acceptor waits to put, and latency p99 and max grow with the time a client waited for a worker. Async model: one loop lane runs short bursts of many 'conn #n' task lanes. With work=cpu the event loop can run only one handler at a time. With slow_clients, compare the fast clients' p99 across the models: the pool's workers are held by the slow ones, the other models do not care. The prober lane's bad requests end with their connection closed; every load request is still answered.</source>
      <translation>thread 模型：acceptor 泳道为每个客户端启动一条 &apos;conn #n&apos; 泳道，每条泳道在两次请求之间都在自己的套接字上等待。pool 模型：工作线程都在忙时，队列 &apos;accepted connections&apos; 会一直填充到 queue_size，acceptor 在 put 上等待，延迟的 p99 和最大值随客户端等待工作线程的时间而增长。async 模型：一条事件循环泳道一小段一小段地运行许多 &apos;conn #n&apos; 任务泳道。当 work=cpu 时，事件循环一次只能运行一个处理函数。设置 slow_clients 时，比较各模型中快速客户端的 p99：线程池的工作线程被慢速客户端占住，而其他模型不受影响。prober 泳道发出的错误请求以连接被关闭告终；每个负载请求仍然都会得到响应。</translation>
    </message>
    <message>
      <source>which server model to run (all: each in turn)</source>
      <translation>要运行的服务器模型（all：依次运行每一种）</translation>
    </message>
    <message>
      <source>concurrent keep-alive clients</source>
      <translation>并发的 keep-alive 客户端数</translation>
    </message>
    <message>
      <source>requests in all, shared out among the clients</source>
      <translation>请求总数，分摊给各个客户端</translation>
    </message>
    <message>
      <source>extra clients that send each request a byte at a time</source>
      <translation>额外的客户端数，它们逐字节发送每个请求</translation>
    </message>
    <message>
      <source>pool model: worker threads</source>
      <translation>pool 模型：工作线程数</translation>
    </message>
    <message>
      <source>pool model: accepted connections that may wait for a worker</source>
      <translation>pool 模型：可以排队等待工作线程的已接受连接数</translation>
    </message>
    <message>
      <source>what a request costs: waiting (as for a database) or CPU</source>
      <translation>请求的开销是什么：等待（如等待数据库）还是 CPU</translation>
    </message>
    <message>
      <source>milliseconds of that work per request (0: none)</source>
      <translation>每个请求中这类工作的毫秒数（0：无）</translation>
    </message>
    <message>
      <source>port on 127.0.0.1 (0: any free port); the models take turns</source>
      <translation>127.0.0.1 上的端口（0：任一空闲端口）；各模型轮流使用</translation>
    </message>
  </context>
</TS>
