#include "agentsession.h"

#include "auth.h"
#include "hub.h"
#include "knowledge.h"
#include "textanalysis.h"

#include <QDateTime>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QPointer>
#include <QWebSocket>
#include <QtConcurrent/QtConcurrentRun>

#include <limits>

namespace tandem {

Q_LOGGING_CATEGORY(lcAgent, "tandem.hub.agent", QtInfoMsg)

namespace {

namespace errc = protocol::errc;

Error err(const char *code, QString message)
{
    return Error{QString::fromLatin1(code), std::move(message)};
}

constexpr int kReplayPage = 1000;
constexpr int kDefaultHistory = 200;
constexpr int kMaxHistory = 1000;

// Verifying against this when the user does not exist keeps the answer as slow as a real check,
// so response time does not reveal which usernames exist.
const PasswordHash &dummyHash()
{
    static const PasswordHash h = auth::hashPassword(QStringLiteral("no such user"));
    return h;
}

} // namespace

AgentSession::AgentSession(Hub &hub, QWebSocket *socket, ConnectionLimits limits)
    : ClientConnection(hub, socket, protocol::Channel::Agent, limits)
{}

AgentSession::~AgentSession()
{
    m_hub.removeAgent(this);
}

void AgentSession::handle(const protocol::Frame &frame)
{
    if (frame.type == QLatin1String("login"))
        return login(frame);
    if (frame.type == QLatin1String("hello"))
        return hello(frame);
    if (!m_ready) {
        sendError(frame.id,
                  err(errc::Unauthenticated, QStringLiteral("sign in first (login or hello)")));
        noteAbuse();
        return;
    }
    if (frame.type == QLatin1String("ping"))
        return send(protocol::ack(frame.id, {{QStringLiteral("seq"), m_hub.lastSeq()}}));
    if (frame.type == QLatin1String("history"))
        return history(frame);
    if (frame.type == QLatin1String("users"))
        return users(frame);
    if (frame.type == QLatin1String("kb.search"))
        return kbSearch(frame);
    if (frame.type == QLatin1String("kb.article"))
        return kbArticle(frame);
    if (frame.type == QLatin1String("sentiment.tags"))
        return sentimentTags(frame);
    if (frame.type == QLatin1String("canned.list"))
        return cannedList(frame);
    if (frame.type == QLatin1String("suggestion.outcomes"))
        return suggestionOutcomes(frame);
    if (frame.type == QLatin1String("logout"))
        return logout(frame);

    // Everything else changes state: through the engine, acknowledged after commit.
    const QString id = frame.id;
    m_hub.engine().submit(Actor::forUser(m_user), frame.type, id, frame.body, this,
                          [this, id](const Result<QJsonObject> &r) {
                              if (r.ok())
                                  send(protocol::ack(id, r.value()));
                              else
                                  sendError(id, r.error());
                          });
}

void AgentSession::login(const protocol::Frame &frame)
{
    if (m_ready || m_loggingIn)
        return sendError(frame.id, err(errc::Conflict, QStringLiteral("already signed in")));
    if (!m_hub.beginLogin())
        return sendError(
            frame.id,
            err(errc::RateLimited, QStringLiteral("too many sign-ins in progress; retry shortly")));
    m_loggingIn = true;

    const QString username = frame.body.value(QStringLiteral("username")).toString();
    const QString password = frame.body.value(QStringLiteral("password")).toString();
    auto record = m_hub.store().userByName(username);
    const bool known = record.ok() && !record->user.disabled;
    const std::optional<PasswordHash> stored =
        known ? std::optional<PasswordHash>(record->password) : std::nullopt;
    const User user = known ? record->user : User{};

    auto *watcher = new QFutureWatcher<bool>(this);
    const QString id = frame.id;
    connect(watcher, &QFutureWatcher<bool>::finished, this, [this, watcher, id, known, user] {
        watcher->deleteLater();
        m_hub.endLogin();
        m_loggingIn = false;
        if (!known || !watcher->result()) {
            qCInfo(lcAgent) << "failed sign-in from" << m_socket->peerAddress();
            sendError(id, err(errc::Unauthenticated, QStringLiteral("wrong username or password")));
            noteAbuse();
            return;
        }
        const QString token = auth::randomToken();
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (Status s = m_hub.store().addSession(auth::secretHash(token), user.id, now,
                                                now + m_hub.engine().settings().sessionTtlMs);
            !s.ok())
            return sendError(id, err(errc::Internal, s.error().message));
        m_tokenHash = QString::fromLatin1(auth::secretHash(token).toHex());
        becomeReady(user, id, {{QStringLiteral("token"), token}}, -1);
    });
    watcher->setFuture(QtConcurrent::run(&m_hub.passwordPool(), [password, stored] {
        if (!stored) {
            auth::verifyPassword(password, dummyHash());
            return false;
        }
        return auth::verifyPassword(password, *stored);
    }));
}

void AgentSession::hello(const protocol::Frame &frame)
{
    if (m_ready || m_loggingIn)
        return sendError(frame.id, err(errc::Conflict, QStringLiteral("already signed in")));
    const QString token = frame.body.value(QStringLiteral("token")).toString();
    auto user =
        m_hub.store().userForSession(auth::secretHash(token), QDateTime::currentMSecsSinceEpoch());
    if (!user.ok()) {
        noteAbuse();
        return sendError(frame.id,
                         err(errc::Unauthenticated,
                             QStringLiteral("session expired or unknown; sign in again")));
    }
    m_tokenHash = QString::fromLatin1(auth::secretHash(token).toHex());
    const QJsonValue last = frame.body.value(QStringLiteral("lastSeq"));
    becomeReady(user.value(), frame.id, {}, last.isDouble() ? last.toInteger() : -1);
}

void AgentSession::becomeReady(const User &user, const QString &id, QJsonObject ackExtra,
                               qint64 lastSeq)
{
    m_user = user;
    auto resumed = synchronise(lastSeq);
    if (!resumed.ok())
        return sendError(id, err(errc::Internal, resumed.error().message));
    m_ready = true;
    authenticated();
    m_hub.addAgent(this);
    ackExtra.insert(QStringLiteral("user"), user.toJson());
    ackExtra.insert(QStringLiteral("seq"), m_hub.lastSeq());
    ackExtra.insert(QStringLiteral("resumed"), resumed.value());
    ackExtra.insert(QStringLiteral("agentCapacity"), m_hub.engine().settings().agentCapacity);
    // The shop's name per language, for {{shop.name}} in canned responses and suggestions.
    if (auto names = m_hub.store().kbShopName(); names.ok()) {
        QJsonObject shop;
        for (auto it = names->cbegin(); it != names->cend(); ++it)
            shop.insert(it.key(), it.value());
        ackExtra.insert(QStringLiteral("shopName"), shop);
    }
    send(protocol::ack(id, ackExtra));
    qCInfo(lcAgent) << user.username << "signed in from" << m_socket->peerAddress()
                    << (resumed.value() ? "(resumed)" : "(snapshot)");
}

Result<bool> AgentSession::synchronise(qint64 lastSeq)
{
    const qint64 current = m_hub.lastSeq();
    const bool canReplay = lastSeq >= 0 && lastSeq <= current &&
                           current - lastSeq <= m_hub.engine().settings().replayLimit;
    if (canReplay) {
        qint64 from = lastSeq;
        while (from < current) {
            auto page = m_hub.store().eventsAfter(from, kReplayPage);
            if (!page.ok())
                return page.error();
            if (page->isEmpty())
                break;
            for (const Event &e : page.value())
                send(protocol::event(e));
            from = page->last().seq;
        }
        return true;
    }
    auto open = m_hub.store().openConversations();
    if (!open.ok())
        return open.error();
    QJsonArray conversations;
    for (const Conversation &c : open.value())
        conversations.append(c.toJson());
    send(protocol::encode({{QStringLiteral("type"), QStringLiteral("snapshot")},
                           {QStringLiteral("seq"), current},
                           {QStringLiteral("conversations"), conversations}}));
    return false;
}

void AgentSession::history(const protocol::Frame &frame)
{
    const qint64 conversationId = frame.body.value(QStringLiteral("conversationId")).toInteger();
    // Without beforeId: the newest page (what a desktop shows first).
    const qint64 beforeId =
        frame.body.value(QStringLiteral("beforeId")).toInteger(std::numeric_limits<qint64>::max());
    const int limit = std::clamp(
        int(frame.body.value(QStringLiteral("limit")).toInteger(kDefaultHistory)), 1, kMaxHistory);
    auto conversation = m_hub.store().conversation(conversationId);
    if (!conversation.ok())
        return sendError(frame.id,
                         err(errc::NotFound,
                             QStringLiteral("conversation %1 does not exist").arg(conversationId)));
    auto messages = m_hub.store().messages(conversationId, 0, beforeId, limit, true);
    if (!messages.ok())
        return sendError(frame.id, err(errc::Internal, messages.error().message));
    QJsonArray list;
    for (const Message &m : messages.value())
        list.append(m.toJson());
    send(protocol::ack(frame.id, {{QStringLiteral("conversation"), conversation->toJson()},
                                  {QStringLiteral("messages"), list},
                                  {QStringLiteral("sentimentTags"), standingTags(conversationId)},
                                  {QStringLiteral("complete"), messages->size() < limit}}));
}

void AgentSession::users(const protocol::Frame &frame)
{
    auto all = m_hub.store().users();
    if (!all.ok())
        return sendError(frame.id, err(errc::Internal, all.error().message));
    QJsonArray list;
    for (const User &u : all.value()) {
        if (u.disabled)
            continue;
        QJsonObject o = u.toJson();
        o.remove(QStringLiteral("disabled"));
        o.insert(QStringLiteral("online"), m_hub.isOnline(u.id));
        if (permissions::canWorkConversations(u.role)) {
            auto count = m_hub.store().assignedCount(u.id);
            o.insert(QStringLiteral("assigned"), count.ok() ? count.value() : 0);
        }
        list.append(o);
    }
    send(protocol::ack(frame.id, {{QStringLiteral("users"), list}}));
}

void AgentSession::kbSearch(const protocol::Frame &frame)
{
    const QString query = frame.body.value(QStringLiteral("query")).toString();
    const int limit =
        std::clamp(int(frame.body.value(QStringLiteral("limit")).toInteger(10)), 1, 50);
    auto hits =
        m_hub.store().searchQuestions(TextAnalyzer::instance().analyze(query).ftsText(), limit);
    if (!hits.ok())
        return sendError(frame.id, err(errc::Internal, hits.error().message));
    QJsonArray results;
    for (const auto &[articleId, score] : hits.value()) {
        auto article = m_hub.store().article(articleId);
        if (!article.ok())
            continue;
        QJsonObject titles;
        for (auto it = article->content.cbegin(); it != article->content.cend(); ++it)
            titles.insert(it.key(), it.value().title);
        results.append(QJsonObject{{QStringLiteral("articleId"), articleId},
                                   {QStringLiteral("intent"), article->intent},
                                   {QStringLiteral("version"), article->version},
                                   {QStringLiteral("titles"), titles},
                                   {QStringLiteral("rank"), score}});
    }
    send(protocol::ack(frame.id, {{QStringLiteral("results"), results}}));
}

void AgentSession::kbArticle(const protocol::Frame &frame)
{
    auto article = m_hub.store().article(frame.body.value(QStringLiteral("articleId")).toString());
    if (!article.ok())
        return sendError(frame.id, article.error().code == QLatin1String(errc::NotFound)
                                       ? err(errc::NotFound, article.error().message)
                                       : err(errc::Internal, article.error().message));
    send(protocol::ack(frame.id, {{QStringLiteral("article"), article->toJson()}}));
}

void AgentSession::logout(const protocol::Frame &frame)
{
    m_hub.store().deleteSession(QByteArray::fromHex(m_tokenHash.toLatin1()));
    send(protocol::ack(frame.id));
    closeWith(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("signed out"));
}

void AgentSession::deliver(const Event &event)
{
    if (m_ready)
        send(protocol::event(event));
}

} // namespace tandem
