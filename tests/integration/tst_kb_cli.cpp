#include "hubprocess.h"
#include "store.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace tandem;

/// `tandem-hub kb import|export|stats` as a user runs them: a bad file exits 1 with a message
/// naming the place, and leaves the database as it was.
class TestKbCli : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void importGoodThenRejectBad();

private:
    using Run = test::HubRun;
    Run hub(const QStringList &args);
    QByteArray exportJson();

    QString m_hubBin;
    QTemporaryDir m_dir;
    QString m_database;
};

void TestKbCli::initTestCase()
{
    m_hubBin = qEnvironmentVariable("TANDEM_HUB_BIN");
    QVERIFY2(QFile::exists(m_hubBin), "set TANDEM_HUB_BIN to the tandem-hub executable");
    QVERIFY(m_dir.isValid());
    m_database = QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("hub.db"));
}

TestKbCli::Run TestKbCli::hub(const QStringList &args)
{
    return test::runHub(m_hubBin,
                        QStringList{QStringLiteral("kb")} + args +
                            QStringList{QStringLiteral("--database"), m_database},
                        60000);
}

QByteArray TestKbCli::exportJson()
{
    const QString path = m_dir.filePath(QStringLiteral("export.json"));
    const Run r = hub({QStringLiteral("export"), path});
    if (r.exitCode != 0)
        qWarning() << "export failed:" << r.err;
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void TestKbCli::importGoodThenRejectBad()
{
    const QString demo = QStringLiteral(TANDEM_DEMO_KB);
    Run r = hub({QStringLiteral("import"), demo});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(QLatin1String("Imported ")), qPrintable(r.out));
    r = hub({QStringLiteral("stats")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(QLatin1String("AutoAnswer:")), qPrintable(r.out));
    const QByteArray before = exportJson();
    QVERIFY(!before.isEmpty());

    // The sixth article loses its intent: nothing of the file may be imported.
    QFile in(demo);
    QVERIFY(in.open(QIODevice::ReadOnly));
    QJsonObject root = QJsonDocument::fromJson(in.readAll()).object();
    QJsonArray articles = root.value(QStringLiteral("articles")).toArray();
    QJsonObject sixth = articles.at(5).toObject();
    const QString id = sixth.value(QStringLiteral("id")).toString();
    sixth.remove(QStringLiteral("intent"));
    articles.replace(5, sixth);
    articles.removeAt(0); // so a partial import would be visible
    root.insert(QStringLiteral("articles"), articles);
    const QString badJson = m_dir.filePath(QStringLiteral("bad.json"));
    {
        QFile f(badJson);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(root).toJson());
    }
    r = hub({QStringLiteral("import"), badJson});
    QCOMPARE(r.exitCode, 1);
    const QString expected = QStringLiteral("articles[4] (%1).intent: missing field").arg(id);
    QVERIFY2(r.err.contains(expected), qPrintable(r.err));

    const QString badCsv = m_dir.filePath(QStringLiteral("bad.csv"));
    {
        QFile f(badCsv);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("id,intent,language,title,answer,question,tags,autoAnswer,enabled,lastReviewed\n"
                "a-b,x.y,en,Title,\"Answer\n");
    }
    r = hub({QStringLiteral("import"), badCsv});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QLatin1String("line 2: unclosed quote")), qPrintable(r.err));

    r = hub({QStringLiteral("import"), m_dir.filePath(QStringLiteral("kb.txt"))});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QLatin1String("--format")), qPrintable(r.err));

    QCOMPARE(exportJson(), before);

    // One audit entry: the good import.
    auto url = DatabaseUrl::parse(m_database);
    QVERIFY(url.ok());
    auto store = Store::open(url.value(), QStringLiteral("kb-cli-check"));
    QVERIFY(store.ok());
    auto audit = store.value()->auditEntries(10);
    QVERIFY(audit.ok());
    int imports = 0;
    for (const QJsonObject &entry : audit.value())
        imports += entry.value(QStringLiteral("action")).toString() == QLatin1String("kb.import");
    QCOMPARE(imports, 1);
}

QTEST_GUILESS_MAIN(TestKbCli)
#include "tst_kb_cli.moc"
