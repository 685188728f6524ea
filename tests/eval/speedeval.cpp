#include "intentdatasets.h"
#include "pairdatasets.h"
#include "suggester.h"
#include "suggestionevals.h"
#include "suggestionfeatures.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QSet>
#include <QtEndian>

#include <malloc.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <functional>

namespace tandem::eval {

namespace {

constexpr int kWarmupQueries = 200;
constexpr int kPseudoIntents = 150;

/// Deterministic order and buckets: the first 4 bytes of SHA-1 of the UTF-8 text.
quint32 textHash(const QString &text)
{
    const QByteArray sha = QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha1);
    return qFromBigEndian<quint32>(sha.constData());
}

double residentMegabytes()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields[1].toDouble() * double(sysconf(_SC_PAGESIZE)) / 1048576.0 : 0;
}

double peakMegabytes()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0; // KiB on Linux
}

/// CPU seconds this process has used (all threads).
double processCpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

qint64 threadCpuNanoseconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

/// The 1-minute load average: on a shared machine wall-clock figures are only as good as this.
QString loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("?");
    return QString::fromLatin1(file.readAll().split(' ').value(0));
}

struct Latency
{
    double p50 = 0; // wall clock, ms
    double p99 = 0;
    double cpuP50 = 0; // CPU time of the querying thread, ms (what the query costs when the
    double cpuP99 = 0; // machine is shared)
};

double percentile(QList<qint64> &nanoseconds, double q)
{
    if (nanoseconds.isEmpty())
        return 0;
    std::sort(nanoseconds.begin(), nanoseconds.end());
    const qsizetype i = std::min(nanoseconds.size() - 1, qsizetype(q * double(nanoseconds.size())));
    return double(nanoseconds[i]) / 1e6;
}

Latency measureLatency(const QStringList &queries, const std::function<void(const QString &)> &f)
{
    for (int i = 0; i < kWarmupQueries && i < queries.size(); ++i)
        f(queries[i]);
    QList<qint64> wall;
    QList<qint64> cpu;
    wall.reserve(queries.size());
    cpu.reserve(queries.size());
    QElapsedTimer timer;
    for (const QString &query : queries) {
        const qint64 cpuStart = threadCpuNanoseconds();
        timer.start();
        f(query);
        wall.append(timer.nsecsElapsed());
        cpu.append(threadCpuNanoseconds() - cpuStart);
    }
    return {percentile(wall, 0.5), percentile(wall, 0.99), percentile(cpu, 0.5),
            percentile(cpu, 0.99)};
}

/// Labelled questions for the knowledge bases and held-out queries, from the intent datasets.
struct Pool
{
    QList<SuggestionSource> labelled; // real intents, in hash order
    QList<SuggestionSource> pseudo;   // AFQMC/ATEC sentences with pseudo-intents, hash order
    QStringList queries;
};

void sortByHash(QList<SuggestionSource> &sources)
{
    std::stable_sort(sources.begin(), sources.end(),
                     [](const SuggestionSource &a, const SuggestionSource &b) {
                         return textHash(a.text) < textHash(b.text);
                     });
}

bool readPool(const QString &datasetsDir, Pool &pool, EvalOutcome &outcome)
{
    bool ok = true;
    auto take = [&](const Result<IntentSet> &set, const QString &name, const QString &prefix,
                    bool asQueries) {
        if (!set) {
            reportDatasetError(outcome, name, set.error().code, set.error().message);
            ok = false;
            return;
        }
        for (const IntentExample &item : set->items) {
            if (asQueries) {
                pool.queries.append(item.text);
            } else {
                const QString intent = prefix + item.intent;
                pool.labelled.append({intent, 1, intent, item.text, QStringLiteral("en")});
            }
        }
    };
    const QString b = QStringLiteral("banking77/"), c = QStringLiteral("clinc150/");
    take(readBanking77(datasetsDir, QStringLiteral("train")), b + QStringLiteral("train"), b,
         false);
    take(readClinc150(datasetsDir, QStringLiteral("train")), c + QStringLiteral("train"), c, false);
    take(readClinc150(datasetsDir, QStringLiteral("val")), c + QStringLiteral("val"), c, false);
    take(readBanking77(datasetsDir, QStringLiteral("dev")), b + QStringLiteral("dev"), b, true);
    take(readClinc150(datasetsDir, QStringLiteral("test_dev")), c + QStringLiteral("test_dev"), c,
         true);
    sortByHash(pool.labelled);

    QSet<QString> seen;
    const std::pair<QString, Result<PairSet>> pairSets[] = {
        {QStringLiteral("atec/dev"), readAtec(datasetsDir)},
        {QStringLiteral("afqmc/dev"), readAfqmc(datasetsDir)}};
    for (const auto &[name, set] : pairSets) {
        if (!set) {
            reportDatasetError(outcome, name, set.error().code, set.error().message);
            ok = false;
            continue;
        }
        for (const SentencePair &pair : set->pairs) {
            for (const QString &text : {pair.first.trimmed(), pair.second.trimmed()}) {
                if (text.isEmpty() || seen.contains(text))
                    continue;
                seen.insert(text);
                const QString intent =
                    QStringLiteral("zh-pseudo-%1").arg(textHash(text) % kPseudoIntents);
                pool.pseudo.append({intent, 1, intent, text, QStringLiteral("zh-CN")});
            }
        }
    }
    sortByHash(pool.pseudo);
    return ok;
}

/// `size` example questions: real labelled ones first; past those the pseudo-labelled Chinese
/// sentences; past those, second copies of the same list from the start.
QList<SuggestionSource> knowledgeBase(const Pool &pool, int size, QString *scheme)
{
    QList<SuggestionSource> kb = pool.labelled.mid(0, size);
    const qsizetype real = kb.size();
    kb += pool.pseudo.mid(0, size - kb.size());
    const qsizetype pseudo = kb.size() - real;
    const qsizetype distinct = kb.size();
    for (qsizetype i = 0; kb.size() < size && distinct > 0; ++i)
        kb.append(kb[i % distinct]);
    QSet<QString> intents;
    for (const SuggestionSource &s : std::as_const(kb))
        intents.insert(s.intent);
    *scheme = QStringLiteral("%1 questions: %2 Banking77/CLINC150 train+val with their intents")
                  .arg(kb.size())
                  .arg(real);
    if (pseudo > 0)
        *scheme += QStringLiteral(", %1 distinct ATEC/AFQMC sentences with %2 pseudo-intents "
                                  "(SHA-1 bucket)")
                       .arg(pseudo)
                       .arg(kPseudoIntents);
    if (kb.size() > distinct)
        *scheme += QStringLiteral(", %1 second copies of those").arg(kb.size() - distinct);
    *scheme += QStringLiteral("; %1 intents").arg(intents.size());
    return kb;
}

/// Rows appear on stderr as soon as they are measured: the 100k training takes minutes.
void appendRow(EvalOutcome &outcome, const EvalRow &row)
{
    outcome.rows.append(row);
    qInfo().noquote() << QStringLiteral("speed: %1 | %2 | %3 | %4 | %5")
                             .arg(row.dataset, row.metric)
                             .arg(row.tandem.value_or(-1), 0, 'f', 3)
                             .arg(row.fasttextOnly.value_or(-1), 0, 'f', 3)
                             .arg(row.bm25Only.value_or(-1), 0, 'f', 3);
}

QString sizeName(int size)
{
    return QStringLiteral("speed: kb %1k").arg(size / 1000);
}

} // namespace

EvalOutcome evalSpeed(const QString &datasetsDir)
{
    EvalOutcome outcome;
    Pool pool;
    if (!readPool(datasetsDir, pool, outcome) || pool.queries.isEmpty())
        return outcome;
    const SuggesterOptions options; // the defaults, as the hub trains
    // Training time at 15k: the whole engine, and the single methods it is built from.
    {
        QString scheme;
        const QList<SuggestionSource> kb = knowledgeBase(pool, 15000, &scheme);
        QList<TrainingExample> examples;
        QList<QStringList> documents;
        for (const SuggestionSource &s : kb) {
            examples.append({s.text, s.intent});
            documents.append(detail::retrievalTokens(s.text));
        }
        QElapsedTimer timer;
        timer.start();
        const auto fastText = IntentModel::train(examples, options.intent);
        const double fastTextSeconds = double(timer.nsecsElapsed()) / 1e9;
        timer.restart();
        const auto index = QuestionIndex::build(documents);
        const double indexSeconds = double(timer.nsecsElapsed()) / 1e9;
        timer.restart();
        const double cpuBefore = processCpuSeconds();
        const QString load = loadAverage();
        const auto model = SuggestionModel::train(kb, options);
        const double seconds = double(timer.nsecsElapsed()) / 1e9;
        const double cpuSeconds = processCpuSeconds() - cpuBefore;
        if (!fastText || !index || !model) {
            reportDatasetError(outcome, sizeName(15000), QStringLiteral("train"),
                               !model ? model.error().message : QStringLiteral("baseline"));
            return outcome;
        }
        appendRow(
            outcome,
            {sizeName(15000), QStringLiteral("training time (s)"), seconds, fastTextSeconds,
             indexSeconds,
             QStringLiteral("wall clock; CPU %1 s over all threads; load average %2 at the "
                            "start; %3; default SuggesterOptions (%4 folds, %5 training threads); "
                            "baselines: one fastText training / FTS5 build (tokens analysed "
                            "before the clock)")
                 .arg(cpuSeconds, 0, 'f', 1)
                 .arg(load)
                 .arg(scheme)
                 .arg(options.folds)
                 .arg(options.trainingThreads)});
    }
    malloc_trim(0);

    for (const int size : {1000, 10000, 100000}) {
        QString scheme;
        QList<SuggestionSource> kb = knowledgeBase(pool, size, &scheme);
        const double rssBefore = residentMegabytes();
        QElapsedTimer timer;
        timer.start();
        const double cpuBefore = processCpuSeconds();
        auto trained = SuggestionModel::train(kb, options);
        const double seconds = double(timer.nsecsElapsed()) / 1e9;
        const double cpuSeconds = processCpuSeconds() - cpuBefore;
        kb.clear();
        if (!trained) {
            reportDatasetError(outcome, sizeName(size), trained.error().code,
                               trained.error().message);
            continue;
        }
        std::shared_ptr<const SuggestionModel> model = *trained;
        const double growth = residentMegabytes() - rssBefore;
        const Latency tandem =
            measureLatency(pool.queries, [&](const QString &q) { model->suggest(q); });
        const Latency fastText =
            measureLatency(pool.queries, [&](const QString &q) { model->classify(q, 3); });
        const Latency bm25 =
            measureLatency(pool.queries, [&](const QString &q) { model->retrieve(q, 10); });
        const QString load = loadAverage();
        const QString note = QStringLiteral("wall clock; CPU time of the query thread p50 %1 ms; "
                                            "load average %2; %3 held-out queries (banking77/dev, "
                                            "clinc150/test_dev), 1 thread, warm, k=3; %4")
                                 .arg(tandem.cpuP50, 0, 'f', 2)
                                 .arg(load)
                                 .arg(pool.queries.size())
                                 .arg(scheme);
        appendRow(outcome, {sizeName(size), QStringLiteral("suggest latency p50 (ms)"), tandem.p50,
                            fastText.p50, bm25.p50, note});
        appendRow(outcome, {sizeName(size), QStringLiteral("suggest latency p99 (ms)"), tandem.p99,
                            fastText.p99, bm25.p99,
                            QStringLiteral("wall clock; CPU time p99 tandem %1 ms, fastText %2 ms, "
                                           "BM25 %3 ms; baselines: classify(k=3) / retrieve(10) "
                                           "of the same model, analysis included")
                                .arg(tandem.cpuP99, 0, 'f', 2)
                                .arg(fastText.cpuP99, 0, 'f', 2)
                                .arg(bm25.cpuP99, 0, 'f', 2)});
        appendRow(outcome,
                  {sizeName(size), QStringLiteral("RSS growth, training + model (MB)"), growth,
                   std::nullopt, std::nullopt,
                   QStringLiteral("training %1 s wall, %2 s CPU (default options); model %3, "
                                  "held-out top-1 %4%, threshold %5")
                       .arg(seconds, 0, 'f', 1)
                       .arg(cpuSeconds, 0, 'f', 1)
                       .arg(model->version())
                       .arg(100 * model->report().heldOutTop1, 0, 'f', 1)
                       .arg(model->threshold(), 0, 'f', 3)});
        outcome.textsEvaluated += 3 * pool.queries.size();
        model.reset();
        malloc_trim(0);
    }
    appendRow(outcome, {QStringLiteral("speed"), QStringLiteral("peak RSS (MB)"), peakMegabytes(),
                        std::nullopt, std::nullopt,
                        QStringLiteral("getrusage ru_maxrss of the whole run so far (all "
                                       "families run before this one included)")});
    return outcome;
}

} // namespace tandem::eval
