#include "hubprocess.h"
#include "store.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace tandem;

namespace {

// English and Chinese, every label spelling the command accepts.
const QByteArray kGoodCsv = "id,text,label\n"
                            "1,\"Great service, thank you so much!\",positive\n"
                            "2,I love this shop,Positive\n"
                            "3,服务很好，谢谢,positive\n"
                            "4,物流很快，非常满意,1\n"
                            "5,\"Terrible, still no refund\",negative\n"
                            "6,This is the worst order ever,NEGATIVE\n"
                            "7,太慢了，非常失望,negative\n"
                            "8,质量很差，不会再买,0\n"
                            "9,\"Still waiting,\n very annoyed\",-1\n"
                            "10,Where is my parcel?,neutral\n"
                            "11,我的订单到哪了,neutral\n"
                            "12,谢谢你们的帮助,positive\n";

} // namespace

/// `tandem-hub sentiment train|status|reset` as a user runs them: a bad file exits 1 naming the
/// line and field, and stores nothing.
class TestSentimentCli : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void help();
    void trainStatusReset();
    void badFilesStoreNothing_data();
    void badFilesStoreNothing();
    void trainsFromAgentsTags();

private:
    using Run = test::HubRun;
    Run hub(const QStringList &args);
    QString write(const QString &name, const QByteArray &data);
    int storedModels();

    QString m_hubBin;
    QTemporaryDir m_dir;
    QString m_database;
};

void TestSentimentCli::initTestCase()
{
    m_hubBin = qEnvironmentVariable("TANDEM_HUB_BIN");
    QVERIFY2(QFile::exists(m_hubBin), "set TANDEM_HUB_BIN to the tandem-hub executable");
    QVERIFY(m_dir.isValid());
    m_database = QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("hub.db"));
}

TestSentimentCli::Run TestSentimentCli::hub(const QStringList &args)
{
    return test::runHub(m_hubBin,
                        QStringList{QStringLiteral("sentiment")} + args +
                            QStringList{QStringLiteral("--database"), m_database},
                        240000);
}

QString TestSentimentCli::write(const QString &name, const QByteArray &data)
{
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size())
        qWarning() << "cannot write" << path;
    return path;
}

int TestSentimentCli::storedModels()
{
    auto store =
        Store::open(DatabaseUrl::parse(m_database).value(), QStringLiteral("sentiment-cli-check"));
    if (!store.ok())
        return -1;
    auto models = store.value()->botModels(QStringLiteral("sentiment"));
    return models.ok() ? int(models->size()) : -1;
}

void TestSentimentCli::help()
{
    const Run r = hub({QStringLiteral("--help")});
    QCOMPARE(r.exitCode, 0);
    for (const char *word : {"train", "status", "reset", "--note", "text_a", "negative"})
        QVERIFY2(r.out.contains(QLatin1String(word)), qPrintable(r.out));
    const Run wrong = hub({QStringLiteral("retrain")});
    QCOMPARE(wrong.exitCode, 1);
    QVERIFY2(wrong.err.contains(QLatin1String("usage:")), qPrintable(wrong.err));
}

void TestSentimentCli::trainStatusReset()
{
    Run r = hub({QStringLiteral("status")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(QLatin1String("No active sentiment model")), qPrintable(r.out));

    r = hub({QStringLiteral("train"), write(QStringLiteral("good.csv"), kGoodCsv),
             QStringLiteral("--note"), QStringLiteral("shop reviews 店铺")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(QLatin1String("Read 12 examples")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QLatin1String("negative 5, neutral 2, positive 5")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QLatin1String("Cross-validated accuracy (5 folds")), qPrintable(r.out));
    const QRegularExpressionMatch trained =
        QRegularExpression(QStringLiteral("Trained model ([0-9a-f]{12}) in [0-9.]+ s"))
            .match(r.out);
    QVERIFY2(trained.hasMatch(), qPrintable(r.out));
    const QString version = trained.captured(1);

    r = hub({QStringLiteral("status")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(QStringLiteral("Active sentiment model: ") + version),
             qPrintable(r.out));
    QVERIFY2(r.out.contains(QStringLiteral("from 12 examples; note: shop reviews 店铺")),
             qPrintable(r.out));

    // A TSV of ChnSentiCorp's shape (label first, text_a) trains a second, newer model.
    r = hub({QStringLiteral("train"),
             write(QStringLiteral("reviews.tsv"), "label\ttext_a\n1\t房间干净，服务周到\n"
                                                  "0\t房间很脏，服务差\n1\tvery clean room\n"
                                                  "0\tdirty room, rude staff\n")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(QLatin1String("negative 2, positive 2")), qPrintable(r.out));
    QCOMPARE(storedModels(), 2);
    r = hub({QStringLiteral("status")});
    QVERIFY2(!r.out.contains(QStringLiteral("Active sentiment model: ") + version),
             qPrintable(r.out));
    QVERIFY2(r.out.contains(QLatin1String("older")), qPrintable(r.out));

    r = hub({QStringLiteral("reset")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(QLatin1String("2 model(s) deactivated")), qPrintable(r.out));
    r = hub({QStringLiteral("status")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(QLatin1String("No active sentiment model")), qPrintable(r.out));
    QVERIFY2(r.out.contains(version), qPrintable(r.out)); // kept for the record
    QCOMPARE(storedModels(), 2);
}

void TestSentimentCli::badFilesStoreNothing_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("expected");

    QTest::newRow("bad label") << "a.csv" << QByteArray("text,label\nfine,positive\nhm,maybe\n")
                               << "line 3, field label: \"maybe\" is not a label";
    QTest::newRow("empty text") << "b.csv" << QByteArray("text,label\nok,positive\n  ,negative\n")
                                << "line 3, field text: the text is empty";
    QTest::newRow("field count") << "c.csv"
                                 << QByteArray("text,label\nok,positive\nbad,negative,extra\n")
                                 << "line 3: 3 fields where the header has 2";
    QTest::newRow("unclosed quote")
        << "d.csv" << QByteArray("text,label\nok,positive\n\"bad,negative\n")
        << "line 3: unclosed quote";
    QTest::newRow("tsv field count")
        << "e.tsv" << QByteArray("label\ttext\n1\tgood\n0\tbad\tworse\n")
        << "line 3: 3 fields where the header has 2";
    QTest::newRow("single label") << "f.csv" << QByteArray("text,label\ngood,positive\ngreat,1\n")
                                  << "every example is labelled positive";
    QTest::newRow("empty file") << "g.csv" << QByteArray() << "the file is empty";
    QTest::newRow("header only") << "h.csv" << QByteArray("text,label\n")
                                 << "the file has a header but no examples";
    QTest::newRow("no label column") << "i.csv" << QByteArray("text,mood\ngood,positive\n")
                                     << "line 1: the header needs a \"text\" and a \"label\"";
    QTest::newRow("not utf-8") << "j.csv" << QByteArray("text,label\ngood,1\nbad \xff\xfe,0\n")
                               << "line 3: the file is not valid UTF-8";
    QTest::newRow("extension") << "k.txt" << QByteArray("text,label\ngood,1\nbad,0\n")
                               << "use a .csv or .tsv file";
    QTest::newRow("unreadable") << "" << QByteArray() << "cannot read";
}

void TestSentimentCli::badFilesStoreNothing()
{
    QFETCH(QString, fileName);
    QFETCH(QByteArray, data);
    QFETCH(QString, expected);
    const int before = storedModels();
    QVERIFY(before >= 0);
    const QString path =
        fileName.isEmpty() ? m_dir.filePath(QStringLiteral("missing.csv")) : write(fileName, data);
    const Run r = hub({QStringLiteral("train"), path});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(expected), qPrintable(r.err));
    QVERIFY2(r.out.isEmpty(), qPrintable(r.out));
    QCOMPARE(storedModels(), before);
}

/// Agents' Ctrl+1/2/3 tags become training data: `sentiment train --from-tags`.
void TestSentimentCli::trainsFromAgentsTags()
{
    const QString database = QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("tags.db"));
    {
        auto opened = Store::open(DatabaseUrl::parse(database).value(), QStringLiteral("tags"));
        QVERIFY2(opened.ok(), qPrintable(opened.error().message));
        Store &db = *opened.value();
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        auto agent = db.addUser(QStringLiteral("alice"), QStringLiteral("Alice"), Role::Agent,
                                PasswordHash{QByteArray(32, 'h'), QByteArray(16, 's'), 1}, now);
        QVERIFY(agent.ok());
        const QList<QPair<QString, Mood>> tagged{
            {QStringLiteral("太慢了，非常失望"), Mood::Negative},
            {QStringLiteral("This is the worst order ever"), Mood::Negative},
            {QStringLiteral("服務很好，謝謝"), Mood::Positive},
            {QStringLiteral("Great service, thank you!"), Mood::Positive},
        };
        for (const auto &[text, mood] : tagged) {
            NewConversation n;
            n.customerName = QStringLiteral("Lee");
            n.channel = QStringLiteral("web");
            n.nowMs = now;
            auto c = db.createConversation(n);
            QVERIFY(c.ok());
            Message m;
            m.conversationId = c->id;
            m.senderKind = SenderKind::Customer;
            m.senderName = QStringLiteral("Lee");
            m.text = text;
            m.createdAtMs = now;
            auto added = db.addMessage(m);
            QVERIFY(added.ok());
            SentimentTag tag;
            tag.conversationId = c->id;
            tag.messageId = added->id;
            tag.userId = agent.value();
            tag.agentLabel = mood;
            tag.createdAtMs = now;
            QVERIFY(db.addSentimentTag(tag).ok());
        }
    }
    const QString saved = m_database;
    m_database = database;
    // Tags alone, then tags added to a file's examples.
    Run r = hub({QStringLiteral("train"), QStringLiteral("--from-tags"), QStringLiteral("--folds"),
                 QStringLiteral("0")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(QLatin1String("Added 4 examples tagged by agents")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QLatin1String("negative 2, positive 2")), qPrintable(r.out));
    r = hub({QStringLiteral("train"), QStringLiteral("--from-tags"),
             write(QStringLiteral("more.csv"), kGoodCsv)});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(QLatin1String("negative 7, neutral 2, positive 7")), qPrintable(r.out));
    QCOMPARE(storedModels(), 2);
    // --from-tags belongs to train only.
    QCOMPARE(hub({QStringLiteral("status"), QStringLiteral("--from-tags")}).exitCode, 1);
    m_database = saved;
}

QTEST_GUILESS_MAIN(TestSentimentCli)
#include "tst_sentiment_cli.moc"
