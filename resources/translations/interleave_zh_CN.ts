<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>il::ui</name>
    <message>
        <source>Wall time</source>
        <translation>墙钟时间</translation>
    </message>
    <message>
        <source>Wall time (ms)</source>
        <translation>墙钟时间（毫秒）</translation>
    </message>
    <message>
        <source>Median</source>
        <translation>中位数</translation>
    </message>
    <message>
        <source>Fastest</source>
        <translation>最快</translation>
    </message>
    <message>
        <source>Slowest</source>
        <translation>最慢</translation>
    </message>
    <message>
        <source>Speedup</source>
        <translation>加速比</translation>
    </message>
    <message>
        <source>Speedup (×)</source>
        <translation>加速比（×）</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>实测</translation>
    </message>
    <message>
        <source>Ideal</source>
        <translation>理想值</translation>
    </message>
    <message>
        <source>Amdahl fit (serial fraction %1)</source>
        <translation>阿姆达尔定律拟合（串行比例 %1）</translation>
    </message>
    <message>
        <source>Efficiency</source>
        <translation>效率</translation>
    </message>
    <message>
        <source>Efficiency (speedup ÷ ideal)</source>
        <translation>效率（加速比 ÷ 理想值）</translation>
    </message>
</context>
<context>
    <name>il::ui::ChartExportDialog</name>
    <message>
        <source>Dark theme</source>
        <translation>深色主题</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>PNG image</source>
        <translation>PNG 图像</translation>
    </message>
    <message>
        <source>SVG drawing</source>
        <translation>SVG 矢量图</translation>
    </message>
    <message>
        <source>PDF document</source>
        <translation>PDF 文档</translation>
    </message>
    <message>
        <source>CSV data</source>
        <translation>CSV 数据</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Written into the PNG and sets the PDF&apos;s page size; text keeps its printed size</source>
        <translation>写入 PNG 文件，并决定 PDF 的页面尺寸；文字保持其打印尺寸</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>Width:</source>
        <translation>宽度：</translation>
    </message>
    <message>
        <source>Height:</source>
        <translation>高度：</translation>
    </message>
    <message>
        <source>DPI:</source>
        <translation>DPI：</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf);;CSV data (*.csv)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg);;PDF 文档 (*.pdf);;CSV 数据 (*.csv)</translation>
    </message>
    <message>
        <source>Choose a file to write.</source>
        <translation>请选择要写入的文件。</translation>
    </message>
</context>
<context>
    <name>il::ui::Charts</name>
    <message>
        <source>from</source>
        <translation>起点</translation>
    </message>
    <message>
        <source>to</source>
        <translation>终点</translation>
    </message>
    <message>
        <source>this sweep has no finished runs to chart</source>
        <translation>这次扫描没有可供绘图的已完成运行</translation>
    </message>
    <message>
        <source>this run has no lane that ran</source>
        <translation>本次运行中没有运行过的泳道</translation>
    </message>
    <message>
        <source>this run&apos;s outcome compares no models (no values with wall_ns)</source>
        <translation>本次运行的结果没有比较任何模型（没有带 wall_ns 的值）</translation>
    </message>
    <message>
        <source>this run has no locks</source>
        <translation>本次运行没有锁</translation>
    </message>
    <message>
        <source>no lock was held and released in this run</source>
        <translation>本次运行中没有锁被持有后再释放</translation>
    </message>
    <message>
        <source>no lane waited for a lock in this run</source>
        <translation>本次运行中没有泳道等待过锁</translation>
    </message>
    <message>
        <source>this run has no queues</source>
        <translation>本次运行没有队列</translation>
    </message>
    <message>
        <source>Items taken from queues</source>
        <translation>从队列取出的条目</translation>
    </message>
    <message>
        <source>Tasks finished</source>
        <translation>完成的任务</translation>
    </message>
    <message>
        <source>Lanes finished</source>
        <translation>结束的泳道</translation>
    </message>
    <message>
        <source>this run took no time: no rate over time to show</source>
        <translation>本次运行耗时为零：没有随时间变化的速率可显示</translation>
    </message>
    <message>
        <source>nothing completed in this run (no queue gets, finished tasks or lanes)</source>
        <translation>本次运行中没有任何完成项（没有队列取出，也没有完成的任务或结束的泳道）</translation>
    </message>
</context>
<context>
    <name>il::ui::ChartsView</name>
    <message>
        <source>Chart:</source>
        <translation>图表：</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Which chart to show</source>
        <translation>要显示哪个图表</translation>
    </message>
    <message>
        <source>Save the chart as PNG, SVG or PDF, or its data as CSV</source>
        <translation>将图表保存为 PNG、SVG 或 PDF，或将其数据保存为 CSV</translation>
    </message>
    <message>
        <source>This run has no charts yet.</source>
        <translation>本次运行还没有图表。</translation>
    </message>
    <message>
        <source>This sweep has no finished runs to chart.</source>
        <translation>这次扫描没有可供绘图的已完成运行。</translation>
    </message>
    <message>
        <source>Run a scenario or a sweep to see its charts.</source>
        <translation>运行一个场景或一次参数扫描，即可查看其图表。</translation>
    </message>
</context>
<context>
    <name>il::ui::Colors</name>
    <message>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>阻塞</translation>
    </message>
    <message>
        <source>Sleeping</source>
        <translation>休眠</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>lock</source>
        <translation>锁</translation>
    </message>
    <message>
        <source>semaphore</source>
        <translation>信号量</translation>
    </message>
    <message>
        <source>condition</source>
        <translation>条件变量</translation>
    </message>
    <message>
        <source>event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>queue put</source>
        <translation>队列放入</translation>
    </message>
    <message>
        <source>queue get</source>
        <translation>队列取出</translation>
    </message>
    <message>
        <source>queue join</source>
        <translation>队列 join</translation>
    </message>
    <message>
        <source>barrier</source>
        <translation>屏障</translation>
    </message>
    <message>
        <source>join</source>
        <translation>等待结束（join）</translation>
    </message>
    <message>
        <source>future</source>
        <translation>Future</translation>
    </message>
    <message>
        <source>GIL</source>
        <translation>GIL</translation>
    </message>
    <message>
        <source>I/O</source>
        <translation>I/O</translation>
    </message>
    <message>
        <source>release → acquire</source>
        <translation>释放 → 获取</translation>
    </message>
    <message>
        <source>notify → wake</source>
        <translation>通知 → 唤醒</translation>
    </message>
    <message>
        <source>set → wake</source>
        <translation>设置 → 唤醒</translation>
    </message>
    <message>
        <source>put → get</source>
        <translation>放入 → 取出</translation>
    </message>
    <message>
        <source>end → join</source>
        <translation>结束 → join</translation>
    </message>
    <message>
        <source>send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>receive</source>
        <translation>接收</translation>
    </message>
    <message>
        <source>await</source>
        <translation>await 等待</translation>
    </message>
    <message>
        <source>send → receive</source>
        <translation>发送 → 接收</translation>
    </message>
</context>
<context>
    <name>il::ui::CompareModel</name>
    <message>
        <source>What</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Top run</source>
        <translation>上方运行</translation>
    </message>
    <message>
        <source>Bottom run</source>
        <translation>下方运行</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Changed by %1 % or more, or present in one run only</source>
        <translation>变化达到 %1 % 或以上，或只出现在一次运行中</translation>
    </message>
</context>
<context>
    <name>il::ui::ComparePane</name>
    <message>
        <source>(no scenario)</source>
        <translation>（无场景）</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>NOT OK</source>
        <translation>未通过</translation>
    </message>
</context>
<context>
    <name>il::ui::CompareText</name>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Events recorded</source>
        <translation>记录的事件</translation>
    </message>
    <message>
        <source>Events dropped</source>
        <translation>丢弃的事件</translation>
    </message>
    <message>
        <source>Lanes</source>
        <translation>泳道数</translation>
    </message>
    <message>
        <source>Acquisitions</source>
        <translation>获取次数</translation>
    </message>
    <message>
        <source>Contended acquisitions</source>
        <translation>发生争用的获取</translation>
    </message>
    <message>
        <source>Total wait</source>
        <translation>总等待时间</translation>
    </message>
    <message>
        <source>Wait p50</source>
        <translation>等待 p50</translation>
    </message>
    <message>
        <source>Wait p95</source>
        <translation>等待 p95</translation>
    </message>
    <message>
        <source>Longest wait</source>
        <translation>最长等待</translation>
    </message>
    <message>
        <source>Hold p50</source>
        <translation>持有 p50</translation>
    </message>
    <message>
        <source>Longest hold</source>
        <translation>最长持有</translation>
    </message>
    <message>
        <source>Puts</source>
        <translation>放入次数</translation>
    </message>
    <message>
        <source>Gets</source>
        <translation>取出次数</translation>
    </message>
    <message>
        <source>Mean fill (items)</source>
        <translation>平均填充（项）</translation>
    </message>
    <message>
        <source>Highest fill (items)</source>
        <translation>最高填充（项）</translation>
    </message>
    <message>
        <source>Time full</source>
        <translation>满队列时间</translation>
    </message>
    <message>
        <source>Time empty</source>
        <translation>空队列时间</translation>
    </message>
    <message>
        <source>Utilisation</source>
        <translation>利用率</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>阻塞</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Sleeping</source>
        <translation>休眠</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Lock: %1</source>
        <translation>锁：%1</translation>
    </message>
    <message>
        <source>Queue: %1</source>
        <translation>队列：%1</translation>
    </message>
    <message>
        <source>Lane: %1</source>
        <translation>泳道：%1</translation>
    </message>
    <message>
        <source>Other measure</source>
        <translation>其他指标</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>top run only</source>
        <translation>仅上方运行</translation>
    </message>
    <message>
        <source>bottom run only</source>
        <translation>仅下方运行</translation>
    </message>
    <message>
        <source>±0 %</source>
        <translation>±0 %</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新出现</translation>
    </message>
    <message>
        <source>%1%2 %</source>
        <translation>%1%2 %</translation>
    </message>
</context>
<context>
    <name>il::ui::CompareWindow</name>
    <message>
        <source>Compare runs — %1 / %2</source>
        <translation>比较运行 — %1 / %2</translation>
    </message>
    <message>
        <source>What changed from the top run to the bottom run (highlighted: %1 % or more)</source>
        <translation>从上方运行到下方运行的变化（高亮：%1 % 或以上）</translation>
    </message>
</context>
<context>
    <name>il::ui::DiagnosticsPanel</name>
    <message>
        <source>Deadlock</source>
        <translation>死锁</translation>
    </message>
    <message>
        <source>Stall</source>
        <translation>停滞</translation>
    </message>
    <message>
        <source>Lock convoy</source>
        <translation>锁护航</translation>
    </message>
    <message>
        <source>Thundering herd</source>
        <translation>惊群</translation>
    </message>
    <message>
        <source>Lost update</source>
        <translation>丢失更新</translation>
    </message>
    <message>
        <source>Starvation</source>
        <translation>饥饿</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Time since start</source>
        <translation>距开始时间</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>发生了什么</translation>
    </message>
    <message>
        <source>Still running…</source>
        <translation>仍在运行…</translation>
    </message>
    <message>
        <source>No problems found</source>
        <translation>未发现问题</translation>
    </message>
    <message>
        <source>Event loop blocked</source>
        <translation>事件循环被阻塞</translation>
    </message>
    <message>
        <source>Task never finished</source>
        <translation>任务从未结束</translation>
    </message>
    <message>
        <source>Task never awaited</source>
        <translation>任务从未被 await</translation>
    </message>
</context>
<context>
    <name>il::ui::EventLogModel</name>
    <message>
        <source>Time since start</source>
        <translation>距开始时间</translation>
    </message>
    <message>
        <source>Lane</source>
        <translation>泳道</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>il::ui::EventLogView</name>
    <message>
        <source>Show the events of one lane</source>
        <translation>只显示某一条泳道的事件</translation>
    </message>
    <message>
        <source>Show the events on one object</source>
        <translation>只显示某一个对象上的事件</translation>
    </message>
    <message>
        <source>Show one kind of event</source>
        <translation>只显示某一类事件</translation>
    </message>
    <message>
        <source>All lanes</source>
        <translation>所有泳道</translation>
    </message>
    <message>
        <source>All objects</source>
        <translation>所有对象</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>All events</source>
        <translation>所有事件</translation>
    </message>
</context>
<context>
    <name>il::ui::EventText</name>
    <message>
        <source>object %1</source>
        <translation>对象 %1</translation>
    </message>
    <message>
        <source>%1 &apos;%2&apos;</source>
        <translation>%1 &apos;%2&apos;</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>1 item</source>
        <translation>1 个条目</translation>
    </message>
    <message>
        <source>%1 items</source>
        <translation>%1 个条目</translation>
    </message>
    <message>
        <source>woke 1 waiter</source>
        <translation>唤醒了 1 个等待者</translation>
    </message>
    <message>
        <source>woke %1 waiters</source>
        <translation>唤醒了 %1 个等待者</translation>
    </message>
    <message>
        <source>%1 waits for %2</source>
        <translation>%1 等待 %2</translation>
    </message>
    <message>
        <source>%1 waits on %2 (wait)</source>
        <translation>%1 在 %2 上等待（wait）</translation>
    </message>
    <message>
        <source>%1 waits for %2 to be set</source>
        <translation>%1 等待 %2 被设置</translation>
    </message>
    <message>
        <source>%1 waits on %2 (put: it is full)</source>
        <translation>%1 在 %2 上等待（put：队列已满）</translation>
    </message>
    <message>
        <source>%1 waits on %2 (get: it is empty)</source>
        <translation>%1 在 %2 上等待（get：队列为空）</translation>
    </message>
    <message>
        <source>%1 waits on %2 (join: until every item is done)</source>
        <translation>%1 在 %2 上等待（join：直到每个条目都处理完）</translation>
    </message>
    <message>
        <source>%1 waits at %2 for the other parties</source>
        <translation>%1 在 %2 处等待其他参与方</translation>
    </message>
    <message>
        <source>%1 waits for %2 to finish (join)</source>
        <translation>%1 等待 %2 结束（join）</translation>
    </message>
    <message>
        <source>%1 waits for %2 futures</source>
        <translation>%1 等待 %2 个 Future</translation>
    </message>
    <message>
        <source>%1 waits for the result of %2</source>
        <translation>%1 等待 %2 的结果</translation>
    </message>
    <message>
        <source>%1 waits for the GIL</source>
        <translation>%1 等待 GIL</translation>
    </message>
    <message>
        <source>%1 waits for I/O</source>
        <translation>%1 等待 I/O</translation>
    </message>
    <message>
        <source>%1 waits for I/O on %2</source>
        <translation>%1 等待 %2 上的 I/O</translation>
    </message>
    <message>
        <source>%1 waits on %2</source>
        <translation>%1 在 %2 上等待</translation>
    </message>
    <message>
        <source>%1 stopped waiting</source>
        <translation>%1 结束了等待</translation>
    </message>
    <message>
        <source>%1 gave up waiting on %2 (timeout)</source>
        <translation>%1 放弃了在 %2 上的等待（超时）</translation>
    </message>
    <message>
        <source>%1 stopped waiting on %2: the run was stopped</source>
        <translation>%1 结束了在 %2 上的等待：运行已被停止</translation>
    </message>
    <message>
        <source>%1 stopped waiting on %2: the barrier broke</source>
        <translation>%1 结束了在 %2 上的等待：屏障已被破坏</translation>
    </message>
    <message>
        <source>%1 stopped waiting on %2</source>
        <translation>%1 结束了在 %2 上的等待</translation>
    </message>
    <message>
        <source>%1 acquired a permit of %2 (%3 left; handed over by %4&apos;s release)</source>
        <translation>%1 获取了 %2 的一个许可（剩余 %3 个；由 %4 的释放移交）</translation>
    </message>
    <message>
        <source>%1 acquired a permit of %2 (%3 left)</source>
        <translation>%1 获取了 %2 的一个许可（剩余 %3 个）</translation>
    </message>
    <message>
        <source>%1 re-entered %2 (depth %3)</source>
        <translation>%1 重入了 %2（深度 %3）</translation>
    </message>
    <message>
        <source>%1 acquired %2 (it was free)</source>
        <translation>%1 获取了 %2（它当时空闲）</translation>
    </message>
    <message>
        <source>%1 acquired %2 (handed over by %3&apos;s release)</source>
        <translation>%1 获取了 %2（由 %3 的释放移交）</translation>
    </message>
    <message>
        <source>%1 acquired %2 (it was free; last released by %3)</source>
        <translation>%1 获取了 %2（它当时空闲；上一次由 %3 释放）</translation>
    </message>
    <message>
        <source>%1 released a permit of %2 (%3 free)</source>
        <translation>%1 释放了 %2 的一个许可（空闲 %3 个）</translation>
    </message>
    <message>
        <source>%1 released %2 once (still held, depth %3)</source>
        <translation>%1 释放了 %2 一次（仍被持有，深度 %3）</translation>
    </message>
    <message>
        <source>%1 released %2</source>
        <translation>%1 释放了 %2</translation>
    </message>
    <message>
        <source>%1 could not put into %2: it is full (%3)</source>
        <translation>%1 无法放入 %2：队列已满（%3）</translation>
    </message>
    <message>
        <source>%1 could not get from %2: it is empty</source>
        <translation>%1 无法从 %2 取出：队列为空</translation>
    </message>
    <message>
        <source>%1 found no free permit in %2 and gave up</source>
        <translation>%1 在 %2 中找不到空闲许可，放弃了</translation>
    </message>
    <message>
        <source>%1 could not acquire %2: someone else holds it</source>
        <translation>%1 无法获取 %2：它正被其他泳道持有</translation>
    </message>
    <message>
        <source>%1 woke up on %2 without a signal (timeout)</source>
        <translation>%1 在 %2 上未收到信号就醒来了（超时）</translation>
    </message>
    <message>
        <source>%1 was woken on %2</source>
        <translation>%1 在 %2 上被唤醒</translation>
    </message>
    <message>
        <source>%1 was woken on %2 by %3&apos;s notify</source>
        <translation>%1 在 %2 上被 %3 的通知唤醒</translation>
    </message>
    <message>
        <source>%1 passes %2 (tripped by %3&apos;s arrival)</source>
        <translation>%1 通过了 %2（由 %3 的到达触发）</translation>
    </message>
    <message>
        <source>%1 was woken: %2 has its result (set by %3)</source>
        <translation>%1 被唤醒：%2 已有结果（由 %3 设置）</translation>
    </message>
    <message>
        <source>%1 was woken: %2 was set by %3</source>
        <translation>%1 被唤醒：%2 已由 %3 设置</translation>
    </message>
    <message>
        <source>%1 arrived last at %2: it trips and lets everyone go (round %3)</source>
        <translation>%1 最后一个到达 %2：屏障触发，放行所有参与方（第 %3 轮）</translation>
    </message>
    <message>
        <source>%1 set the result of %2</source>
        <translation>%1 设置了 %2 的结果</translation>
    </message>
    <message>
        <source>%1 set %2</source>
        <translation>%1 设置了 %2</translation>
    </message>
    <message>
        <source>%1 ended the task of %2: it was cancelled</source>
        <translation>%1 结束了 %2 的任务：它已被取消</translation>
    </message>
    <message>
        <source>%1 finished the task of %2: it raised an exception</source>
        <translation>%1 完成了 %2 的任务：它抛出了异常</translation>
    </message>
    <message>
        <source>%1 finished the task of %2</source>
        <translation>%1 完成了 %2 的任务</translation>
    </message>
    <message>
        <source>%1 ended with an exception</source>
        <translation>%1 因异常而结束</translation>
    </message>
    <message>
        <source>%1 was stopped with the run</source>
        <translation>%1 随运行一起被停止</translation>
    </message>
    <message>
        <source>%1 finished</source>
        <translation>%1 已结束</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>End</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>join 完成</translation>
    </message>
    <message>
        <source>Wait</source>
        <translation>等待</translation>
    </message>
    <message>
        <source>Wait ends</source>
        <translation>等待结束</translation>
    </message>
    <message>
        <source>Sleep</source>
        <translation>休眠</translation>
    </message>
    <message>
        <source>Sleep ends</source>
        <translation>休眠结束</translation>
    </message>
    <message>
        <source>Acquire</source>
        <translation>获取</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>释放</translation>
    </message>
    <message>
        <source>Try failed</source>
        <translation>尝试失败</translation>
    </message>
    <message>
        <source>Notify</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Wake</source>
        <translation>唤醒</translation>
    </message>
    <message>
        <source>Put</source>
        <translation>放入</translation>
    </message>
    <message>
        <source>Get</source>
        <translation>取出</translation>
    </message>
    <message>
        <source>Task done</source>
        <translation>任务完成</translation>
    </message>
    <message>
        <source>Broken</source>
        <translation>破坏</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>Task start</source>
        <translation>任务开始</translation>
    </message>
    <message>
        <source>Task end</source>
        <translation>任务结束</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>读取</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>写入</translation>
    </message>
    <message>
        <source>Mark</source>
        <translation>标记</translation>
    </message>
    <message>
        <source>Event %1</source>
        <translation>事件 %1</translation>
    </message>
    <message>
        <source>lane</source>
        <translation>泳道</translation>
    </message>
    <message>
        <source>lock</source>
        <translation>锁</translation>
    </message>
    <message>
        <source>RLock</source>
        <translation>可重入锁</translation>
    </message>
    <message>
        <source>semaphore</source>
        <translation>信号量</translation>
    </message>
    <message>
        <source>bounded semaphore</source>
        <translation>有界信号量</translation>
    </message>
    <message>
        <source>event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>condition</source>
        <translation>条件变量</translation>
    </message>
    <message>
        <source>barrier</source>
        <translation>屏障</translation>
    </message>
    <message>
        <source>queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>future</source>
        <translation>Future</translation>
    </message>
    <message>
        <source>executor</source>
        <translation>执行器</translation>
    </message>
    <message>
        <source>variable</source>
        <translation>变量</translation>
    </message>
    <message>
        <source>note</source>
        <translation>标注</translation>
    </message>
    <message>
        <source>object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>lane %1</source>
        <translation>泳道 %1</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 started (OS thread %2)</source>
        <translation>%1 已启动（操作系统线程 %2）</translation>
    </message>
    <message>
        <source>%1 started</source>
        <translation>%1 已启动</translation>
    </message>
    <message>
        <source>%1 joined %2</source>
        <translation>%1 完成了对 %2 的 join</translation>
    </message>
    <message>
        <source>%1 joined %2: join() returned when %2 ended</source>
        <translation>%1 完成了对 %2 的 join：%2 结束时 join() 返回</translation>
    </message>
    <message>
        <source>%1 joined %2, which had already ended</source>
        <translation>%1 完成了对 %2 的 join（它早已结束）</translation>
    </message>
    <message>
        <source>%1 sleeps for %2</source>
        <translation>%1 休眠 %2</translation>
    </message>
    <message>
        <source>%1 woke up from sleep</source>
        <translation>%1 从休眠中醒来</translation>
    </message>
    <message>
        <source>%1 called notify_all() on %2: %3</source>
        <translation>%1 在 %2 上调用了 notify_all()：%3</translation>
    </message>
    <message>
        <source>%1 called notify(%2) on %3: %4</source>
        <translation>%1 在 %3 上调用了 notify(%2)：%4</translation>
    </message>
    <message>
        <source>%1 reset %2</source>
        <translation>%1 重置了 %2</translation>
    </message>
    <message>
        <source>%1 cleared %2</source>
        <translation>%1 清除了 %2</translation>
    </message>
    <message>
        <source>%1 put item #%2 into %3 (%4)</source>
        <translation>%1 将条目 #%2 放入 %3（%4）</translation>
    </message>
    <message>
        <source>%1 got item #%2 from %3, put by %4 (%5)</source>
        <translation>%1 从 %3 取出条目 #%2，它由 %4 放入（%5）</translation>
    </message>
    <message>
        <source>%1 got item #%2 from %3 (%4)</source>
        <translation>%1 从 %3 取出条目 #%2（%4）</translation>
    </message>
    <message>
        <source>%1 marked an item of %2 done (task_done; %3 unfinished)</source>
        <translation>%1 将 %2 的一个条目标记为完成（task_done；还有 %3 个未完成）</translation>
    </message>
    <message>
        <source>%1 broke %2 (%3 waiting got BrokenBarrierError)</source>
        <translation>%1 破坏了 %2（%3 个等待者收到 BrokenBarrierError）</translation>
    </message>
    <message>
        <source>%1 submitted %2 to %3</source>
        <translation>%1 将 %2 提交给 %3</translation>
    </message>
    <message>
        <source>%1 started the task of %2</source>
        <translation>%1 开始执行 %2 的任务</translation>
    </message>
    <message>
        <source>%1 cancelled %2 before it ran</source>
        <translation>%1 在 %2 运行前将其取消</translation>
    </message>
    <message>
        <source>%1 read %2 = %3</source>
        <translation>%1 读取 %2 = %3</translation>
    </message>
    <message>
        <source>%1 wrote %2 = %3, overwriting %4 update(s) it never read: lost</source>
        <translation>%1 写入 %2 = %3，覆盖了它从未读到的 %4 次更新：这些更新丢失了</translation>
    </message>
    <message>
        <source>%1 wrote %2 = %3</source>
        <translation>%1 写入 %2 = %3</translation>
    </message>
    <message>
        <source>%1: %2 (%3)</source>
        <translation>%1：%2（%3）</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1: %2 on %3</source>
        <translation>%1：%3 上的 %2</translation>
    </message>
    <message>
        <source>%1 waits to send on %2 (it is full)</source>
        <translation>%1 等待在 %2 上发送（已满）</translation>
    </message>
    <message>
        <source>%1 waits for a message on %2</source>
        <translation>%1 等待 %2 上的消息</translation>
    </message>
    <message>
        <source>%1 awaits %2</source>
        <translation>%1 await %2</translation>
    </message>
    <message>
        <source>%1 exited with status %2</source>
        <translation>%1 退出，状态码 %2</translation>
    </message>
    <message>
        <source>%1 exited</source>
        <translation>%1 已退出</translation>
    </message>
    <message>
        <source>%1 was killed by signal %2</source>
        <translation>%1 被信号 %2 杀死</translation>
    </message>
    <message>
        <source>%1 was destroyed before it finished</source>
        <translation>%1 在结束前被销毁</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Receive</source>
        <translation>接收</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Suspend</source>
        <translation>挂起</translation>
    </message>
    <message>
        <source>pipe</source>
        <translation>管道</translation>
    </message>
    <message>
        <source>shared memory</source>
        <translation>共享内存</translation>
    </message>
    <message>
        <source>event loop</source>
        <translation>事件循环</translation>
    </message>
    <message>
        <source>socket</source>
        <translation>套接字</translation>
    </message>
    <message>
        <source>%1 sent message #%2 on %3 (%4 bytes)</source>
        <translation>%1 在 %3 上发送了消息 #%2（%4 字节）</translation>
    </message>
    <message>
        <source>%1 received message #%2 on %3, sent by %4 (%5 bytes)</source>
        <translation>%1 在 %3 上收到消息 #%2，由 %4 发送（%5 字节）</translation>
    </message>
    <message>
        <source>%1 received message #%2 on %3 (%4 bytes)</source>
        <translation>%1 在 %3 上收到消息 #%2（%4 字节）</translation>
    </message>
    <message>
        <source>%1 runs %2</source>
        <translation>%1 运行 %2</translation>
    </message>
    <message>
        <source>%1 is back: %2 finished</source>
        <translation>%1 收回控制：%2 已结束</translation>
    </message>
    <message>
        <source>%1 is back: %2 suspended</source>
        <translation>%1 收回控制：%2 已挂起</translation>
    </message>
</context>
<context>
    <name>il::ui::LaneStatsModel</name>
    <message>
        <source>Lane</source>
        <translation>泳道</translation>
    </message>
    <message>
        <source>Process (pid)</source>
        <translation>进程（pid）</translation>
    </message>
    <message>
        <source>State at playhead</source>
        <translation>播放头处状态</translation>
    </message>
    <message>
        <source>Running (ms)</source>
        <translation>运行中（ms）</translation>
    </message>
    <message>
        <source>Ready (ms)</source>
        <translation>就绪（ms）</translation>
    </message>
    <message>
        <source>Blocked (ms)</source>
        <translation>阻塞（ms）</translation>
    </message>
    <message>
        <source>Sleeping (ms)</source>
        <translation>休眠（ms）</translation>
    </message>
    <message>
        <source>Utilisation (%)</source>
        <translation>利用率（%）</translation>
    </message>
    <message>
        <source>Waits</source>
        <translation>等待次数</translation>
    </message>
    <message>
        <source>%1: %2 &apos;%3&apos;</source>
        <translation>%1：%2 &apos;%3&apos;</translation>
    </message>
</context>
<context>
    <name>il::ui::LockCanvas</name>
    <message>
        <source>%1 ×%2</source>
        <translation>%1 ×%2</translation>
    </message>
    <message>
        <source>%1 depth %2</source>
        <translation>%1 深度 %2</translation>
    </message>
    <message>
        <source>%1 · woken</source>
        <translation>%1 · 已唤醒</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>无人</translation>
    </message>
    <message>
        <source>lock held by</source>
        <translation>锁持有者</translation>
    </message>
    <message>
        <source>held by</source>
        <translation>持有者</translation>
    </message>
    <message>
        <source>nobody (free)</source>
        <translation>无人（空闲）</translation>
    </message>
    <message>
        <source>%1 of %2 free</source>
        <translation>%1/%2 空闲</translation>
    </message>
    <message>
        <source>no permits held</source>
        <translation>没有被持有的许可</translation>
    </message>
    <message>
        <source>uses lock %1</source>
        <translation>使用锁 %1</translation>
    </message>
    <message>
        <source>for %1</source>
        <translation>已持有 %1</translation>
    </message>
    <message>
        <source>no one waiting</source>
        <translation>无人等待</translation>
    </message>
    <message>
        <source>waiting for a notify (%1)</source>
        <translation>等待通知（%1）</translation>
    </message>
    <message>
        <source>waiting, first come first (%1)</source>
        <translation>等待中，先到先得（%1）</translation>
    </message>
    <message>
        <source>+%1 more</source>
        <translation>还有 %1 个</translation>
    </message>
    <message>
        <source>%1 of %2 permits free</source>
        <translation>%2 个许可中 %1 个空闲</translation>
    </message>
    <message numerus="yes">
        <source>%1 holds %n permit(s) for %2</source>
        <translation>
            <numerusform>%1 持有 %n 个许可，已持续 %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Uses lock %1, held by %2</source>
        <translation>使用锁 %1，持有者为 %2</translation>
    </message>
    <message>
        <source>Held by %1 for %2</source>
        <translation>由 %1 持有，已持续 %2</translation>
    </message>
    <message>
        <source>Re-entered to depth %1</source>
        <translation>已重入至深度 %1</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>空闲</translation>
    </message>
    <message numerus="yes">
        <source>%n lane(s) waiting</source>
        <translation>
            <numerusform>%n 条泳道在等待</numerusform>
        </translation>
    </message>
    <message>
        <source>Part of a deadlock cycle</source>
        <translation>属于死锁环的一部分</translation>
    </message>
    <message>
        <source>Click to select its latest event</source>
        <translation>点击以选中它的最新事件</translation>
    </message>
    <message>
        <source>%1 was notified and is about to run again</source>
        <translation>%1 已收到通知，即将再次运行</translation>
    </message>
    <message>
        <source>%1 has waited %2 for %3 (number %4 in the queue)</source>
        <translation>%1 等待 %3 已有 %2（排在队列第 %4 位）</translation>
    </message>
    <message>
        <source>This wait is part of the deadlock cycle</source>
        <translation>这次等待是死锁环的一部分</translation>
    </message>
    <message numerus="yes">
        <source>%1 holds %n permit(s) since %2 ago</source>
        <translation>
            <numerusform>%1 自 %2 前起持有 %n 个许可</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>il::ui::LockStatsModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Held by at playhead</source>
        <translation>播放头处持有者</translation>
    </message>
    <message>
        <source>Acquisitions</source>
        <translation>获取次数</translation>
    </message>
    <message>
        <source>Contended (%)</source>
        <translation>争用（%）</translation>
    </message>
    <message>
        <source>Wait p50 (ms)</source>
        <translation>等待 p50（ms）</translation>
    </message>
    <message>
        <source>Wait p95 (ms)</source>
        <translation>等待 p95（ms）</translation>
    </message>
    <message>
        <source>Wait max (ms)</source>
        <translation>等待最大值（ms）</translation>
    </message>
    <message>
        <source>Hold p50 (ms)</source>
        <translation>持有 p50（ms）</translation>
    </message>
    <message>
        <source>Hold max (ms)</source>
        <translation>持有最大值（ms）</translation>
    </message>
    <message>
        <source>%1 ×%2</source>
        <translation>%1 ×%2</translation>
    </message>
    <message>
        <source>free</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>%1 (%2 waiting)</source>
        <translation>%1（%2 个在等待）</translation>
    </message>
</context>
<context>
    <name>il::ui::LockView</name>
    <message>
        <source>Jump to the moment it closed</source>
        <translation>跳到环闭合的时刻</translation>
    </message>
    <message>
        <source>Move the playhead to the wait that closed the cycle and select it</source>
        <translation>将播放头移到使环闭合的那次等待，并选中它</translation>
    </message>
    <message>
        <source>This run uses no locks or semaphores</source>
        <translation>本次运行未使用锁或信号量</translation>
    </message>
    <message>
        <source>Deadlock (closed at %1): %2</source>
        <translation>死锁（在 %1 闭合）：%2</translation>
    </message>
    <message>
        <source>This run deadlocks at %1: %2</source>
        <translation>本次运行在 %1 发生死锁：%2</translation>
    </message>
</context>
<context>
    <name>il::ui::MainWindow</name>
    <message>
        <source>Interleave — a lab for concurrent programming</source>
        <translation>Interleave — 并发编程实验室</translation>
    </message>
    <message>
        <source>Pick a scenario and press Run (F5).</source>
        <translation>选择一个场景，然后按“运行”（F5）。</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>Run the scenario (F5)</source>
        <translation>运行场景（F5）</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <source>Stop the run (Shift+F5); a deadlocked run ends too</source>
        <translation>停止运行（Shift+F5）；已死锁的运行也会随之结束</translation>
    </message>
    <message>
        <source>Scenarios</source>
        <translation>场景</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>About this scenario</source>
        <translation>关于此场景</translation>
    </message>
    <message>
        <source>Locks</source>
        <translation>锁</translation>
    </message>
    <message>
        <source>Queues</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Event log</source>
        <translation>事件日志</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>Diagnostics</source>
        <translation>诊断</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Export trace (Chrome JSON)…</source>
        <translation>导出跟踪（Chrome JSON）…</translation>
    </message>
    <message>
        <source>Export statistics (CSV)…</source>
        <translation>导出统计（CSV）…</translation>
    </message>
    <message>
        <source>Save window image…</source>
        <translation>保存窗口图像…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Find scenario</source>
        <translation>查找场景</translation>
    </message>
    <message>
        <source>&amp;Playback</source>
        <translation>回放(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Fit the whole run</source>
        <translation>显示整个运行</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>About Interleave</source>
        <translation>关于 Interleave</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Interleave&lt;/h3&gt;&lt;p&gt;A lab for concurrent programming: a real engine runs threads through scenarios and records every step they take on locks, semaphores, conditions, events and queues.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Interleave&lt;/h3&gt;&lt;p&gt;并发编程实验室：一个真实的引擎让线程在各个场景中运行，并记录它们在锁、信号量、条件变量、事件和队列上的每一步操作。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>%1: press Run (F5) to start it.</source>
        <translation>%1：按“运行”（F5）开始。</translation>
    </message>
    <message>
        <source>Fix the parameters marked in red first.</source>
        <translation>请先修正标红的参数。</translation>
    </message>
    <message>
        <source>Running %1…</source>
        <translation>正在运行 %1…</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>NOT OK</source>
        <translation>异常</translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s), %1 lane(s)</source>
        <translation>
            <numerusform>%Ln 个事件，%1 条泳道</numerusform>
        </translation>
    </message>
    <message>
        <source> — %1 event(s) dropped: the budget of %2 was reached</source>
        <translation> — 丢弃了 %1 个事件：已达到 %2 个的上限</translation>
    </message>
    <message>
        <source>Running — </source>
        <translation>运行中 — </translation>
    </message>
    <message>
        <source>Nothing to export yet: run a scenario first.</source>
        <translation>还没有可导出的内容：请先运行一个场景。</translation>
    </message>
    <message>
        <source>Export trace</source>
        <translation>导出跟踪</translation>
    </message>
    <message>
        <source>Chrome trace (*.json)</source>
        <translation>Chrome 跟踪文件 (*.json)</translation>
    </message>
    <message>
        <source>Trace written to %1 (open it in Perfetto or chrome://tracing)</source>
        <translation>跟踪已写入 %1（可在 Perfetto 或 chrome://tracing 中打开）</translation>
    </message>
    <message>
        <source>Export statistics</source>
        <translation>导出统计</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Statistics written to %1</source>
        <translation>统计已写入 %1</translation>
    </message>
    <message>
        <source>Save window image</source>
        <translation>保存窗口图像</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg)</source>
        <translation>图像 (*.png *.jpg)</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %2 (%3, %Ln event(s))</source>
        <translation>
            <numerusform>%1 — %2（%3，%Ln 个事件）</numerusform>
        </translation>
    </message>
    <message>
        <source>Run saved to %1</source>
        <translation>运行已保存到 %1</translation>
    </message>
    <message>
        <source>Open run</source>
        <translation>打开运行</translation>
    </message>
    <message>
        <source>Compare with a saved run</source>
        <translation>与已保存的运行比较</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <source>&amp;Open run…</source>
        <translation>打开运行(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Save run…</source>
        <translation>保存运行(&amp;S)…</translation>
    </message>
    <message>
        <source>Export timeline image (PNG, SVG)…</source>
        <translation>导出时间线图像（PNG、SVG）…</translation>
    </message>
    <message>
        <source>Export chart (PNG, SVG, PDF, CSV)…</source>
        <translation>导出图表（PNG、SVG、PDF、CSV）…</translation>
    </message>
    <message>
        <source>S&amp;weep a parameter…</source>
        <translation>参数扫描(&amp;W)…</translation>
    </message>
    <message>
        <source>&amp;Compare with the previous run</source>
        <translation>与上一次运行比较(&amp;C)</translation>
    </message>
    <message>
        <source>Compare with a saved run…</source>
        <translation>与已保存的运行比较…</translation>
    </message>
    <message>
        <source>Run a scenario or open a run first.</source>
        <translation>请先运行一个场景，或打开一个运行。</translation>
    </message>
    <message>
        <source>Pick a scenario first.</source>
        <translation>请先选择一个场景。</translation>
    </message>
    <message>
        <source>Two finished runs are needed: run a scenario twice (or open a saved run).</source>
        <translation>需要两次已完成的运行：请将一个场景运行两次（或打开一个已保存的运行）。</translation>
    </message>
    <message>
        <source>Export timeline image</source>
        <translation>导出时间线图像</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Timeline written to %1</source>
        <translation>时间线已写入 %1</translation>
    </message>
</context>
<context>
    <name>il::ui::MarkPainter</name>
    <message>
        <source>(no text)</source>
        <translation>（无文本）</translation>
    </message>
    <message>
        <source>Mark: %1 %2</source>
        <translation>标记：%1 %2</translation>
    </message>
    <message>
        <source>Mark: %1 (value %2)</source>
        <translation>标记：%1（值 %2）</translation>
    </message>
    <message>
        <source>at %1</source>
        <translation>位于 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n earlier mark(s) in these pixels: zoom in</source>
        <translation>
            <numerusform>这些像素内还有 %n 个更早的标记：请放大</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>il::ui::ObjectPaint</name>
    <message>
        <source>lane %1</source>
        <translation>泳道 %1</translation>
    </message>
    <message>
        <source>object %1</source>
        <translation>对象 %1</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>锁</translation>
    </message>
    <message>
        <source>RLock</source>
        <translation>可重入锁</translation>
    </message>
    <message>
        <source>Semaphore</source>
        <translation>信号量</translation>
    </message>
    <message>
        <source>BoundedSemaphore</source>
        <translation>有界信号量</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>条件变量</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Barrier</source>
        <translation>屏障</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>FIFO</source>
        <translation>FIFO</translation>
    </message>
    <message>
        <source>LIFO</source>
        <translation>LIFO</translation>
    </message>
    <message>
        <source>priority</source>
        <translation>优先级</translation>
    </message>
</context>
<context>
    <name>il::ui::ParamForm</name>
    <message>
        <source>This scenario has no parameters.</source>
        <translation>此场景没有参数。</translation>
    </message>
    <message>
        <source>Reset to defaults</source>
        <translation>恢复默认值</translation>
    </message>
    <message>
        <source>Put every parameter back to its default value</source>
        <translation>将所有参数恢复为默认值</translation>
    </message>
    <message>
        <source>%1 (default %2)</source>
        <translation>%1（默认 %2）</translation>
    </message>
    <message>
        <source>an integer in %1..%2</source>
        <translation>%1..%2 之间的整数</translation>
    </message>
    <message>
        <source>a number in %1..%2</source>
        <translation>%1..%2 之间的数</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true 或 false</translation>
    </message>
    <message>
        <source>one of %1</source>
        <translation>以下之一：%1</translation>
    </message>
    <message>
        <source>any text</source>
        <translation>任意文本</translation>
    </message>
    <message>
        <source>parameter &apos;%1&apos;: &apos;%2&apos; is not allowed; allowed: %3</source>
        <translation>参数 &apos;%1&apos;：不允许 &apos;%2&apos;；允许：%3</translation>
    </message>
</context>
<context>
    <name>il::ui::PlaybackBar</name>
    <message>
        <source>1×</source>
        <translation>1×</translation>
    </message>
    <message>
        <source>1/%1×</source>
        <translation>1/%1×</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Previous event</source>
        <translation>上一个事件</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Next event</source>
        <translation>下一个事件</translation>
    </message>
    <message>
        <source>Next diagnostic</source>
        <translation>下一个诊断</translation>
    </message>
    <message>
        <source>Previous diagnostic</source>
        <translation>上一个诊断</translation>
    </message>
    <message>
        <source>Slower</source>
        <translation>减速</translation>
    </message>
    <message>
        <source>Faster</source>
        <translation>加速</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>Follow the live run&apos;s head</source>
        <translation>跟随实时运行的最新进度</translation>
    </message>
    <message>
        <source>Playback speed, as a fraction of real time ([ slower, ] faster)</source>
        <translation>回放速度，以实际时间的几分之一表示（[ 减速，] 加速）</translation>
    </message>
    <message>
        <source>Drag to move the playhead through the run</source>
        <translation>拖动以在整个运行中移动播放头</translation>
    </message>
    <message>
        <source>Playhead time since the run started / the run&apos;s length</source>
        <translation>播放头距运行开始的时间 / 运行总时长</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 µs</source>
        <translation>%1 µs</translation>
    </message>
    <message>
        <source>%1 ns</source>
        <translation>%1 ns</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
</context>
<context>
    <name>il::ui::QueueCanvas</name>
    <message>
        <source>Queues</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Semaphores: free permits</source>
        <translation>信号量：空闲许可</translation>
    </message>
    <message>
        <source>%1 / %2 items</source>
        <translation>%1 / %2 个条目</translation>
    </message>
    <message>
        <source>%1 items (unbounded)</source>
        <translation>%1 个条目（无界）</translation>
    </message>
    <message>
        <source>full</source>
        <translation>已满</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>为空</translation>
    </message>
    <message>
        <source>no items</source>
        <translation>没有条目</translation>
    </message>
    <message>
        <source>next out:</source>
        <translation>下一个出队：</translation>
    </message>
    <message>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <source>+%1 more</source>
        <translation>还有 %1 个</translation>
    </message>
    <message>
        <source>%1 of %2 free</source>
        <translation>%1/%2 空闲</translation>
    </message>
    <message>
        <source>%1 held %2 items at %3 (click to move the playhead there)</source>
        <translation>%1 在 %3 时有 %2 个条目（点击可将播放头移到该处）</translation>
    </message>
    <message>
        <source>Items in %1 by sequence number, the next to leave first</source>
        <translation>%1 中的条目，按序号排列，下一个出队的排在最前</translation>
    </message>
    <message>
        <source>%1 holds %2 of %3 items</source>
        <translation>%1 中有 %2 个条目（容量 %3）</translation>
    </message>
    <message>
        <source>%1 holds %2 items (unbounded)</source>
        <translation>%1 中有 %2 个条目（无界）</translation>
    </message>
    <message>
        <source>Full %1% of the run, empty %2%</source>
        <translation>运行期间 %1% 的时间为满，%2% 的时间为空</translation>
    </message>
    <message>
        <source>At most %1, on average %2</source>
        <translation>最多 %1 个，平均 %2 个</translation>
    </message>
    <message>
        <source>%1: %2 of %3 permits free</source>
        <translation>%1：%3 个许可中 %2 个空闲</translation>
    </message>
</context>
<context>
    <name>il::ui::QueueStatsModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>容量</translation>
    </message>
    <message>
        <source>Fill at playhead</source>
        <translation>播放头处填充量</translation>
    </message>
    <message>
        <source>Puts</source>
        <translation>放入次数</translation>
    </message>
    <message>
        <source>Gets</source>
        <translation>取出次数</translation>
    </message>
    <message>
        <source>Max fill</source>
        <translation>最大填充量</translation>
    </message>
    <message>
        <source>Mean fill</source>
        <translation>平均填充量</translation>
    </message>
    <message>
        <source>Time full (ms)</source>
        <translation>满的时长（ms）</translation>
    </message>
    <message>
        <source>Time empty (ms)</source>
        <translation>空的时长（ms）</translation>
    </message>
    <message>
        <source>unbounded</source>
        <translation>无界</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
</context>
<context>
    <name>il::ui::QueueView</name>
    <message>
        <source>This run uses no queues</source>
        <translation>本次运行未使用队列</translation>
    </message>
</context>
<context>
    <name>il::ui::RunFiles</name>
    <message>
        <source>Interleave runs (*%1)</source>
        <translation>Interleave 运行文件 (*%1)</translation>
    </message>
    <message>
        <source>Save run</source>
        <translation>保存运行</translation>
    </message>
    <message>
        <source>Nothing to save yet: run a scenario to its end first.</source>
        <translation>还没有可保存的内容：请先将一个场景运行至结束。</translation>
    </message>
    <message>
        <source>Open run</source>
        <translation>打开运行</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; could not be opened</source>
        <translation>无法打开 &apos;%1&apos;</translation>
    </message>
</context>
<context>
    <name>il::ui::ScenarioBrowser</name>
    <message>
        <source>Search scenarios (Ctrl+F)</source>
        <translation>搜索场景（Ctrl+F）</translation>
    </message>
</context>
<context>
    <name>il::ui::ScenarioPage</name>
    <message>
        <source>The same idea in Python:</source>
        <translation>同样的思路，用 Python 写：</translation>
    </message>
    <message>
        <source>Chapter: %1</source>
        <translation>章节：%1</translation>
    </message>
    <message>
        <source>What it teaches</source>
        <translation>学习要点</translation>
    </message>
    <message>
        <source>What to watch for</source>
        <translation>观察要点</translation>
    </message>
</context>
<context>
    <name>il::ui::Screenshot</name>
    <message>
        <source>cannot write &apos;%1&apos;: %2</source>
        <translation>无法写入 &apos;%1&apos;：%2</translation>
    </message>
    <message>
        <source>unknown image format &apos;%1&apos; (use .png or .jpg)</source>
        <translation>未知的图像格式 &apos;%1&apos;（请使用 .png 或 .jpg）</translation>
    </message>
</context>
<context>
    <name>il::ui::StatsView</name>
    <message>
        <source>Lanes</source>
        <translation>泳道</translation>
    </message>
    <message>
        <source>Locks &amp;&amp; semaphores</source>
        <translation>锁与信号量</translation>
    </message>
    <message>
        <source>Queues</source>
        <translation>队列</translation>
    </message>
</context>
<context>
    <name>il::ui::SweepDialog</name>
    <message>
        <source>Sweep — %1</source>
        <translation>参数扫描 — %1</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>Cancel s&amp;weep</source>
        <translation>取消扫描(&amp;W)</translation>
    </message>
    <message>
        <source>Stop the run going on; the runs that finished are kept</source>
        <translation>停止正在进行的运行；已完成的运行会保留</translation>
    </message>
    <message>
        <source>Choose a parameter and a range, then press Start.</source>
        <translation>选择一个参数和范围，然后按“开始”。</translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <translation>导出 CSV(&amp;X)…</translation>
    </message>
    <message>
        <source>The sweep&apos;s points as a table (charts export from the chart)</source>
        <translation>以表格导出扫描的数据点（图表从图表本身导出）</translation>
    </message>
    <message>
        <source>Running %1 of %2…</source>
        <translation>正在运行第 %1 次，共 %2 次…</translation>
    </message>
    <message>
        <source>Cancelling: the run going on is being stopped…</source>
        <translation>正在取消：正在停止当前运行…</translation>
    </message>
    <message>
        <source>The sweep could not run: %1</source>
        <translation>扫描无法运行：%1</translation>
    </message>
    <message numerus="yes">
        <source>Cancelled after %n run(s); the table shows the values that finished.</source>
        <translation>
            <numerusform>在 %n 次运行后取消；表格显示已完成的取值。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Done: %n run(s).</source>
        <translation>
            <numerusform>完成：%n 次运行。</numerusform>
        </translation>
    </message>
    <message>
        <source>Run the sweep</source>
        <translation>运行扫描</translation>
    </message>
    <message>
        <source>Export sweep data</source>
        <translation>导出扫描数据</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Too few values finished to fit Amdahl&apos;s law.</source>
        <translation>完成的取值太少，无法拟合阿姆达尔定律。</translation>
    </message>
    <message>
        <source>Amdahl&apos;s law fitted to the speedups: about %1 % of the work is serial, so no value of %2 can make it more than %3× faster.</source>
        <translation>按加速比拟合阿姆达尔定律：约 %1 % 的工作是串行的，因此 %2 取任何值都无法让它快过 %3 倍。</translation>
    </message>
    <message>
        <source>Amdahl&apos;s law fitted to the speedups: the work scaled as if fully parallel (serial fraction %1 %).</source>
        <translation>按加速比拟合阿姆达尔定律：工作的扩展如同完全并行（串行比例 %1 %）。</translation>
    </message>
    <message numerus="yes">
        <source>This machine has %n core(s); the tinted values ask for more and are oversubscribed.</source>
        <translation>
            <numerusform>本机有 %n 个核心；着色的取值要求更多核心，属于超额订阅。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This machine has %n core(s).</source>
        <translation>
            <numerusform>本机有 %n 个核心。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>il::ui::SweepForm</name>
    <message>
        <source>&amp;Parameter</source>
        <translation>参数(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>起始(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>结束(&amp;T)</translation>
    </message>
    <message>
        <source>St&amp;ep</source>
        <translation>步长(&amp;E)</translation>
    </message>
    <message>
        <source>Runs per value; the table shows their median</source>
        <translation>每个取值的运行次数；表格显示其中位数</translation>
    </message>
    <message>
        <source>&amp;Repeats</source>
        <translation>重复次数(&amp;R)</translation>
    </message>
    <message>
        <source>See&amp;d</source>
        <translation>种子(&amp;D)</translation>
    </message>
    <message>
        <source>Repeat r of every value runs with seed + r</source>
        <translation>每个取值的第 r 次重复使用种子 + r</translation>
    </message>
    <message>
        <source>whole number, %1 to %2</source>
        <translation>整数，%1 到 %2</translation>
    </message>
    <message>
        <source>number, %1 to %2</source>
        <translation>数值，%1 到 %2</translation>
    </message>
    <message>
        <source>8 values</source>
        <translation>8 个取值</translation>
    </message>
    <message>
        <source>The step must be a number above 0.</source>
        <translation>步长必须是大于 0 的数。</translation>
    </message>
    <message>
        <source>The step of an integer parameter must be a whole number.</source>
        <translation>整数参数的步长必须是整数。</translation>
    </message>
    <message>
        <source>This scenario has no numeric parameter to sweep.</source>
        <translation>此场景没有可扫描的数值参数。</translation>
    </message>
    <message>
        <source>“To” (%1) is below “from” (%2).</source>
        <translation>“结束”（%1）小于“起始”（%2）。</translation>
    </message>
    <message>
        <source>The seed must be a whole number from 0 to %1.</source>
        <translation>种子必须是 0 到 %1 之间的整数。</translation>
    </message>
</context>
<context>
    <name>il::ui::SweepPointsModel</name>
    <message>
        <source>Value</source>
        <translation>取值</translation>
    </message>
    <message>
        <source>Wall time (ms)</source>
        <translation>墙钟时间（毫秒）</translation>
    </message>
    <message>
        <source>Fastest – slowest (ms)</source>
        <translation>最快 – 最慢（毫秒）</translation>
    </message>
    <message>
        <source>Speedup</source>
        <translation>加速比</translation>
    </message>
    <message>
        <source>Ideal</source>
        <translation>理想值</translation>
    </message>
    <message>
        <source>Efficiency (%)</source>
        <translation>效率（%）</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>More than this machine&apos;s %1 cores: the runs share CPUs</source>
        <translation>超过本机的 %1 个核心：各运行共享 CPU</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>%1×</source>
        <translation>%1×</translation>
    </message>
    <message>
        <source>oversubscribed (&gt; %1 cores)</source>
        <translation>超额订阅（&gt; %1 个核心）</translation>
    </message>
    <message>
        <source>outcome check failed</source>
        <translation>结果检查未通过</translation>
    </message>
</context>
<context>
    <name>il::ui::TimelineLegend</name>
    <message>
        <source>States</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Lock held</source>
        <translation>持有锁</translation>
    </message>
    <message>
        <source>Blocked on</source>
        <translation>阻塞于</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Arrows</source>
        <translation>箭头</translation>
    </message>
    <message>
        <source>Loop runs a coroutine</source>
        <translation>事件循环运行协程</translation>
    </message>
    <message>
        <source>Mark</source>
        <translation>标记</translation>
    </message>
</context>
<context>
    <name>il::ui::TimelinePainter</name>
    <message numerus="yes">
        <source>%n arrow(s) hidden, zoom in</source>
        <translation>
            <numerusform>已隐藏 %n 个箭头，请放大</numerusform>
        </translation>
    </message>
    <message>
        <source>Process %1 (%2)</source>
        <translation>进程 %1（%2）</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) dropped</source>
        <translation>
            <numerusform>已丢弃 %n 个事件</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>il::ui::TimelineView</name>
    <message numerus="yes">
        <source>Process %1: %n lane(s). Click to fold or unfold.</source>
        <translation>
            <numerusform>进程 %1：%n 条泳道。点击以折叠或展开。</numerusform>
        </translation>
    </message>
    <message>
        <source>process %1</source>
        <translation>进程 %1</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%2 上的 %1</translation>
    </message>
    <message>
        <source>from %1 for %2</source>
        <translation>从 %1 起，持续 %2</translation>
    </message>
    <message numerus="yes">
        <source>%n state change(s) in this pixel: zoom in</source>
        <translation>
            <numerusform>此像素内有 %n 次状态变化：请放大</numerusform>
        </translation>
    </message>
    <message>
        <source>holds no lock</source>
        <translation>未持有锁</translation>
    </message>
    <message>
        <source>holds %1</source>
        <translation>持有 %1</translation>
    </message>
    <message>
        <source>runs %1 (a step of %2)</source>
        <translation>正在运行 %1（一步，耗时 %2）</translation>
    </message>
    <message>
        <source>runs no coroutine</source>
        <translation>未运行任何协程</translation>
    </message>
</context>
<context>
    <name>il::ui::Units</name>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
</context>
<context>
    <name>il::ui::Value</name>
    <message>
        <source>Oversubscribed</source>
        <translation>超额订阅</translation>
    </message>
    <message>
        <source>More than %1 cores</source>
        <translation>超过 %1 个核心</translation>
    </message>
</context>
<context>
    <name>il::ui::detail</name>
    <message>
        <source>Lane utilisation</source>
        <translation>泳道利用率</translation>
    </message>
    <message>
        <source>Lane</source>
        <translation>泳道</translation>
    </message>
    <message>
        <source>Time (ms)</source>
        <translation>时间（ms）</translation>
    </message>
    <message>
        <source>Wall time per model</source>
        <translation>各模型的墙钟时间</translation>
    </message>
    <message>
        <source>Workload</source>
        <translation>工作负载</translation>
    </message>
    <message>
        <source>Wall time (ms)</source>
        <translation>墙钟时间（毫秒）</translation>
    </message>
    <message>
        <source>Lock hold times</source>
        <translation>锁持有时间</translation>
    </message>
    <message>
        <source>Lock wait times</source>
        <translation>锁等待时间</translation>
    </message>
    <message>
        <source>Hold (%1)</source>
        <translation>持有（%1）</translation>
    </message>
    <message>
        <source>Wait (%1)</source>
        <translation>等待（%1）</translation>
    </message>
    <message>
        <source>Holds (count)</source>
        <translation>持有次数</translation>
    </message>
    <message>
        <source>Waits (count)</source>
        <translation>等待次数</translation>
    </message>
    <message>
        <source>count</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>Queue fill</source>
        <translation>队列填充量</translation>
    </message>
    <message>
        <source>Time since start (ms)</source>
        <translation>距开始时间（ms）</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>条目数</translation>
    </message>
    <message>
        <source>items</source>
        <translation>条目</translation>
    </message>
    <message>
        <source>%1 capacity</source>
        <translation>%1 容量</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>吞吐量</translation>
    </message>
    <message>
        <source>Completed (per s)</source>
        <translation>完成数（每秒）</translation>
    </message>
    <message>
        <source>per s</source>
        <translation>每秒</translation>
    </message>
</context>
</TS>
