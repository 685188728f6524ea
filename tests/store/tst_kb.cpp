#include "kbfile.h"
#include "store.h"
#include "storetesthelpers.h"
#include "textanalysis.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace tandem;
using namespace tandem::test;

namespace {

constexpr qint64 kNow = 1'700'000'000'000;

KbArticle makeArticle(const QString &id, const QString &intent,
                      const QMap<QString, KbContent> &content)
{
    KbArticle a;
    a.id = id;
    a.intent = intent;
    a.tags = {QStringLiteral("demo"), id.section(QLatin1Char('-'), 0, 0)};
    a.autoAnswer = id.size() % 2 == 0;
    a.enabled = true;
    a.version = int(id.size());
    a.lastReviewed = QDate(2026, 9, 14);
    a.content = content;
    return a;
}

/// Three articles in all three scripts, with text that CSV must quote (commas, quotes, line
/// breaks, leading spaces) and every allowed variable.
KnowledgeBase sampleKb()
{
    KnowledgeBase kb;
    kb.shopName = {{QStringLiteral("en"), QStringLiteral("Lanternfield")},
                   {QStringLiteral("zh-CN"), QStringLiteral("灯野良品")},
                   {QStringLiteral("zh-TW"), QStringLiteral("燈野良品")}};
    kb.articles.append(makeArticle(
        QStringLiteral("refund-status"), QStringLiteral("refund.status"),
        {{QStringLiteral("en"),
          {QStringLiteral("Where is my refund?"),
           QStringLiteral("Hi {{customer.name}}, refunds for {{order.id}} take 3-5 days.\nThe "
                          "\"Refunds\" page, under Account, shows each step."),
           {QStringLiteral("When will I get my refund?"), QStringLiteral("  refund, please  ")}}},
         {QStringLiteral("zh-CN"),
          {QStringLiteral("退款进度"),
           QStringLiteral("{{shop.name}}的退款一般 3-5 天到账。"),
           {QStringLiteral("退款什么时候到账"), QStringLiteral("钱退了吗")}}}}));
    kb.articles.append(
        makeArticle(QStringLiteral("parcel-tracking"), QStringLiteral("delivery.tracking"),
                    {{QStringLiteral("en"),
                      {QStringLiteral("Tracking a parcel"),
                       QStringLiteral("{{agent.name}} here: use the tracking link in your email."),
                       {QStringLiteral("Where is my parcel?"), QStringLiteral("tracking number")}}},
                     {QStringLiteral("zh-TW"),
                      {QStringLiteral("查詢包裹"),
                       QStringLiteral("請使用郵件中的追蹤連結。"),
                       {QStringLiteral("我的包裹在哪裡"), QStringLiteral("物流資訊")}}}}));
    kb.articles.append(
        makeArticle(QStringLiteral("opening-hours"), QStringLiteral("store.hours"),
                    {{QStringLiteral("zh-TW"),
                      {QStringLiteral("營業時間"),
                       QStringLiteral("客服時間為每天 9:00-21:00。"),
                       {QStringLiteral("你們幾點上班"), QStringLiteral("客服什麼時候在")}}}}));
    kb.articles.last().enabled = false;
    return kb;
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// The sample as JSON, after `edit` changed it.
template <typename F>
QByteArray editedJson(F edit)
{
    QJsonObject root = QJsonDocument::fromJson(kbfile::toJson(sampleKb())).object();
    QJsonArray articles = root.value(QStringLiteral("articles")).toArray();
    edit(articles);
    root.insert(QStringLiteral("articles"), articles);
    return QJsonDocument(root).toJson();
}

/// Applies `edit` to articles[index] of a JSON array.
template <typename F>
void editArticle(QJsonArray &articles, int index, F edit)
{
    QJsonObject a = articles.at(index).toObject();
    edit(a);
    articles.replace(index, a);
}

} // namespace

class TestKb : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void validation_data();
    void validation();
    void badJson_data();
    void badJson();
    void badCsv_data();
    void badCsv();
    void jsonRoundTrip_data() { addBackends(); }
    void jsonRoundTrip();
    void csvRoundTrip_data() { addBackends(); }
    void csvRoundTrip();
    void versionBumpsOnEdit_data() { addBackends(); }
    void versionBumpsOnEdit();
    void replaceIsAtomic_data() { addBackends(); }
    void replaceIsAtomic();
    void search_data();
    void search();
    void demoKb_data() { addBackends(); }
    void demoKb();

private:
    void addBackends();
    DatabaseUrl currentUrl();
    std::unique_ptr<Store> openFresh();
    /// Imports `data` into a store holding the sample KB and checks that it fails with an error
    /// containing every part of `expected` and leaves the store as it was.
    void expectRejected(const QString &fileName, const QByteArray &data,
                        const QStringList &expected);

    QString m_pgUrl;
    std::unique_ptr<QTemporaryDir> m_dir;
    int m_connections = 0;
};

void TestKb::initTestCase()
{
    m_pgUrl = qEnvironmentVariable("TANDEM_TEST_PG_URL");
    if (m_pgUrl.isEmpty() && qEnvironmentVariable("TANDEM_TEST_REQUIRE_PG") == QLatin1String("1"))
        QFAIL("TANDEM_TEST_REQUIRE_PG=1 but TANDEM_TEST_PG_URL is not set");
    if (m_pgUrl.isEmpty())
        qInfo("TANDEM_TEST_PG_URL not set: testing SQLite only");
}

void TestKb::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestKb::cleanup()
{
    m_dir.reset();
}

void TestKb::addBackends()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    if (!m_pgUrl.isEmpty())
        QTest::newRow("postgresql") << QStringLiteral("postgresql");
}

DatabaseUrl TestKb::currentUrl()
{
    // Data-less tests (the bad-file tables) run on SQLite.
    const QString backend = QByteArray(QTest::currentDataTag()) == "postgresql"
                                ? QStringLiteral("postgresql")
                                : QStringLiteral("sqlite");
    return DatabaseUrl::parse(backend == QLatin1String("sqlite")
                                  ? QStringLiteral("sqlite:") +
                                        m_dir->filePath(QStringLiteral("kb.db"))
                                  : m_pgUrl)
        .value();
}

std::unique_ptr<Store> TestKb::openFresh()
{
    const DatabaseUrl url = currentUrl();
    if (url.kind == DatabaseUrl::Kind::Postgresql)
        RawDb(url).dropAllTables();
    auto store = Store::open(url, QStringLiteral("kb-%1").arg(++m_connections));
    if (!store) {
        qWarning() << "Store::open failed:" << describe(store.error());
        return {};
    }
    return std::move(store).value();
}

#define OPEN_FRESH(var)                                                                            \
    auto var = openFresh();                                                                        \
    QVERIFY(var)

void TestKb::validation_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");
    QTest::newRow("id") << "id"
                        << "Refund_Status"
                        << "id: must be kebab-case";
    QTest::newRow("intent") << "intent"
                            << "Refund"
                            << "intent: must be dotted lower-case";
    QTest::newRow("title") << "title"
                           << " "
                           << "content.en.title: must not be empty";
    QTest::newRow("variable") << "answer"
                              << "Hi {{customer.email}}"
                              << "content.en.answer: unknown variable {{customer.email}}";
    QTest::newRow("braces") << "answer"
                            << "Hi {{customer.name}"
                            << "content.en.answer: malformed variable braces";
}

void TestKb::validation()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    KbArticle a = sampleKb().articles.first();
    VERIFY_OK(a.validate(QStringLiteral("x")));
    if (field == QLatin1String("id"))
        a.id = value;
    else if (field == QLatin1String("intent"))
        a.intent = value;
    else if (field == QLatin1String("title"))
        a.content[QStringLiteral("en")].title = value;
    else
        a.content[QStringLiteral("en")].answer = value;
    const Status s = a.validate(QStringLiteral("x"));
    QVERIFY(!s.ok());
    QVERIFY2(s.error().message.contains(expected), qPrintable(s.error().message));
}

void TestKb::expectRejected(const QString &fileName, const QByteArray &data,
                            const QStringList &expected)
{
    OPEN_FRESH(store);
    VERIFY_OK(store->replaceKnowledgeBase(sampleKb().articles, kNow, sampleKb().shopName));
    TAKE(before, store->articles());
    TAKE(countBefore, store->articleCount());

    const QString path = m_dir->filePath(fileName);
    QVERIFY(writeFile(path, data));
    TAKE(format, kbfile::formatForPath(path));
    const auto imported = kbfile::importFile(*store, path, format, kNow + 1);
    QVERIFY2(!imported.ok(), "a bad file was imported");
    for (const QString &part : expected)
        QVERIFY2(
            imported.error().message.contains(part),
            qPrintable(QStringLiteral("\"%1\" not in: %2").arg(part, imported.error().message)));

    TAKE(countAfter, store->articleCount());
    QCOMPARE(countAfter, countBefore);
    TAKE(after, store->articles());
    QVERIFY(after == before);
}

void TestKb::badJson_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QStringList>("expected");
    const QByteArray good = kbfile::toJson(sampleKb());
    QTest::newRow("broken") << good.left(good.size() / 2)
                            << QStringList{QStringLiteral("JSON syntax error at line")};
    QTest::newRow("not tandem-kb") << QByteArray(R"({"format": "other", "articles": []})")
                                   << QStringList{QStringLiteral("format: must be \"tandem-kb\"")};
    QTest::newRow("missing field") << editedJson([](QJsonArray &a) {
        editArticle(a, 1, [](QJsonObject &o) { o.remove(QStringLiteral("intent")); });
    }) << QStringList{QStringLiteral("articles[1] (parcel-tracking).intent: missing field")};
    QTest::newRow("bad language") << editedJson([](QJsonArray &a) {
        editArticle(a, 0, [](QJsonObject &o) {
            QJsonObject c = o.value(QStringLiteral("content")).toObject();
            c.insert(QStringLiteral("fr"), c.value(QStringLiteral("en")));
            o.insert(QStringLiteral("content"), c);
        });
    })
                                  << QStringList{
                                         QStringLiteral("articles[0] (refund-status).content.fr"),
                                         QStringLiteral("unsupported language \"fr\"")};
    QTest::newRow("bad variable")
        << editedJson([](QJsonArray &a) {
               editArticle(a, 2, [](QJsonObject &o) {
                   QJsonObject c = o.value(QStringLiteral("content")).toObject();
                   QJsonObject tw = c.value(QStringLiteral("zh-TW")).toObject();
                   tw.insert(QStringLiteral("answer"), QStringLiteral("您好 {{customer.phone}}"));
                   c.insert(QStringLiteral("zh-TW"), tw);
                   o.insert(QStringLiteral("content"), c);
               });
           })
        << QStringList{QStringLiteral("articles[2] (opening-hours).content.zh-TW.answer"),
                       QStringLiteral("unknown variable {{customer.phone}}")};
    QTest::newRow("duplicate id") << editedJson([](QJsonArray &a) { a.append(a.at(0)); })
                                  << QStringList{QStringLiteral("articles[3] (refund-status).id"),
                                                 QStringLiteral("duplicate id (also articles[0])")};
    QTest::newRow("empty question") << editedJson([](QJsonArray &a) {
        editArticle(a, 1, [](QJsonObject &o) {
            QJsonObject c = o.value(QStringLiteral("content")).toObject();
            QJsonObject en = c.value(QStringLiteral("en")).toObject();
            en.insert(QStringLiteral("questions"), QJsonArray{QStringLiteral("ok"), QString()});
            c.insert(QStringLiteral("en"), en);
            o.insert(QStringLiteral("content"), c);
        });
    })
                                    << QStringList{QStringLiteral(
                                           "articles[1] (parcel-tracking).content.en.questions[1]: "
                                           "must not be empty")};
    QTest::newRow("version not a number") << editedJson([](QJsonArray &a) {
        editArticle(
            a, 0, [](QJsonObject &o) { o.insert(QStringLiteral("version"), QStringLiteral("3")); });
    }) << QStringList{QStringLiteral("articles[0] (refund-status).version: must be an integer")};
}

void TestKb::badJson()
{
    QFETCH(QByteArray, data);
    QFETCH(QStringList, expected);
    expectRejected(QStringLiteral("bad.json"), data, expected);
}

void TestKb::badCsv_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QStringList>("expected");
    // Line numbers count the header as line 1; the sample's first answer spans two lines, so
    // its rows are lines 2-3, 4-5 and the zh-CN rows 6 and 7.
    const QByteArray good = kbfile::toCsv(sampleKb().articles);
    const QByteArray row = "extra-article,extra.thing,en,Title,Answer.,Question?,x,true,true,"
                           "2026-01-02\r\n";
    QTest::newRow("unclosed quote")
        << good + "extra-article,extra.thing,en,\"Title,Answer.,Q?,x,true,true,2026-01-02\r\n"
        << QStringList{QStringLiteral("line 14: unclosed quote")};
    QTest::newRow("conflicting title")
        << good + "refund-status,refund.status,zh-CN,别的标题,{{shop.name}}的退款一般 3-5 天到账。,"
                  "又一个问题,demo;refund,false,true,2026-09-14\r\n"
        << QStringList{QStringLiteral("line 14: column title of article refund-status"),
                       QStringLiteral("conflicts with \"退款进度\" on line 6")};
    QTest::newRow("conflicting intent")
        << good + QByteArray(row).replace("extra-article", "opening-hours")
        << QStringList{QStringLiteral("line 14: column intent of article opening-hours")};
    QTest::newRow("empty question") << good + QByteArray(row).replace("Question?", "")
                                    << QStringList{QStringLiteral("line 14: column question: "
                                                                  "must not be empty")};
    QTest::newRow("wrong column count")
        << good + QByteArray(row).replace(",x,", ",")
        << QStringList{QStringLiteral("line 14: expected 10 columns, found 9")};
    QTest::newRow("bad language") << good + QByteArray(row).replace(",en,", ",de,")
                                  << QStringList{QStringLiteral("line 14: column language: "
                                                                "unsupported language \"de\"")};
    QTest::newRow("bad boolean") << good + QByteArray(row).replace(",true,true,", ",yes,true,")
                                 << QStringList{QStringLiteral("line 14: column autoAnswer")};
    QTest::newRow("bad variable") << good + QByteArray(row).replace("Answer.", "Hi {{user.name}}")
                                  << QStringList{QStringLiteral(
                                         "line 14 (article extra-article).content.en.answer: "
                                         "unknown variable {{user.name}}")};
    QTest::newRow("bad header") << QByteArray("id,intent\r\n") + row
                                << QStringList{QStringLiteral("line 1: the header must be")};
}

void TestKb::badCsv()
{
    QFETCH(QByteArray, data);
    QFETCH(QStringList, expected);
    expectRejected(QStringLiteral("bad.csv"), data, expected);
}

void TestKb::jsonRoundTrip()
{
    OPEN_FRESH(store);
    const QByteArray original = kbfile::toJson(sampleKb());
    const QString in = m_dir->filePath(QStringLiteral("in.json"));
    const QString out = m_dir->filePath(QStringLiteral("out.json"));
    QVERIFY(writeFile(in, original));
    TAKE(imported, kbfile::importFile(*store, in, kbfile::Format::Json, kNow));
    QVERIFY(imported == sampleKb());
    TAKE(stored, store->articles());
    QVERIFY(stored == sampleKb().articles);
    TAKE(exported, kbfile::exportFile(*store, out, kbfile::Format::Json));
    QCOMPARE(readAll(out), original);
    // Importing again replaces everything, the shop name included.
    KnowledgeBase renamed = sampleKb();
    renamed.shopName[QStringLiteral("en")] = QStringLiteral("Lanternfield Outlet");
    renamed.articles.removeFirst();
    QVERIFY(writeFile(in, kbfile::toJson(renamed)));
    TAKE(again, kbfile::importFile(*store, in, kbfile::Format::Json, kNow + 1));
    TAKE(reexported, kbfile::exportFile(*store, out, kbfile::Format::Json));
    QCOMPARE(readAll(out), kbfile::toJson(renamed));
    VERIFY_OK(store->replaceKnowledgeBase(sampleKb().articles, kNow + 2, sampleKb().shopName));
    TAKE(one, store->article(QStringLiteral("parcel-tracking")));
    QVERIFY(one == sampleKb().articles.at(1));
    QCOMPARE(store->article(QStringLiteral("nope")).error().code, QStringLiteral("not_found"));
}

void TestKb::csvRoundTrip()
{
    OPEN_FRESH(store);
    const QByteArray original = kbfile::toCsv(sampleKb().articles);
    QVERIFY(original.startsWith("\xEF\xBB\xBF"));
    const QString in = m_dir->filePath(QStringLiteral("in.csv"));
    const QString out = m_dir->filePath(QStringLiteral("out.csv"));
    // Without the byte-order mark and with LF line ends it reads the same.
    QVERIFY(writeFile(in, original.mid(3).replace("\r\n", "\n")));
    TAKE(plain, kbfile::importFile(*store, in, kbfile::Format::Csv, kNow));
    QVERIFY(writeFile(in, original));
    TAKE(imported, kbfile::importFile(*store, in, kbfile::Format::Csv, kNow));
    QVERIFY(plain.articles == imported.articles);
    QCOMPARE(imported.articles.size(), sampleKb().articles.size());
    // CSV carries no version: every article is at version 1, the rest is identical.
    for (int i = 0; i < imported.articles.size(); ++i) {
        KbArticle expected = sampleKb().articles.at(i);
        expected.version = 1;
        QVERIFY2(imported.articles.at(i) == expected, qPrintable(expected.id));
    }
    TAKE(exported, kbfile::exportFile(*store, out, kbfile::Format::Csv));
    QCOMPARE(readAll(out), original);
}

void TestKb::versionBumpsOnEdit()
{
    OPEN_FRESH(store);
    VERIFY_OK(store->replaceKnowledgeBase(sampleKb().articles, kNow));
    KbArticle edited = sampleKb().articles.at(1);
    const int before = edited.version;
    edited.content[QStringLiteral("en")].questions = {QStringLiteral("Has my package shipped?")};
    edited.version = 100; // ignored: the store counts edits itself
    VERIFY_OK(store->upsertArticle(edited, kNow + 1));
    TAKE(once, store->article(edited.id));
    QCOMPARE(once.version, before + 1);
    QCOMPARE(once.content.value(QStringLiteral("en")).questions,
             edited.content.value(QStringLiteral("en")).questions);
    VERIFY_OK(store->upsertArticle(edited, kNow + 2));
    TAKE(twice, store->article(edited.id));
    QCOMPARE(twice.version, before + 2);

    KbArticle fresh = makeArticle(QStringLiteral("gift-wrap"), QStringLiteral("order.gift_wrap"),
                                  {{QStringLiteral("en"),
                                    {QStringLiteral("Gift wrap"),
                                     QStringLiteral("We wrap for free."),
                                     {QStringLiteral("Can you gift wrap?")}}}});
    VERIFY_OK(store->upsertArticle(fresh, kNow + 3));
    TAKE(all, store->articles());
    QCOMPARE(all.size(), 4);
    QCOMPARE(all.at(1).id, edited.id); // an edit keeps the article's place
    QCOMPARE(all.last().id, fresh.id); // a new one goes last
    QCOMPARE(all.last().version, 1);

    KbArticle bad = fresh;
    bad.intent = QStringLiteral("Not Dotted");
    QVERIFY(!store->upsertArticle(bad, kNow + 4).ok());
    TAKE(unchanged, store->article(fresh.id));
    QCOMPARE(unchanged.version, 1);
}

void TestKb::replaceIsAtomic()
{
    OPEN_FRESH(store);
    VERIFY_OK(store->replaceKnowledgeBase(sampleKb().articles, kNow, sampleKb().shopName));
    TAKE(before, store->articles());
    {
        // The third article fails inside the database, after two were written.
        RawDb raw(currentUrl());
        if (store->kind() == DatabaseUrl::Kind::Sqlite)
            QVERIFY(raw.exec(QStringLiteral("CREATE TRIGGER kb_boom BEFORE INSERT ON kb_articles"
                                            " WHEN NEW.id = 'boom' BEGIN"
                                            " SELECT RAISE(ABORT, 'boom refused'); END")));
        else
            QVERIFY(raw.exec(QStringLiteral("ALTER TABLE kb_articles ADD CONSTRAINT kb_boom"
                                            " CHECK (id <> 'boom')")));
    }
    QList<KbArticle> next = sampleKb().articles;
    next[0].id = QStringLiteral("renamed");
    next[2].id = QStringLiteral("boom");
    const Status s = store->replaceKnowledgeBase(next, kNow + 1);
    QVERIFY(!s.ok());
    QVERIFY2(s.error().message.contains(QLatin1String("articles[2] (boom)")),
             qPrintable(s.error().message));
    TAKE(after, store->articles());
    QVERIFY(after == before);
    TAKE(shop, store->kbShopName());
    QCOMPARE(shop, sampleKb().shopName);
    // The search index was rolled back with the articles.
    TAKE(hits, store->searchQuestions(
                   TextAnalyzer::instance().analyze(QStringLiteral("refund")).ftsText(), 5));
    QVERIFY(!hits.isEmpty());
    QCOMPARE(hits.first().first, QStringLiteral("refund-status"));
}

void TestKb::search_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("expected"); // empty: no hit
    const QStringList backends =
        m_pgUrl.isEmpty() ? QStringList{QStringLiteral("sqlite")}
                          : QStringList{QStringLiteral("sqlite"), QStringLiteral("postgresql")};
    for (const QString &backend : backends) {
        const auto row = [&](const char *name) -> QTestData & {
            return QTest::addRow("%s: %s", qPrintable(backend), name) << backend;
        };
        row("Traditional query, Simplified question") << "退款還沒到賬"
                                                      << "refund-status";
        row("Simplified query, Traditional question") << "我的包裹在哪里"
                                                      << "parcel-tracking";
        row("English inflection") << "I was refunded"
                                  << "refund-status";
        row("English title word") << "parcels"
                                  << "parcel-tracking";
        row("FTS syntax is literal") << "\"refund\" OR NEAR( * -"
                                     << "refund-status";
        row("disabled article is not found") << "幾點上班"
                                             << "";
        row("nothing in common") << "zebra"
                                 << "";
    }
}

void TestKb::search()
{
    QFETCH(QString, backend);
    QFETCH(QString, query);
    QFETCH(QString, expected);
    const DatabaseUrl url = DatabaseUrl::parse(backend == QLatin1String("sqlite")
                                                   ? QStringLiteral("sqlite:") +
                                                         m_dir->filePath(QStringLiteral("kb.db"))
                                                   : m_pgUrl)
                                .value();
    if (url.kind == DatabaseUrl::Kind::Postgresql)
        RawDb(url).dropAllTables();
    TAKE(store, Store::open(url, QStringLiteral("kb-search-%1").arg(++m_connections)));
    VERIFY_OK(store->replaceKnowledgeBase(sampleKb().articles, kNow));
    const QString analysed = TextAnalyzer::instance().analyze(query).ftsText();
    TAKE(hits, store->searchQuestions(analysed, 5));
    if (expected.isEmpty()) {
        QVERIFY2(hits.isEmpty(), qPrintable(hits.value(0).first));
        return;
    }
    QVERIFY2(!hits.isEmpty(), qPrintable(analysed));
    QCOMPARE(hits.first().first, expected);
    QStringList ids;
    for (const auto &hit : hits)
        ids.append(hit.first);
    ids.removeDuplicates();
    QCOMPARE(ids.size(), hits.size()); // one entry per article
}

void TestKb::demoKb()
{
    OPEN_FRESH(store);
    const QString path = QStringLiteral(TANDEM_DEMO_KB);
    TAKE(imported, kbfile::importFile(*store, path, kbfile::Format::Json, kNow));
    QVERIFY(imported.articles.size() >= 64);
    TAKE(count, store->articleCount());
    QCOMPARE(count, imported.articles.size());
    // Export writes the same document (key order aside: Qt writes keys sorted).
    const QString out = m_dir->filePath(QStringLiteral("demo.json"));
    TAKE(exported, kbfile::exportFile(*store, out, kbfile::Format::Json));
    QCOMPARE(QJsonDocument::fromJson(readAll(out)), QJsonDocument::fromJson(readAll(path)));
    // And through CSV everything but the versions survives.
    const QString csv = m_dir->filePath(QStringLiteral("demo.csv"));
    TAKE(exportedCsv, kbfile::exportFile(*store, csv, kbfile::Format::Csv));
    TAKE(fromCsv, kbfile::readFile(csv, kbfile::Format::Csv));
    QCOMPARE(fromCsv.articles.size(), imported.articles.size());
    for (int i = 0; i < fromCsv.articles.size(); ++i) {
        KbArticle a = imported.articles.at(i);
        a.version = 1;
        QVERIFY2(fromCsv.articles.at(i) == a, qPrintable(a.id));
    }
}

QTEST_GUILESS_MAIN(TestKb)
#include "tst_kb.moc"
