#pragma once

#include "actor.h"
#include "result.h"
#include "sentimentmodel.h"
#include "store.h"

#include <QJsonObject>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>

namespace tandem {

class SuggestionModel;

/// Hub-wide settings that commands depend on.
struct HubSettings
{
    int agentCapacity = 5;   // conversations one agent may hold at once
    int replayLimit = 10000; // older resumes get a snapshot instead of a replay
    qint64 sessionTtlMs = 24LL * 3600 * 1000;
    /// New conversations start with the bot (false: straight to the queue, as without a bot).
    bool botEnabled = true;
    /// When the longest wait passes this, handed-over customers get a holding message (0: never).
    qint64 peakWaitMs = 180 * 1000;
};

/// Applies commands to the store with group commit: every command that arrives in one pass of the
/// event loop is applied in one transaction (each inside its own savepoint, so one failure leaves
/// the others intact), and acknowledged only after that transaction commits. A command id already
/// applied for the same actor returns the first outcome without applying anything again.
class Engine : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const Result<QJsonObject> &)>;

    Engine(Store &store, HubSettings settings, QObject *parent = nullptr);
    ~Engine() override;

    /// Queues a command; `done` runs after commit unless `context` has been destroyed by then.
    void submit(const Actor &actor, const QString &type, const QString &commandId,
                const QJsonObject &args, QObject *context, Done done);
    /// Applies a command now, in its own transaction (for synchronous callers such as REST).
    Result<QJsonObject> execute(const Actor &actor, const QString &type, const QString &commandId,
                                const QJsonObject &args);

    Store &store() { return m_store; }
    const HubSettings &settings() const { return m_settings; }

    /// Replaces how customer messages are scored, from any thread; commands already running
    /// finish with the scorer they started with.
    void setSentiment(std::shared_ptr<const HybridSentiment> sentiment);
    std::shared_ptr<const HybridSentiment> sentiment() const;
    /// Replaces the suggestion model routing uses, from any thread (null: the bot hands every
    /// conversation to people, with reason bot_unavailable).
    void setSuggestions(std::shared_ptr<const SuggestionModel> model);
    std::shared_ptr<const SuggestionModel> suggestions() const;

    /// Commits everything queued so far. Runs by itself on the next event-loop pass.
    void flush();

signals:
    /// Events made by a committed batch, in seq order.
    void committed(const QList<tandem::Event> &events);

private:
    struct Pending
    {
        Actor actor;
        QString type;
        QString commandId;
        QJsonObject args;
        QPointer<QObject> context;
        bool hasContext = false;
        Done done;
        Result<QJsonObject> outcome = Result<QJsonObject>::failure(QString(), QString());
    };

    void applyOne(Pending &p, QList<Event> &events);

    Store &m_store;
    HubSettings m_settings;
    QList<Pending> m_queue;
    QTimer m_flushTimer;
    mutable QMutex m_sentimentMutex;
    std::shared_ptr<const HybridSentiment> m_sentiment;   // never null
    std::shared_ptr<const SuggestionModel> m_suggestions; // guarded by m_sentimentMutex
};

} // namespace tandem
