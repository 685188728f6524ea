#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

/// The real `tandem` binary on the embedded default: it logs the customer page's address, and
/// the page answers there.
class TestSmoke : public QObject
{
    Q_OBJECT
private slots:
    void embeddedDefaultServesTheCustomerPage();
};

void TestSmoke::embeddedDefaultServesTheCustomerPage()
{
    const QString bin = qEnvironmentVariable("TANDEM_BIN");
    QVERIFY2(QFile::exists(bin), "set TANDEM_BIN to the tandem executable");
    QTemporaryDir home;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    QProcess desktop;
    desktop.setProcessEnvironment(env);
    QByteArray log;
    connect(&desktop, &QProcess::readyReadStandardError, this,
            [&] { log += desktop.readAllStandardError(); });
    desktop.start(bin, {});
    static const QRegularExpression chat(
        QStringLiteral("Customer chat: (http://127\\.0\\.0\\.1:\\d+/chat)"));
    QRegularExpressionMatch match;
    QVERIFY2(QTest::qWaitFor(
                 [&] {
                     match = chat.match(QString::fromUtf8(log));
                     return match.hasMatch() || desktop.state() == QProcess::NotRunning;
                 },
                 60000) &&
                 match.hasMatch(),
             log.constData());

    QNetworkAccessManager nam;
    QNetworkReply *reply = nam.get(QNetworkRequest(QUrl(match.captured(1))));
    QSignalSpy done(reply, &QNetworkReply::finished);
    QVERIFY(reply->isFinished() || done.wait(20000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QVERIFY(reply->readAll().contains("<html"));
    reply->deleteLater();
    // The embedded hub keeps its data in the user's data directory, demo knowledge base loaded.
    const QString db = home.filePath(QStringLiteral("data/tandem/embedded.db"));
    QVERIFY(QFile::exists(db));
    QProcess stats;
    stats.start(qEnvironmentVariable("TANDEM_HUB_BIN"),
                {QStringLiteral("kb"), QStringLiteral("stats"), QStringLiteral("--database"),
                 QStringLiteral("sqlite:") + db});
    QVERIFY(stats.waitForFinished(30000));
    const QString out = QString::fromUtf8(stats.readAllStandardOutput());
    QCOMPARE(stats.exitCode(), 0);
    static const QRegularExpression articles(QStringLiteral("Articles:\\s+(\\d+)"));
    const auto m = articles.match(out);
    QVERIFY2(m.hasMatch() && m.captured(1).toInt() >= 60, qPrintable(out));

    desktop.terminate();
    QVERIFY(desktop.waitForFinished(30000));
}

QTEST_GUILESS_MAIN(TestSmoke)
#include "tst_smoke.moc"
