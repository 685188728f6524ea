#include "hub.h"

#include "agentsession.h"
#include "auth.h"
#include "customersession.h"
#include "httpfront.h"
#include "restapi.h"
#include "suggester.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QWebSocket>

namespace tandem {

Q_LOGGING_CATEGORY(lcHub, "tandem.hub", QtInfoMsg)

Hub::Hub(const HubConfig &config, std::unique_ptr<Store> store, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_store(std::move(store))
{
    m_engine = std::make_unique<Engine>(*m_store, config.settings);
    m_suggester = std::make_unique<Suggester>();
    connect(m_suggester.get(), &Suggester::modelReady, this, &Hub::onSuggestionModelReady);
    connect(m_suggester.get(), &Suggester::trainingFailed, this, [](const Error &error) {
        qCWarning(lcHub).noquote() << "Suggestions: training failed:" << error.message;
    });
    m_retrainTimer.setSingleShot(true);
    m_retrainTimer.setInterval(config.retrainDelayMs);
    connect(&m_retrainTimer, &QTimer::timeout, this, &Hub::retrainSuggestions);
    m_rest = std::make_unique<RestApi>(*this);
    m_front =
        std::make_unique<HttpFront>([this](const HttpRequest &r) { return m_rest->handle(r); });
    m_passwordPool.setMaxThreadCount(2);
    m_modelPool.setMaxThreadCount(1);
    if (config.modelCheckMs > 0) {
        m_modelCheckTimer.setInterval(config.modelCheckMs);
        connect(&m_modelCheckTimer, &QTimer::timeout, this, &Hub::checkSentimentModel);
        m_modelCheckTimer.start();
    }
    connect(m_engine.get(), &Engine::committed, this, &Hub::onCommitted);
    connect(m_front.get(), &HttpFront::webSocketConnected, this, &Hub::onWebSocket);
}

Hub::~Hub()
{
    m_modelCheckTimer.stop();
    m_modelPool.waitForDone(); // its result is then never delivered: this object is going
    m_front->close();
    // Sessions unregister themselves from the hub as they go.
    const auto children = findChildren<ClientConnection *>(Qt::FindDirectChildrenOnly);
    qDeleteAll(children);
    m_engine->flush();
    m_passwordPool.waitForDone();
    m_suggester.reset(); // waits for a training in progress
}

Result<std::unique_ptr<Hub>> Hub::start(const HubConfig &config, QObject *parent)
{
    static int instance = 0;
    auto store = Store::open(config.database, QStringLiteral("tandem-hub-%1").arg(++instance));
    if (!store.ok())
        return store.error();
    auto seq = store.value()->lastSeq();
    if (!seq.ok())
        return seq.error();
    auto stored = store.value()->latestBotModel(QStringLiteral("sentiment"));
    if (!stored.ok())
        return stored.error();
    std::unique_ptr<Hub> hub(new Hub(config, std::move(store.value()), parent));
    hub->m_lastSeq = seq.value();
    hub->loadSentimentModel(*stored);
    hub->retrainSuggestions();
    auto port = hub->m_front->listen(config.address, config.port);
    if (!port.ok())
        return port.error();
    qCInfo(lcHub).noquote() << "Listening on" << hub->baseUrl().toString() << "with database"
                            << config.database.redacted();
    qCInfo(lcHub).noquote() << "Customer chat:" << hub->chatUrl().toString();
    return hub;
}

void Hub::loadSentimentModel(const std::optional<QPair<BotModelInfo, QByteArray>> &stored)
{
    m_sentimentModelId = stored ? stored->first.id : 0;
    if (!stored) {
        setSentimentModel({});
        return;
    }
    const BotModelInfo &info = stored->first;
    auto model = SentimentModel::fromBytes(
        stored->second,
        QStringLiteral("stored sentiment model %1 (id %2)").arg(info.version).arg(info.id));
    if (!model.ok()) {
        // A damaged model must not keep customers from being served: score by the lexicon,
        // and say so loudly.
        qCWarning(lcHub).noquote() << model.error().message
                                   << "- scoring sentiment with the built-in lexicon instead;"
                                      " run 'tandem-hub sentiment train' or 'sentiment reset'";
        setSentimentModel({});
        return;
    }
    setSentimentModel(std::move(model).value());
}

void Hub::checkSentimentModel()
{
    if (m_sentimentLoading)
        return;
    const QString kind = QStringLiteral("sentiment");
    auto models = m_store->botModels(kind);
    if (!models.ok()) {
        qCWarning(lcHub).noquote()
            << "Sentiment: cannot look for a new model:" << models.error().message;
        return;
    }
    qint64 active = 0;
    for (const BotModelInfo &info : std::as_const(models.value())) {
        if (info.active) {
            active = info.id; // the list is newest first
            break;
        }
    }
    if (active == m_sentimentModelId)
        return;
    if (active == 0) {
        qCInfo(lcHub) << "Sentiment: the trained model was reset; back to the lexicon";
        loadSentimentModel(std::nullopt);
        return;
    }
    auto stored = m_store->latestBotModel(kind);
    if (!stored.ok() || !stored.value()) {
        if (!stored.ok())
            qCWarning(lcHub).noquote()
                << "Sentiment: cannot read the new model:" << stored.error().message;
        return; // looked again at the next check
    }
    // Parsing ~100 MB of model takes a while: off the event loop, then swapped in here.
    m_sentimentLoading = true;
    const BotModelInfo info = stored.value()->first;
    const QByteArray bytes = stored.value()->second;
    m_modelPool.start([this, info, bytes] {
        auto model = SentimentModel::fromBytes(
            bytes,
            QStringLiteral("stored sentiment model %1 (id %2)").arg(info.version).arg(info.id));
        QMetaObject::invokeMethod(
            this,
            [this, info, model = std::move(model)]() mutable {
                m_sentimentLoading = false;
                m_sentimentModelId = info.id;
                if (!model.ok()) {
                    // Keep serving with what is in use; the refused model is not retried.
                    qCWarning(lcHub).noquote()
                        << model.error().message << "- keeping the sentiment model in use";
                    return;
                }
                qCInfo(lcHub).noquote()
                    << "Sentiment: a new model was stored (id" << info.id << "); loading it";
                setSentimentModel(std::move(model).value());
            },
            Qt::QueuedConnection);
    });
}

void Hub::setSentimentModel(std::shared_ptr<const SentimentModel> model)
{
    if (model)
        qCInfo(lcHub).noquote() << "Sentiment: trained model" << model->version() << "from"
                                << model->exampleCount()
                                << "examples (escalation cues from the lexicon)";
    else
        qCInfo(lcHub) << "Sentiment: built-in lexicon";
    m_engine->setSentiment(std::make_shared<const HybridSentiment>(std::move(model)));
}

std::shared_ptr<const SentimentModel> Hub::sentimentModel() const
{
    return m_engine->sentiment()->model();
}

quint16 Hub::port() const
{
    return m_front->port();
}

QUrl Hub::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    const QHostAddress a = m_config.address;
    const bool any =
        a == QHostAddress::Any || a == QHostAddress::AnyIPv4 || a == QHostAddress::AnyIPv6;
    url.setHost(any ? QStringLiteral("127.0.0.1") : a.toString());
    url.setPort(port());
    return url;
}

QUrl Hub::chatUrl() const
{
    QUrl url = baseUrl();
    url.setPath(QStringLiteral("/chat"));
    return url;
}

void Hub::onWebSocket(QWebSocket *socket, const QString &path)
{
    if (path == QLatin1String("/ws/agent")) {
        ConnectionLimits limits;
        limits.framesPerSecond = m_config.agentFramesPerSecond;
        limits.burst = m_config.agentBurst;
        auto *session = new AgentSession(*this, socket, limits);
        session->setParent(this);
        connect(session, &ClientConnection::closed, session, &QObject::deleteLater);
        return;
    }
    if (path == QLatin1String("/ws/customer")) {
        ConnectionLimits limits;
        limits.framesPerSecond = m_config.customerFramesPerSecond;
        limits.burst = m_config.customerBurst;
        auto *session = new CustomerSession(*this, socket, limits);
        session->setParent(this);
        ++m_customerCount;
        connect(session, &ClientConnection::closed, session, &QObject::deleteLater);
        return;
    }
    socket->close(QWebSocketProtocol::CloseCodePolicyViolated,
                  QStringLiteral("unknown WebSocket path; use /ws/agent or /ws/customer"));
    socket->deleteLater();
}

bool Hub::beginLogin()
{
    if (m_loginsInFlight >= m_config.maxConcurrentLogins)
        return false;
    ++m_loginsInFlight;
    return true;
}

void Hub::endLogin()
{
    --m_loginsInFlight;
}

bool Hub::isOnline(qint64 userId) const
{
    for (const AgentSession *a : m_agents) {
        if (a->user().id == userId)
            return true;
    }
    return false;
}

Result<QString> Hub::createLocalSession(const QString &username, const QString &displayName,
                                        Role role)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    auto existing = m_store->userByName(username);
    qint64 userId = 0;
    if (existing.ok()) {
        userId = existing->user.id;
    } else {
        // Zero iterations never verify: the account cannot sign in with a password.
        const PasswordHash none{auth::secretHash(auth::randomToken()),
                                auth::secretHash(auth::randomToken()), 0};
        auto id = m_store->addUser(username, displayName, role, none, now);
        if (!id.ok())
            return id.error();
        userId = id.value();
    }
    const QString token = auth::randomToken();
    if (Status s = m_store->addSession(auth::secretHash(token), userId, now,
                                       now + m_config.settings.sessionTtlMs);
        !s.ok())
        return s.error();
    return token;
}

void Hub::addAgent(AgentSession *session)
{
    m_agents.insert(session);
}

void Hub::removeAgent(AgentSession *session)
{
    m_agents.remove(session);
}

void Hub::watchConversation(CustomerSession *session, qint64 previousId, qint64 conversationId)
{
    auto previous = m_customersByConversation.find(previousId);
    if (previous != m_customersByConversation.end() && previous->remove(session) &&
        previous->isEmpty())
        m_customersByConversation.erase(previous);
    m_customersByConversation[conversationId].insert(session);
}

void Hub::addCustomerKey(CustomerSession *session, const QByteArray &customerKeyHash)
{
    m_customersByKey[customerKeyHash].insert(session);
}

void Hub::customerConversationChanged(const QByteArray &customerKeyHash, qint64 conversationId)
{
    const auto sessions = m_customersByKey.value(customerKeyHash);
    for (CustomerSession *s : sessions)
        s->follow(conversationId);
}

void Hub::customerClosed(CustomerSession *session)
{
    --m_customerCount;
    if (session->conversationId()) {
        auto it = m_customersByConversation.find(session->conversationId());
        if (it != m_customersByConversation.end() && it->remove(session) && it->isEmpty())
            m_customersByConversation.erase(it);
    }
    auto key = m_customersByKey.find(session->customerKeyHash());
    if (key != m_customersByKey.end() && key->remove(session) && key->isEmpty())
        m_customersByKey.erase(key);
}

void Hub::retrainSuggestions()
{
    m_retrainTimer.stop();
    auto articles = m_store->articles();
    auto learned = m_store->learnedExamples(100000);
    if (!articles.ok() || !learned.ok()) {
        qCWarning(lcHub).noquote() << "Suggestions: cannot read the knowledge base:"
                                   << (!articles.ok() ? articles.error() : learned.error()).message;
        return;
    }
    QList<SuggestionSource> sources = suggestionSources(*articles);
    // Questions accepted replies taught the bot, for articles that are still enabled.
    QHash<QString, const KbArticle *> byId;
    for (const KbArticle &a : std::as_const(*articles))
        byId.insert(a.id, &a);
    for (const auto &[text, articleId] : std::as_const(*learned)) {
        const KbArticle *a = byId.value(articleId);
        if (a && a->enabled)
            sources.append({a->id, a->version, a->intent, text, QString()});
    }
    if (sources.isEmpty()) {
        qCInfo(lcHub) << "Suggestions: the knowledge base is empty; every conversation goes to"
                         " people until articles are imported";
        m_engine->setSuggestions({});
        return;
    }
    qCInfo(lcHub).noquote() << "Suggestions: training on" << sources.size() << "questions ("
                            << learned->size() << "learned from replies)";
    m_suggester->retrain(sources);
}

void Hub::onSuggestionModelReady()
{
    const std::shared_ptr<const SuggestionModel> model = m_suggester->model();
    if (!model)
        return;
    const SuggesterReport &r = model->report();
    qCInfo(lcHub).noquote() << QStringLiteral(
                                   "Suggestions: model %1 ready (%2 questions, %3 intents; "
                                   "held-out top-1 %4%, calibration error %5, threshold %6, "
                                   "stricter for %8 intents, trained in %7 s)")
                                   .arg(model->version())
                                   .arg(r.examples)
                                   .arg(r.intents)
                                   .arg(100 * r.heldOutTop1, 0, 'f', 1)
                                   .arg(r.expectedCalibrationError, 0, 'f', 3)
                                   .arg(model->threshold(), 0, 'f', 2)
                                   .arg(r.trainingSeconds, 0, 'f', 1)
                                   .arg(r.stricterIntents);
    m_engine->setSuggestions(model);
}

void Hub::onCommitted(const QList<Event> &events)
{
    for (const Event &e : events) {
        m_lastSeq = std::max(m_lastSeq, e.seq);
        // The knowledge base changed, or a reply taught the bot a question: retrain soon (one
        // training for a burst of changes).
        if (e.kind == QLatin1String("kb.updated") ||
            (e.kind == QLatin1String("suggestion.recorded") &&
             e.payload.value(QStringLiteral("outcome"))
                 .toObject()
                 .value(QStringLiteral("learned"))
                 .toBool()))
            m_retrainTimer.start();
        for (AgentSession *a : std::as_const(m_agents))
            a->deliver(e);
        const auto customers = m_customersByConversation.value(e.conversationId);
        for (CustomerSession *c : customers)
            c->deliver(e);
    }
}

} // namespace tandem
