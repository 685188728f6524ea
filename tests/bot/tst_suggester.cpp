#include "questionindex.h"
#include "shopkb.h"
#include "suggester.h"
#include "suggestionfeatures.h"
#include "textanalysis.h"

#include <QSet>
#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

using namespace tandem;
using namespace tandem::testkb;

/// BM25 retrieval, the trained suggestion engine on a tiny shop knowledge base written here, and
/// the live Suggester's retraining (atomic swap, latest request wins, failures keep the model).
class TestSuggester : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void indexRanksCloserDocumentFirst_data();
    void indexRanksCloserDocumentFirst();
    void indexQuotesTokens_data();
    void indexQuotesTokens();
    void indexEdgeCases();
    void indexTopHitsMatchFullRanking();
    void questionWordsCountLess_data();
    void questionWordsCountLess();
    void indexConcurrentSearchesMatchSequential();
    void rightArticleFirst_data();
    void rightArticleFirst();
    void unrelatedQuestionIsOutOfScope_data();
    void unrelatedQuestionIsOutOfScope();
    void symbolsAndEmojiDoNotBreakSuggestions_data();
    void symbolsAndEmojiDoNotBreakSuggestions();
    void suggestionsAreFilledAndOrdered();
    void trainingIsDeterministic();
    void trainingErrors();
    void retrainSwapsUnderConcurrentQueries();
    void latestRetrainRequestWins();
    void failedTrainingKeepsPreviousModel();

private:
    std::shared_ptr<const SuggestionModel> m_model;
};

namespace {

// Training on a loaded two-core machine: generous, never a measure of speed.
constexpr int kTrainingTimeoutMs = 180000;

QString s(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

/// Smaller fastText hash tables than the default: the same behaviour on a tiny knowledge base,
/// less memory per fold. With only eight intents the default share of intents held out as
/// out-of-scope stand-ins (10 %) rounds down to none, and the threshold would then be chosen
/// without a single out-of-scope example; a quarter holds out two per fold.
SuggesterOptions testOptions()
{
    SuggesterOptions options;
    options.intent.bucket = 20000;
    options.heldOutIntentShare = 0.25;
    return options;
}

QList<QStringList> analysed(const QStringList &texts)
{
    QList<QStringList> documents;
    for (const QString &text : texts)
        documents.append(TextAnalyzer::instance().analyze(text).tokens);
    return documents;
}

QStringList queryTokens(const QString &text)
{
    return TextAnalyzer::instance().analyze(text).tokens;
}

} // namespace

void TestSuggester::initTestCase()
{
    auto model = SuggestionModel::train(sources(), testOptions());
    QVERIFY2(model.ok(), qPrintable(model.error().message));
    m_model = *model;
    const SuggesterReport &r = m_model->report();
    qInfo("model %s: %d questions, %d intents, held-out top-1 %.3f, ECE %.3f, threshold %.3f, "
          "%.2f s",
          qPrintable(m_model->version()), r.examples, r.intents, r.heldOutTop1,
          r.expectedCalibrationError, m_model->threshold(), r.trainingSeconds);
}

void TestSuggester::indexRanksCloserDocumentFirst_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("expected");

    // Documents: 0 refund timing, 1 refund policy, 2 delivery, 3 English refund, 4 English
    // delivery.
    QTest::newRow("simplified") << s("退款什么时候到账") << 0;
    QTest::newRow("traditional folded") << s("退款什麼時候到帳") << 0;
    QTest::newRow("traditional delivery") << s("快遞到哪裡了") << 2;
    QTest::newRow("english stemmed") << QStringLiteral("refunds arriving") << 3;
    QTest::newRow("english delivery") << QStringLiteral("tracked packages") << 4;
    QTest::newRow("mixed") << s("我的 iPhone 15 退款还没到账") << 0;
}

void TestSuggester::indexRanksCloserDocumentFirst()
{
    QFETCH(QString, query);
    QFETCH(int, expected);
    const auto index = QuestionIndex::build(analysed({
        s("iPhone 15 的退款多久到账"),
        s("退款政策是什么"),
        s("我的快递到哪里了"),
        QStringLiteral("when will my refund arrive"),
        QStringLiteral("track my package"),
    }));
    QVERIFY2(index.ok(), qPrintable(index.error().message));
    QCOMPARE((*index)->documentCount(), 5);
    const QList<QuestionHit> hits = (*index)->search(queryTokens(query), 10);
    QVERIFY2(!hits.isEmpty(), qUtf8Printable(queryTokens(query).join(u' ')));
    QCOMPARE(hits.first().document, expected);
    for (qsizetype i = 0; i < hits.size(); ++i) {
        QVERIFY(hits[i].score > 0);
        if (i > 0)
            QVERIFY(hits[i - 1].score >= hits[i].score);
    }
}

void TestSuggester::indexQuotesTokens_data()
{
    QTest::addColumn<QString>("token");
    // FTS5 query syntax must never leak out of a token: quotes, operators, prefixes, columns.
    QTest::newRow("double quote") << QStringLiteral("say\"hi");
    QTest::newRow("lone quote") << QStringLiteral("\"");
    QTest::newRow("apostrophe") << QStringLiteral("don't");
    QTest::newRow("decimal") << QStringLiteral("15.5");
    QTest::newRow("operator OR") << QStringLiteral("OR");
    QTest::newRow("operator NOT") << QStringLiteral("NOT");
    QTest::newRow("NEAR") << QStringLiteral("NEAR(a");
    QTest::newRow("prefix star") << QStringLiteral("ref*");
    QTest::newRow("column filter") << QStringLiteral("tokens:refund");
    QTest::newRow("caret") << QStringLiteral("^refund");
    // Nothing FTS5 would index at all.
    QTest::newRow("dash") << QStringLiteral("-");
    QTest::newRow("emoji") << s("😀");
}

void TestSuggester::indexQuotesTokens()
{
    QFETCH(QString, token);
    // A document holding the odd token next to an ordinary word, and one with only the word:
    // searching for the odd token together with the word must still work (no syntax error
    // turning the whole search into nothing) and rank the document with both first.
    const auto index = QuestionIndex::build(
        {{token, QStringLiteral("refund")}, {QStringLiteral("refund"), QStringLiteral("late")}});
    QVERIFY(index.ok());
    const QList<QuestionHit> hits =
        (*index)->search({token, QStringLiteral("refund"), QStringLiteral("x")}, 10);
    QVERIFY2(hits.size() == 2, qPrintable(QStringLiteral("%1 hits").arg(hits.size())));
    QCOMPARE(hits.first().document, 0);
}

void TestSuggester::indexEdgeCases()
{
    const auto index =
        QuestionIndex::build({{}, {QStringLiteral("refund")}, {}, {QStringLiteral("refund")}});
    QVERIFY(index.ok());
    QCOMPARE((*index)->documentCount(), 4);
    QVERIFY((*index)->search({}, 10).isEmpty());
    QVERIFY((*index)->search({QString()}, 10).isEmpty());
    QVERIFY((*index)->search({QStringLiteral("refund")}, 0).isEmpty());
    QVERIFY((*index)->search({QStringLiteral("nothing")}, 10).isEmpty());
    // Empty documents keep their ids but never match; equal scores come by document id.
    const QList<QuestionHit> hits = (*index)->search({QStringLiteral("refund")}, 10);
    QCOMPARE(hits.size(), 2);
    QCOMPARE(hits[0].document, 1);
    QCOMPARE(hits[1].document, 3);
    QCOMPARE((*index)->search({QStringLiteral("refund")}, 1).size(), 1);

    const auto empty = QuestionIndex::build({});
    QVERIFY(empty.ok());
    QCOMPARE((*empty)->documentCount(), 0);
    QVERIFY((*empty)->search({QStringLiteral("refund")}, 10).isEmpty());
}

// search() looks at common terms only when they can change the top `limit` (MaxScore); its
// result must be exactly the head of the full ranking, with and without weights.
void TestSuggester::indexTopHitsMatchFullRanking()
{
    // 400 documents over a vocabulary where a few terms are in most documents and the rest in
    // few, from a fixed linear congruential sequence so the test is the same every run.
    quint32 state = 12345;
    auto next = [&state](quint32 bound) {
        state = state * 1664525u + 1013904223u;
        return (state >> 8) % bound;
    };
    auto term = [&] {
        const quint32 common = next(4);
        return common == 0 ? QStringLiteral("c%1").arg(next(5)) // 5 common terms
                           : QStringLiteral("r%1").arg(next(300));
    };
    QList<QStringList> documents;
    for (int d = 0; d < 400; ++d) {
        QStringList document;
        const int length = 3 + int(next(10));
        for (int t = 0; t < length; ++t)
            document.append(term());
        documents.append(document);
    }
    const auto built = QuestionIndex::build(documents);
    QVERIFY2(built.ok(), qPrintable(built.error().message));
    const QuestionIndex &index = **built;
    int pruned = 0;
    for (int q = 0; q < 300; ++q) {
        QStringList query;
        QList<double> weights;
        const int length = 1 + int(next(6));
        for (int t = 0; t < length; ++t) {
            query.append(term());
            weights.append(q % 2 ? 1.0 : 0.25 + 0.25 * next(4));
        }
        const QList<QuestionHit> full = index.search(query, weights, 1000);
        for (const int limit : {1, 3, 10, 50}) {
            const QList<QuestionHit> top = index.search(query, weights, limit);
            QCOMPARE(top, full.mid(0, limit));
        }
        pruned += std::any_of(query.cbegin(), query.cend(),
                              [](const QString &t) { return t.startsWith(u'c'); }) &&
                  std::any_of(query.cbegin(), query.cend(),
                              [](const QString &t) { return t.startsWith(u'r'); });
    }
    QVERIFY(pruned > 100); // most queries mix common and rare terms: the pruned path ran
}

void TestSuggester::questionWordsCountLess_data()
{
    QTest::addColumn<QString>("query");
    QTest::newRow("simplified") << s("积分什么时候");
    QTest::newRow("traditional, Taiwan word for points") << s("點數什麼時候");
}

// A question word ("什么时候") says what kind of answer is wanted; the topic word ("积分") says
// which. Unweighted BM25 lets the question word (one word and three Han bigrams) outvote the
// topic; the retrieval weights must not. English question words are one term each and keep
// weight 1.
void TestSuggester::questionWordsCountLess()
{
    QFETCH(QString, query);
    // Document 0 is about points; 1-3 share only the question word.
    const QStringList questions = {s("积分怎么用"),
                                   s("什么时候发货"),
                                   s("什么时候到货"),
                                   s("退款多久到账"),
                                   s("怎么开发票"),
                                   QStringLiteral("how do points work"),
                                   QStringLiteral("when will my order ship"),
                                   QStringLiteral("when does the sale start")};
    QList<QStringList> documents;
    for (const QString &question : questions)
        documents.append(detail::retrievalTokens(question));
    const auto index = QuestionIndex::build(documents);
    QVERIFY2(index.ok(), qPrintable(index.error().message));
    const QStringList tokens = detail::retrievalTokens(query);
    const QList<double> weights = detail::retrievalWeights(tokens);
    QCOMPARE(weights.size(), tokens.size());
    QVERIFY(std::any_of(weights.cbegin(), weights.cend(), [](double w) { return w < 1; }));
    const QStringList english = detail::retrievalTokens(QStringLiteral("when do points expire"));
    for (double w : detail::retrievalWeights(english))
        QCOMPARE(w, 1.0);

    const QList<QuestionHit> weighted = (*index)->search(tokens, weights, 10);
    QVERIFY(!weighted.isEmpty());
    const QString topic = questions[weighted.first().document];
    QVERIFY2(topic.contains(s("积分")), qUtf8Printable(topic));
    // Unweighted, the same query ranks a question-word-only document first: the weights are
    // what decides.
    const QList<QuestionHit> plain = (*index)->search(tokens, 10);
    QVERIFY(!plain.isEmpty());
    QVERIFY(plain.first().document != 0);
}

void TestSuggester::indexConcurrentSearchesMatchSequential()
{
    QStringList questions;
    QList<QStringList> queries;
    for (const SuggestionSource &source : sources()) {
        questions.append(source.text);
        queries.append(queryTokens(source.text));
    }
    const auto built = QuestionIndex::build(analysed(questions));
    QVERIFY(built.ok());
    const std::shared_ptr<const QuestionIndex> index = *built;
    QList<QList<QuestionHit>> expected;
    for (const QStringList &query : std::as_const(queries))
        expected.append(index->search(query, 5));

    constexpr int kThreads = 4;
    constexpr int kRounds = 5;
    std::atomic<int> mismatches{0};
    std::atomic<int> searches{0};
    {
        std::vector<std::jthread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, t] {
                for (int round = 0; round < kRounds; ++round) {
                    // Each thread walks the queries from a different start.
                    for (qsizetype i = 0; i < queries.size(); ++i) {
                        const qsizetype q = (i + t * 17) % queries.size();
                        if (index->search(queries[q], 5) != expected[q])
                            ++mismatches;
                        ++searches;
                    }
                }
            });
        }
    }
    QCOMPARE(searches.load(), kThreads * kRounds * int(queries.size()));
    QCOMPARE(mismatches.load(), 0);
}

void TestSuggester::rightArticleFirst_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("article");

    for (const auto &[text, article] : testkb::paraphrases())
        QTest::newRow(text) << QString::fromUtf8(text) << QString::fromLatin1(article);
}

void TestSuggester::rightArticleFirst()
{
    QFETCH(QString, text);
    QFETCH(QString, article);
    const SuggestionResult result = m_model->suggest(text);
    QVERIFY(!result.suggestions.isEmpty());
    const Suggestion &top = result.suggestions.first();
    qInfo("%s → %s %.3f (fastText %.3f, BM25 %.2f, \"%s\")%s", qUtf8Printable(text),
          qPrintable(top.articleId), top.confidence, top.intentProbability, top.retrievalScore,
          qUtf8Printable(top.matchedQuestion), result.outOfScope ? " out of scope" : "");
    QCOMPARE(top.articleId, article);
}

void TestSuggester::unrelatedQuestionIsOutOfScope_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("mars") << "what's the weather on Mars";
    QTest::newRow("recipe") << "how do I bake sourdough bread";
    QTest::newRow("gibberish") << "zzzz qqqq";
}

void TestSuggester::unrelatedQuestionIsOutOfScope()
{
    QFETCH(QString, text);
    const SuggestionResult result = m_model->suggest(text);
    const double top = result.suggestions.isEmpty() ? 0 : result.suggestions.first().confidence;
    qInfo("%s: top %.3f, threshold %.3f", qUtf8Printable(text), top, result.threshold);
    QVERIFY(result.outOfScope);
    // The threshold that decided is the top suggestion's intent's, never below the shared one.
    QCOMPARE(result.threshold, result.suggestions.isEmpty()
                                   ? m_model->threshold()
                                   : m_model->threshold(result.suggestions.first().intent));
    QVERIFY(result.threshold >= m_model->threshold());
    QCOMPARE(result.modelVersion, m_model->version());
}

void TestSuggester::symbolsAndEmojiDoNotBreakSuggestions_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("article"); // empty: only must not fail

    QTest::newRow("emoji") << s("退款还没到账😡😡") << "kb-refund";
    QTest::newRow("punctuation") << s("refund?!?! -- where is my refund ...") << "kb-refund";
    QTest::newRow("hyphenated model") << s("我的 iPhone-15 退款还没到账") << "kb-refund";
    QTest::newRow("quotes") << s("can I get an \"invoice\"? it's for 'my' company") << "kb-invoice";
    QTest::newRow("only symbols") << s("-- / ?? 😀 ***") << QString();
}

void TestSuggester::symbolsAndEmojiDoNotBreakSuggestions()
{
    QFETCH(QString, text);
    QFETCH(QString, article);
    const SuggestionResult result = m_model->suggest(text);
    QCOMPARE(result.modelVersion, m_model->version());
    if (!article.isEmpty()) {
        QVERIFY(!result.suggestions.isEmpty());
        QCOMPARE(result.suggestions.first().articleId, article);
        // Retrieval itself found the article's questions (the search did not fail).
        QVERIFY(result.suggestions.first().retrievalScore > 0);
    }
}

void TestSuggester::suggestionsAreFilledAndOrdered()
{
    QHash<QString, int> versions;
    for (const Article &a : knowledgeBase())
        versions.insert(QString::fromLatin1(a.id), a.version);
    const QStringList texts{s("退款多久能到账"), s("我想改一下收貨地址"),
                            QStringLiteral("cancel my order"), s("我的 iPhone 15 退款还没到账"),
                            QStringLiteral("what's the weather on Mars")};
    for (const QString &text : texts) {
        const SuggestionResult result = m_model->suggest(text, {}, 5);
        QCOMPARE(result.modelVersion, m_model->version());
        QVERIFY(result.suggestions.size() <= 5);
        QSet<QString> seen;
        for (qsizetype i = 0; i < result.suggestions.size(); ++i) {
            const Suggestion &sug = result.suggestions[i];
            QVERIFY2(sug.confidence >= 0 && sug.confidence <= 1, qPrintable(text));
            if (i > 0)
                QVERIFY(result.suggestions[i - 1].confidence >= sug.confidence);
            QVERIFY(versions.contains(sug.articleId));
            QCOMPARE(sug.articleVersion, versions.value(sug.articleId));
            QVERIFY(!sug.intent.isEmpty());
            QCOMPARE(sug.threshold, m_model->threshold(sug.intent));
            QVERIFY(sug.threshold >= m_model->threshold());
            QVERIFY(!seen.contains(sug.articleId)); // one suggestion per article
            seen.insert(sug.articleId);
        }
    }
    const SuggestionResult refund = m_model->suggest(s("退款多久能到账"));
    QVERIFY(!refund.outOfScope);
    QCOMPARE(refund.suggestions.first().articleVersion, 2);
    QCOMPARE(refund.suggestions.first().intent, QStringLiteral("refund.status"));
    QVERIFY(!refund.suggestions.first().matchedQuestion.isEmpty());
    QCOMPARE(m_model->version().size(), 12);
    QVERIFY(m_model->threshold() >= 0 && m_model->threshold() <= 1);
    QCOMPARE(m_model->report().examples, int(sources().size()));
    QCOMPARE(m_model->report().intents, 8);

    // A follow-up is read with the previous message when that is clearly surer.
    const SuggestionResult followUp = m_model->suggest(
        QStringLiteral("how long?"), {QStringLiteral("my refund has not arrived")});
    QVERIFY(!followUp.suggestions.isEmpty());
    if (followUp.usedContext)
        QCOMPARE(followUp.suggestions.first().articleId, QStringLiteral("kb-refund"));
}

void TestSuggester::trainingIsDeterministic()
{
    auto again = SuggestionModel::train(sources(), testOptions());
    QVERIFY(again.ok());
    QCOMPARE((*again)->version(), m_model->version());
    QCOMPARE((*again)->threshold(), m_model->threshold());
    const QString text = s("我的 iPhone 15 退款还没到账");
    const SuggestionResult a = m_model->suggest(text);
    const SuggestionResult b = (*again)->suggest(text);
    QCOMPARE(a.suggestions.size(), b.suggestions.size());
    for (qsizetype i = 0; i < a.suggestions.size(); ++i) {
        QCOMPARE(a.suggestions[i].articleId, b.suggestions[i].articleId);
        QCOMPARE(a.suggestions[i].confidence, b.suggestions[i].confidence);
    }

    // A bumped article version is a different model.
    QList<SuggestionSource> edited = sources();
    for (SuggestionSource &source : edited) {
        if (source.articleId == QStringLiteral("kb-invoice"))
            source.articleVersion = 3;
    }
    auto bumped = SuggestionModel::train(edited, testOptions());
    QVERIFY(bumped.ok());
    QVERIFY((*bumped)->version() != m_model->version());
    QCOMPARE((*bumped)->suggest(s("怎么开发票")).suggestions.first().articleVersion, 3);
}

void TestSuggester::trainingErrors()
{
    const auto none = SuggestionModel::train({}, testOptions());
    QVERIFY(!none.ok());
    QCOMPARE(none.error().code, QStringLiteral("suggest.no-examples"));

    QList<SuggestionSource> oneIntent;
    for (const SuggestionSource &source : sources()) {
        if (source.intent == QStringLiteral("refund.status"))
            oneIntent.append(source);
    }
    const auto single = SuggestionModel::train(oneIntent, testOptions());
    QVERIFY(!single.ok());
    QCOMPARE(single.error().code, QStringLiteral("suggest.too-few-intents"));

    QList<SuggestionSource> noIntent = sources();
    noIntent[5].intent.clear();
    const auto bad = SuggestionModel::train(noIntent, testOptions());
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().code, QStringLiteral("suggest.bad-source"));
}

void TestSuggester::retrainSwapsUnderConcurrentQueries()
{
    Suggester suggester(testOptions());
    QVERIFY(suggester.suggest(s("退款")).suggestions.isEmpty()); // no model yet
    QVERIFY(suggester.suggest(s("退款")).modelVersion.isEmpty());
    QSignalSpy ready(&suggester, &Suggester::modelReady);
    suggester.retrain(sources());
    QVERIFY(ready.wait(kTrainingTimeoutMs));
    const QString first = ready.takeFirst().at(0).toString();
    QCOMPARE(suggester.model()->version(), first);

    // Readers query throughout two retrainings (each with a new article version).
    std::atomic<bool> stop{false};
    std::atomic<int> empty{0};
    std::atomic<int> queries{0};
    std::mutex seenMutex;
    QSet<QString> seen;
    const QStringList texts{s("退款多久能到账"), s("怎麼修改收貨地址"),
                            QStringLiteral("cancel my order"), s("我的 iPhone 15 退款还没到账")};
    std::vector<std::jthread> readers;
    for (int t = 0; t < 3; ++t) {
        readers.emplace_back([&, t] {
            QSet<QString> local;
            for (int i = t; !stop.load(); ++i) {
                const SuggestionResult r = suggester.suggest(texts[i % texts.size()]);
                if (r.suggestions.isEmpty() || r.modelVersion.isEmpty())
                    ++empty;
                local.insert(r.modelVersion);
                ++queries;
            }
            std::lock_guard lock(seenMutex);
            seen.unite(local);
        });
    }
    QStringList versions{first};
    for (const int invoiceVersion : {5, 6}) {
        QList<SuggestionSource> edited = sources();
        for (SuggestionSource &source : edited) {
            if (source.articleId == QStringLiteral("kb-invoice"))
                source.articleVersion = invoiceVersion;
        }
        suggester.retrain(edited);
        QVERIFY(ready.wait(kTrainingTimeoutMs));
        versions.append(ready.takeFirst().at(0).toString());
        QCOMPARE(suggester.model()->version(), versions.last());
        QCOMPARE(suggester.suggest(s("怎么开发票")).suggestions.first().articleVersion,
                 invoiceVersion);
    }
    // Let the readers see the last model too before they stop.
    const int before = queries.load();
    QTRY_VERIFY_WITH_TIMEOUT(queries.load() > before + 30, 60000);
    stop = true;
    readers.clear(); // joins
    QCOMPARE(QSet<QString>(versions.begin(), versions.end()).size(), 3);
    QCOMPARE(empty.load(), 0);
    for (const QString &version : std::as_const(seen))
        QVERIFY2(versions.contains(version), qPrintable(version));
    QVERIFY(seen.contains(versions.last()));
    qInfo("%d queries during two retrainings, versions seen: %s", queries.load(),
          qPrintable(QStringList(seen.begin(), seen.end()).join(u' ')));
    QVERIFY(!suggester.isTraining());
}

void TestSuggester::latestRetrainRequestWins()
{
    auto withInvoiceVersion = [](int version) {
        QList<SuggestionSource> edited = sources();
        for (SuggestionSource &source : edited) {
            if (source.articleId == QStringLiteral("kb-invoice"))
                source.articleVersion = version;
        }
        return edited;
    };
    auto expected = SuggestionModel::train(withInvoiceVersion(9), testOptions());
    QVERIFY(expected.ok());

    Suggester suggester(testOptions());
    QSignalSpy ready(&suggester, &Suggester::modelReady);
    QSignalSpy failed(&suggester, &Suggester::trainingFailed);
    // The first request may or may not have started when the others arrive; the second is
    // always superseded by the third before the worker takes it.
    suggester.retrain(withInvoiceVersion(7));
    suggester.retrain(withInvoiceVersion(8));
    suggester.retrain(withInvoiceVersion(9));
    suggester.waitForIdle();
    QVERIFY(!suggester.isTraining());
    QCOMPARE(suggester.model()->version(), (*expected)->version());
    // The signals are queued to this thread.
    QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty() &&
                                 ready.last().at(0).toString() == (*expected)->version(),
                             kTrainingTimeoutMs);
    // At most the first request and the last one were trained; the middle one never was.
    QVERIFY(ready.size() <= 2);
    if (ready.size() == 2) {
        QVERIFY(ready.first().at(0).toString() != (*expected)->version());
        QCOMPARE(ready.first().at(1).value<SuggesterReport>().examples, int(sources().size()));
    }
    QVERIFY(failed.isEmpty());
}

void TestSuggester::failedTrainingKeepsPreviousModel()
{
    Suggester suggester(testOptions());
    QSignalSpy ready(&suggester, &Suggester::modelReady);
    QSignalSpy failed(&suggester, &Suggester::trainingFailed);
    suggester.retrain(sources());
    QVERIFY(ready.wait(kTrainingTimeoutMs));
    const QString version = suggester.model()->version();

    QList<SuggestionSource> oneIntent;
    for (const SuggestionSource &source : sources()) {
        if (source.intent == QStringLiteral("order.cancel"))
            oneIntent.append(source);
    }
    suggester.retrain(oneIntent);
    QVERIFY(failed.wait(kTrainingTimeoutMs));
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.first().at(0).value<Error>().code, QStringLiteral("suggest.too-few-intents"));
    QCOMPARE(ready.size(), 1);
    QCOMPARE(suggester.model()->version(), version);
    const SuggestionResult result = suggester.suggest(s("退款多久能到账"));
    QCOMPARE(result.modelVersion, version);
    QCOMPARE(result.suggestions.first().articleId, QStringLiteral("kb-refund"));

    // An empty request fails the same way, and a good one afterwards still works.
    suggester.retrain({});
    QVERIFY(failed.wait(kTrainingTimeoutMs));
    QCOMPARE(failed.last().at(0).value<Error>().code, QStringLiteral("suggest.no-examples"));
    QCOMPARE(suggester.model()->version(), version);
}

QTEST_GUILESS_MAIN(TestSuggester)
#include "tst_suggester.moc"
