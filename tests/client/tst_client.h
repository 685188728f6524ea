#pragma once

#include "client.h"
#include "hubfixture.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace tandem::test {

/// Tests of tandem_client against a real hub on a loopback port (and, for misbehaviour a real
/// hub never shows, a scripted fake hub).
class TestClient : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    // tst_client.cpp
    void backoffDoublesWithJitterUpToTheCeiling();
    void signInWithPasswordAndToken();
    void badCredentialsAreReported();
    void unreachableHubFailsPasswordSignIn();
    void queueFollowsCustomersLive();
    void transcriptPagesBackwards();

    // tst_client_sync.cpp
    void stateTransitionsAreSignalled();
    void resyncAfterCutHasNoGapOrDuplicate();
    void snapshotAfterFallingTooFarBehind();
    void rejectedTokenOnReconnectSignsOut();
    void rateLimitedCommandsAreRetried();

    // tst_client_outbox.cpp
    void replyQueuedWhileHubIsDownIsDeliveredOnce();
    void draftAndPendingReplySurviveRestart();
    void resentReplyAfterCrashIsAppliedOnce();
    void permanentFailureIsReportedNotRetried();
    void outboxSendsOnlyAsItsOwner();

    // tst_client_faults.cpp
    void duplicatesAreIgnoredAndGapsResync();
    void silentHubIsDetectedByKeepAlive();
    void unansweredCommandIsResentWithSameId();

private:
    /// Short timings so that reconnects happen within a test's patience.
    static ConnectionOptions fastOptions();
    std::unique_ptr<Client> makeClient(const QString &outboxName = QStringLiteral("outbox.db"));
    /// Resumes with a fresh session token and waits until connected.
    bool connectAs(Client &client, const User &user);
    QUrl hubUrl() const { return m_hubUrl; }
    /// The hub's stored transcript of a conversation (notes included), oldest first.
    QList<Message> storedMessages(qint64 conversationId);

    std::unique_ptr<HubFixture> m_fx;
    std::unique_ptr<QTemporaryDir> m_dir;
    QUrl m_hubUrl;
    User m_alice;
};

constexpr int kWait = 20000;

inline bool isState(Client &c, HubConnection::State s)
{
    return c.connection().state() == s;
}

/// Texts of messages, in order.
inline QStringList textsOf(const QList<Message> &messages)
{
    QStringList list;
    for (const Message &m : messages)
        list.append(m.text);
    return list;
}

inline QStringList latin(std::initializer_list<const char *> list)
{
    QStringList result;
    for (const char *s : list)
        result.append(QLatin1String(s));
    return result;
}

/// Whether a signal whose first argument is a conversation id was emitted for `id`.
inline bool spyHas(const QSignalSpy &spy, qint64 id)
{
    for (const QList<QVariant> &args : spy) {
        if (args.at(0).toLongLong() == id)
            return true;
    }
    return false;
}

/// Whether a signal whose first argument is a command id was emitted for `id`.
inline bool spyHas(const QSignalSpy &spy, const QString &id)
{
    for (const QList<QVariant> &args : spy) {
        if (args.at(0).toString() == id)
            return true;
    }
    return false;
}

inline QJsonObject command(const char *type, qint64 conversationId, QJsonObject extra = {})
{
    extra.insert(QStringLiteral("type"), QLatin1String(type));
    extra.insert(QStringLiteral("conversationId"), conversationId);
    return extra;
}

inline QList<qint64> idsOf(const QList<Message> &messages)
{
    QList<qint64> list;
    for (const Message &m : messages)
        list.append(m.id);
    return list;
}

} // namespace tandem::test
