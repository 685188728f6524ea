#include "textanalysis.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>

#include <atomic>
#include <cstdio>
#include <thread>
#include <vector>

using namespace tandem;

namespace {

const QStringList &chineseMessages()
{
    static const QStringList messages{
        QStringLiteral("我的退款还没到账"),
        QStringLiteral("請問我的訂單什麼時候發貨？"),
        QStringLiteral("快递三天了还没有更新物流信息"),
        QStringLiteral("这个商品可以退货吗？我不要了"),
        QStringLiteral("我的iPhone 15退款还没到账，太慢了!!!"),
        QStringLiteral("优惠券用不了，怎么办"),
    };
    return messages;
}

const QStringList &englishMessages()
{
    static const QStringList messages{
        QStringLiteral("Where is my refund?"),
        QStringLiteral("My order #A1234 has not been delivered yet"),
        QStringLiteral("I want to cancel my subscription please"),
        QStringLiteral("The package arrived damaged, I didn't open it"),
        QStringLiteral("How do I change my delivery address?"),
        QStringLiteral("Your app keeps crashing when I pay"),
    };
    return messages;
}

// Analyses per second over about `seconds`, summed over `threads` threads.
double analysesPerSecond(const QStringList &messages, int threads, double seconds)
{
    const TextAnalyzer &analyzer = TextAnalyzer::instance();
    std::atomic<bool> stop = false;
    std::atomic<qint64> done = 0;
    std::atomic<qint64> tokens = 0; // consumed, so the work cannot be optimised away
    std::vector<std::thread> workers;
    QElapsedTimer timer;
    timer.start();
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&] {
            qint64 count = 0;
            qint64 seen = 0;
            while (!stop.load(std::memory_order_relaxed)) {
                for (const QString &message : messages)
                    seen += analyzer.analyze(message).tokens.size();
                count += messages.size();
            }
            done += count;
            tokens += seen;
        });
    }
    QThread::msleep(static_cast<unsigned long>(seconds * 1000));
    stop = true;
    for (std::thread &worker : workers)
        worker.join();
    return double(done.load()) * 1000.0 / double(timer.elapsed());
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    TextAnalyzer::instance(); // load OpenCC and ICU data outside the timings
    const int threads = qMax(2, QThread::idealThreadCount());
    for (const auto &[name, messages] :
         {std::pair{"zh", chineseMessages()}, std::pair{"en", englishMessages()}}) {
        for (int n : {1, threads}) {
            analysesPerSecond(messages, n, 0.2); // warm-up
            std::printf("%s short messages, %d thread(s): %.0f analyses/s\n", name, n,
                        analysesPerSecond(messages, n, 2.0));
        }
    }
    return 0;
}
