#pragma once

#include "engine.h"
#include "result.h"
#include "store.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QSet>
#include <QThreadPool>
#include <QTimer>
#include <QUrl>

#include <memory>

class QWebSocket;

namespace tandem {

class AgentSession;
class Suggester;
class CustomerSession;
class HttpFront;
class RestApi;

/// How to run a hub: where to listen, which database, and the limits it enforces.
struct HubConfig
{
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 0; // 0: a free port
    DatabaseUrl database;
    HubSettings settings;
    double customerFramesPerSecond = 5;
    double customerBurst = 20;
    double agentFramesPerSecond = 50;
    double agentBurst = 200; // a desktop loads every open conversation when it connects
    double apiRequestsPerSecond = 50;
    double apiBurst = 100;
    int maxConcurrentLogins = 16; // PBKDF2 is expensive: refuse sign-ins beyond this many
    /// After accepted replies taught the bot new questions (or the knowledge base changed), the
    /// suggestion model is retrained this long after the last change.
    int retrainDelayMs = 30 * 1000;
    /// How often the hub looks whether another process (tandem-hub sentiment train or reset, or
    /// another hub on the same PostgreSQL database) changed the active sentiment model; a new one
    /// is loaded off the event loop and swapped in. 0: only at start.
    int modelCheckMs = 15 * 1000;
};

/// The Tandem hub: HTTP + WebSocket front, command engine, and live event fan-out to agents and
/// customers. Runs standalone (tandem-hub serve) or in-process (the desktop's embedded default).
class Hub : public QObject
{
    Q_OBJECT
public:
    ~Hub() override;

    static Result<std::unique_ptr<Hub>> start(const HubConfig &config, QObject *parent = nullptr);

    quint16 port() const;
    QUrl baseUrl() const;
    QUrl chatUrl() const;
    const HubConfig &config() const { return m_config; }

    Engine &engine() { return *m_engine; }
    Store &store() { return *m_store; }
    QThreadPool &passwordPool() { return m_passwordPool; }

    /// Swaps the trained sentiment model atomically (from any thread): customer messages from
    /// now on get its label and score, with escalation cues still from the lexicon. Null goes
    /// back to the lexicon alone. The hub loads the newest active stored model when it starts.
    void setSentimentModel(std::shared_ptr<const SentimentModel> model);
    /// The model in use; null when the lexicon alone scores messages.
    std::shared_ptr<const SentimentModel> sentimentModel() const;
    /// The stored model the hub last took up (in use, or refused as damaged); 0: none.
    qint64 sentimentModelId() const { return m_sentimentModelId; }

    /// The suggestion engine: trained from the knowledge base (and the questions accepted
    /// replies taught it) when the hub starts and again after changes, off the event loop.
    /// Routing uses the newest ready model.
    Suggester &suggester() { return *m_suggester; }
    /// Starts retraining now from what the store holds.
    void retrainSuggestions();

    qint64 lastSeq() const { return m_lastSeq; }
    /// Whether the user has a signed-in desktop connected right now.
    bool isOnline(qint64 userId) const;
    /// For the desktop's embedded default: the local account (created on first use, with no
    /// password, so it can only be used from this process) and a session token for it.
    Result<QString> createLocalSession(const QString &username, const QString &displayName,
                                       Role role);
    int agentCount() const { return int(m_agents.size()); }
    int customerCount() const { return m_customerCount; }

    // Called by sessions.
    /// Reserves one of the concurrent sign-in slots; false when all are busy.
    bool beginLogin();
    void endLogin();
    void addAgent(AgentSession *session);
    void removeAgent(AgentSession *session);
    void watchConversation(CustomerSession *session, qint64 previousId, qint64 conversationId);
    void addCustomerKey(CustomerSession *session, const QByteArray &customerKeyHash);
    void customerClosed(CustomerSession *session);
    /// A customer's (possibly new) conversation: every tab of that customer follows it.
    void customerConversationChanged(const QByteArray &customerKeyHash, qint64 conversationId);

private:
    Hub(const HubConfig &config, std::unique_ptr<Store> store, QObject *parent);
    void onWebSocket(QWebSocket *socket, const QString &path);
    void onCommitted(const QList<Event> &events);
    void onSuggestionModelReady();
    void loadSentimentModel(const std::optional<QPair<BotModelInfo, QByteArray>> &stored);
    /// Loads the active stored sentiment model if it is not the one in use (see modelCheckMs).
    void checkSentimentModel();

    HubConfig m_config;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<Suggester> m_suggester;
    QTimer m_retrainTimer;
    std::unique_ptr<RestApi> m_rest;
    std::unique_ptr<HttpFront> m_front;
    QThreadPool m_passwordPool;
    QTimer m_modelCheckTimer;
    QThreadPool m_modelPool;       // parses a newly stored sentiment model
    qint64 m_sentimentModelId = 0; // stored model in use (or refused); 0: the lexicon
    bool m_sentimentLoading = false;
    qint64 m_lastSeq = 0;
    QSet<AgentSession *> m_agents;
    QHash<qint64, QSet<CustomerSession *>> m_customersByConversation;
    QHash<QByteArray, QSet<CustomerSession *>> m_customersByKey;
    int m_customerCount = 0;
    int m_loginsInFlight = 0;
};

} // namespace tandem
